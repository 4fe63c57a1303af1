using System.Globalization;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// What every reporter writes alike: the result counts and the summary line, the severity words, and the suffix of a
/// suppressed result. One place, so that the formats (and <c>ledger status</c>) never disagree on a count or a word.
/// </summary>
public static class ReportText
{
    /// <summary>The counts of a run: unsuppressed results by severity, suppressed results, files read.</summary>
    /// <param name="Errors">Unsuppressed results of severity error.</param>
    /// <param name="Warnings">Unsuppressed results of severity warning.</param>
    /// <param name="Notes">Unsuppressed results of severity note (written <c>info</c> by the text formats).</param>
    /// <param name="Suppressed">Suppressed results, whatever their severity.</param>
    /// <param name="Files">Files read (<see cref="RunResult.FileCount"/>).</param>
    public readonly record struct ResultCounts(int Errors, int Warnings, int Notes, int Suppressed, int Files);

    /// <summary>Counts the results of <paramref name="run"/>.</summary>
    public static ResultCounts Count(RunResult run)
    {
        int errors = 0, warnings = 0, notes = 0, suppressed = 0;
        foreach (var diagnostic in run.Diagnostics)
        {
            if (diagnostic.IsSuppressed)
                suppressed++;
            else if (diagnostic.Severity == DiagnosticSeverity.Error)
                errors++;
            else if (diagnostic.Severity == DiagnosticSeverity.Warning)
                warnings++;
            else
                notes++;
        }

        return new ResultCounts(errors, warnings, notes, suppressed, run.FileCount);
    }

    /// <summary>The summary line, e.g. <c>PolicyLint: 2 errors, 3 warnings, 1 info in 14 files</c>, then
    /// <c> (4 suppressed)</c> when results were suppressed; no line break.</summary>
    public static string Summary(RunResult run)
    {
        var c = Count(run);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"PolicyLint: {c.Errors} error{Plural(c.Errors)}, {c.Warnings} warning{Plural(c.Warnings)}, {c.Notes} info in {c.Files} file{Plural(c.Files)}");
        return c.Suppressed > 0 ? string.Create(CultureInfo.InvariantCulture, $"{text} ({c.Suppressed} suppressed)") : text;
    }

    /// <summary>The severity as MSBuild writes it (docs/conventions.md#c19): <c>error</c>, <c>warning</c>, <c>info</c>.</summary>
    public static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The severity as SARIF's <c>level</c> (and GCC, and PolicyLint's JSON) writes it: <c>error</c>,
    /// <c>warning</c>, <c>note</c>.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary><c> [suppressed: justification]</c> for a suppressed result, empty otherwise. With
    /// <paramref name="escape"/>, the justification's control characters are written as <see cref="DisplayText"/>
    /// escapes (for a format that escapes nothing else after); without it, the caller escapes the whole line its own way.</summary>
    public static string SuppressionSuffix(Diagnostic diagnostic, bool escape) =>
        diagnostic.Suppression is { } s ? $" [suppressed: {(escape ? DisplayText.Escape(s.Justification) : s.Justification)}]" : string.Empty;

    private static string Plural(int count) => count == 1 ? string.Empty : "s";
}
