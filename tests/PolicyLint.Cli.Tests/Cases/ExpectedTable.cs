namespace PolicyLint.Cli.Tests.Cases;

/// <summary>One row of a case's "Expected results" table.</summary>
/// <param name="Id">The diagnostic ID.</param>
/// <param name="File">The root-relative path.</param>
/// <param name="LineColumn">"line:col".</param>
/// <param name="Level">The <c>level</c> column (error, warning, note), when the table has one.</param>
/// <param name="Suppressed">The <c>suppressed?</c> column, when the table has one.</param>
internal sealed record ExpectedRow(string Id, string File, string LineColumn, string? Level, bool? Suppressed)
{
    /// <summary><c>ID path line:col</c>, as <see cref="CliRunner.ResultKeys"/> writes a result.</summary>
    public string Key => $"{Id} {File} {LineColumn}";
}

/// <summary>The "Expected results" section of a case's <c>expected.md</c>.</summary>
internal sealed record ExpectedTable(IReadOnlyList<ExpectedRow> Rows)
{
    /// <summary>
    /// Reads the first markdown table under the "## Expected results" heading (columns <c>id</c>, <c>file</c>,
    /// <c>line:col</c>, optionally <c>level</c> and <c>suppressed?</c>). A section without a table must say
    /// "No diagnostics" and gives no rows.
    /// </summary>
    /// <exception cref="FormatException">The section is missing, or its table lacks a required column.</exception>
    public static ExpectedTable Read(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.StartsWith("## Expected results", StringComparison.Ordinal));
        if (start < 0)
            throw new FormatException($"{path} has no '## Expected results' section");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var section = lines[(start + 1)..(end < 0 ? lines.Length : end)];
        var table = section.SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        if (table.Count == 0)
        {
            return section.Any(l => l.Contains("No diagnostics", StringComparison.Ordinal))
                ? new ExpectedTable([])
                : throw new FormatException($"{path}: the Expected results section has neither a table nor 'No diagnostics'");
        }

        var header = Cells(table[0]).Select(c => c.ToLowerInvariant()).ToList();
        int Column(string name, bool required)
        {
            var index = header.IndexOf(name);
            return index >= 0 || !required ? index : throw new FormatException($"{path}: the table has no '{name}' column");
        }

        var id = Column("id", true);
        var file = Column("file", true);
        var lineColumn = Column("line:col", true);
        var level = Column("level", false);
        var suppressed = Column("suppressed?", false);
        var rows = new List<ExpectedRow>();
        foreach (var line in table.Skip(1))
        {
            var cells = Cells(line);
            if (cells.All(c => c.Trim('-', ':').Length == 0))
                continue; // the separator row
            rows.Add(new ExpectedRow(
                cells[id],
                cells[file],
                cells[lineColumn],
                level >= 0 ? cells[level] : null,
                suppressed >= 0 ? cells[suppressed] switch
                {
                    "yes" => true,
                    "no" => false,
                    var other => throw new FormatException($"{path}: suppressed? is '{other}', not yes or no"),
                } : null));
        }

        return new ExpectedTable(rows);
    }

    // Cells never contain '|' in these tables (code spans in the "what" column do not either).
    private static List<string> Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
