using System.CommandLine;
using System.Text;
using PolicyLint.Core.Reporting;
using PolicyLint.Rules;
using PolicyLint.Rules.ExclusionTags;

namespace PolicyLint.Cli;

/// <summary><c>policylint rules [ID...]</c>: the rule catalog as a table, or the pages of the rules named (their
/// embedded markdown).</summary>
internal static class RulesCommand
{
    /// <summary>What separates two rule pages: a markdown thematic break, so that the pages together are one document.</summary>
    public const string PageSeparator = "\n---\n\n";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var ids = new Argument<string[]>("ID") { Arity = ArgumentArity.ZeroOrMore, Description = $"Rule IDs, e.g. {UnrecordedExclusionTagAnalyzer.RuleId} (any case): print their pages." }; // a constant: the descriptor would set up the rule pack for every command line (issue 15)
        var command = new Command("rules", "List every rule (ID, default severity, category, title), or print the pages of the rules named.") { ids };
        command.SetAction(parse =>
        {
            var descriptors = CommandSupport.CreateDriver().Descriptors;
            if (parse.GetValue(ids) is not [_, ..] wanted)
            {
                stdout.Write(Table(descriptors.Select(d => new[] { d.Id, ReportText.Level(d.DefaultSeverity), d.Category.ToString(), d.Title }), ["ID", "severity", "category", "title"]));
                return ExitCodes.Success;
            }

            var pages = new List<string>();
            var unknown = new List<string>();
            foreach (var text in wanted)
            {
                // IDs are matched ignoring case (pl1001 is PL1001); the page printed is the canonical one.
                if (descriptors.FirstOrDefault(d => string.Equals(d.Id, text, StringComparison.OrdinalIgnoreCase)) is { } descriptor
                    && RulePack.GetHelpMarkdown(descriptor.Id) is { } page)
                {
                    var normalized = page.EndsWith('\n') ? page : page + "\n";
                    if (!pages.Contains(normalized))
                        pages.Add(normalized);
                }
                else
                    unknown.Add(text);
            }

            if (unknown.Count > 0)
            {
                foreach (var text in unknown)
                    stderr.WriteLine($"policylint: error: unknown rule '{text}'; 'policylint rules' lists every rule");
                return ExitCodes.UsageError;
            }

            stdout.Write(string.Join(PageSeparator, pages));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A plain-text table: columns left-aligned and separated by two spaces, no trailing spaces, LF ends.</summary>
    public static string Table(IEnumerable<string[]> rows, string[] header)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length; i++)
                sb.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            sb.Append('\n');
        }

        return sb.ToString();
    }
}
