using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests;

/// <summary>A heading of a rule page (outside fenced code), with its 0-based line.</summary>
public sealed record PageHeading(int Level, string Text, int Line);

/// <summary>A fenced block of a rule page: its info string and its text (LF line ends, final LF included).</summary>
public sealed record FencedBlock(string Info, string Text, int Line);

/// <summary>
/// One example group of a rule page: the fenced blocks under one <c>### Non-compliant…</c> or <c>### Compliant…</c>
/// heading of <c>## Examples</c>. <see cref="Name"/> is the test case name, e.g. <c>PL2001_NonCompliant</c>.
/// </summary>
public sealed record PageExample(string Id, string Heading, bool IsCompliant, IReadOnlyList<FencedBlock> Blocks, string Name)
{
    /// <summary>The repository file each info string stands for (docs/style.md#rule-page); <c>yaml template PATH</c> is a template at
    /// the root-relative PATH (a nested stack's child template next to <c>template.yaml</c>).</summary>
    public static string? FileFor(string info) => info switch
    {
        _ when info.StartsWith("yaml template ", StringComparison.Ordinal) && info.Length > "yaml template ".Length => info["yaml template ".Length..],
        "yaml template" => "template.yaml",
        "json template" => "template.json",
        "yaml ledger" => Core.Inputs.LoadRequest.DefaultLedgerPath,
        "yaml config" => Core.Configuration.ConfigurationRequest.DefaultFileName,
        "toml samconfig" => Core.Workspace.SamConfig.FileNames[0],
        "json coverage" => DeployedFolder + "/list-coverage.json",
        "json tagging" => DeployedFolder + "/get-resources.json",
        "json functions" => DeployedFolder + "/list-functions.json",
        _ => null,
    };

    /// <summary>The folder the AWS CLI export blocks are written to; the example runs with <c>--deployed</c> it.</summary>
    public const string DeployedFolder = "deployed";

    public override string ToString() => Name;
}

/// <summary>A rule page <c>rules/docs/PLxxxx.md</c>, split into headings, sections and fenced blocks.</summary>
public sealed class RulePage
{
    private RulePage(string id, string text)
    {
        Id = id;
        Text = text;
        Lines = text.Split('\n');
        var headings = new List<PageHeading>();
        var blocks = new List<FencedBlock>();
        string? fenceInfo = null;
        var fenceStart = 0;
        var fenceText = new List<string>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (fenceInfo is null)
                {
                    fenceInfo = line[3..].Trim();
                    fenceStart = i;
                    fenceText.Clear();
                }
                else
                {
                    blocks.Add(new FencedBlock(fenceInfo, string.Concat(fenceText.Select(l => l + "\n")), fenceStart));
                    fenceInfo = null;
                }

                continue;
            }

            if (fenceInfo is not null)
            {
                fenceText.Add(line);
                continue;
            }

            var level = line.TakeWhile(c => c == '#').Count();
            if (level is >= 1 and <= 6 && line.Length > level && line[level] == ' ')
                headings.Add(new PageHeading(level, line[(level + 1)..].Trim(), i));
        }

        IsFenceUnclosed = fenceInfo is not null;
        Headings = headings;
        Blocks = blocks;
    }

    /// <summary>The diagnostic ID (the file name without <c>.md</c>).</summary>
    public string Id { get; }

    /// <summary>The page text, LF line ends.</summary>
    public string Text { get; }

    /// <summary>The page's lines.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Headings outside fenced code, in order.</summary>
    public IReadOnlyList<PageHeading> Headings { get; }

    /// <summary>Every fenced block, in order.</summary>
    public IReadOnlyList<FencedBlock> Blocks { get; }

    /// <summary>Whether a fence is opened and never closed.</summary>
    public bool IsFenceUnclosed { get; }

    /// <summary>The folder of the pages.</summary>
    public static string Folder => RepositoryPaths.Get("rules/docs");

    /// <summary>Every page <c>rules/docs/PL*.md</c> of the repository, by ID.</summary>
    public static IReadOnlyList<RulePage> All() =>
        Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder, "PL*.md").Order(StringComparer.Ordinal).Select(Load)]
            : [];

    /// <summary>The page at <paramref name="path"/>.</summary>
    public static RulePage Load(string path) =>
        new(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path).ReplaceLineEndings("\n"));

    /// <summary>The body lines of the <c>##</c> section <paramref name="heading"/> (up to the next <c>##</c> or
    /// <c>#</c> heading), or null when the page has no such section.</summary>
    public IReadOnlyList<string>? Section(string heading)
    {
        var start = Headings.FirstOrDefault(h => h.Level == 2 && h.Text == heading);
        if (start is null)
            return null;
        var end = Headings.FirstOrDefault(h => h.Line > start.Line && h.Level <= 2)?.Line ?? Lines.Count;
        return [.. Lines.Skip(start.Line + 1).Take(end - start.Line - 1)];
    }

    /// <summary>The example groups under <c>## Examples</c>, in page order.</summary>
    public IReadOnlyList<PageExample> Examples()
    {
        var examples = Headings.FirstOrDefault(h => h.Level == 2 && h.Text == "Examples");
        if (examples is null)
            return [];
        var end = Headings.FirstOrDefault(h => h.Line > examples.Line && h.Level <= 2)?.Line ?? Lines.Count;
        var groups = Headings.Where(h => h.Level == 3 && h.Line > examples.Line && h.Line < end).ToList();
        var result = new List<PageExample>();
        var counts = new Dictionary<bool, int>();
        for (var g = 0; g < groups.Count; g++)
        {
            var heading = groups[g];
            var groupEnd = g + 1 < groups.Count ? groups[g + 1].Line : end;
            var compliant = !heading.Text.StartsWith("Non-compliant", StringComparison.Ordinal);
            counts[compliant] = counts.GetValueOrDefault(compliant) + 1;
            var name = $"{Id}_{(compliant ? "Compliant" : "NonCompliant")}";
            if (counts[compliant] > 1)
                name += $"_{counts[compliant]}";
            result.Add(new PageExample(Id, heading.Text, compliant, [.. Blocks.Where(b => b.Line > heading.Line && b.Line < groupEnd)], name));
        }

        return result;
    }
}
