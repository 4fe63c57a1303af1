using PolicyLint.Core.Analysis;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// An output format of the lint command: writes one <see cref="RunResult"/> as one document. Every reporter is
/// registered once, with its name and file extension, in <see cref="ReportFormats"/>, which the command line
/// (<c>--format</c>, <c>--report</c>, <c>--output</c>, <c>--sarif</c>) and the golden tests read.
/// </summary>
public interface IReporter
{
    /// <summary>Writes <paramref name="run"/> to <paramref name="stream"/>: UTF-8 without a byte order mark, LF line
    /// ends; the same bytes for the same run and settings.</summary>
    /// <param name="run">The run to report, its results in report order (docs/conventions.md#c19).</param>
    /// <param name="settings">What the command line asked for (suppressed results, colour, SARIF options, links).</param>
    /// <param name="stream">Where to write; left open.</param>
    void Write(RunResult run, ReportSettings settings, Stream stream);
}
