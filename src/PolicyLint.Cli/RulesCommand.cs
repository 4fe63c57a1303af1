using System.CommandLine;
using System.Text;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Reporting;
using PolicyLint.Rules;

namespace PolicyLint.Cli;

/// <summary><c>policylint rules [ID]</c>: the rule catalog as a table, or one rule's page (its embedded markdown).</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string?>("ID") { Arity = ArgumentArity.ZeroOrOne, Description = "A rule ID, e.g. PL1001: print its page." };
        var command = new Command("rules", "List every rule (ID, default severity, category, title), or print one rule's page.") { id };
        command.SetAction(parse =>
        {
            var descriptors = new AnalysisDriver(RulePack.CreateAnalyzers()).Descriptors;
            if (parse.GetValue(id) is not { } wanted)
            {
                stdout.Write(Table(descriptors.Select(d => new[] { d.Id, SarifReporter.Level(d.DefaultSeverity), d.Category.ToString(), d.Title }), ["ID", "severity", "category", "title"]));
                return ExitCodes.Success;
            }

            if (!descriptors.Any(d => d.Id == wanted) || RulePack.GetHelpMarkdown(wanted) is not { } page)
            {
                stderr.WriteLine($"policylint: error: unknown rule '{wanted}'; 'policylint rules' lists every rule");
                return ExitCodes.UsageError;
            }

            stdout.Write(page.EndsWith('\n') ? page : page + "\n");
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
