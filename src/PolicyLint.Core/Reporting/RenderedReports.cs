using PolicyLint.Core.Analysis;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// The documents of one run, each rendered once: a format asked for by several outputs (standard output and
/// <c>--sarif</c>, <c>--output</c> and <c>--report</c>) is written once and its bytes reused, so a SARIF log is built
/// once per run however many times it is written. Colour is part of the key only for a format that colours
/// (<see cref="ReportFormat.Colors"/>).
/// </summary>
/// <param name="run">The run to report.</param>
/// <param name="settings">The settings of every output; <see cref="ReportSettings.Color"/> is set per call.</param>
public sealed class RenderedReports(RunResult run, ReportSettings settings)
{
    private readonly Dictionary<(string Format, bool Color), byte[]> _documents = [];

    /// <summary>The bytes of <paramref name="format"/> (UTF-8 without BOM, LF line ends), rendered on first use.</summary>
    /// <param name="format">A registered format (<see cref="ReportFormats"/>).</param>
    /// <param name="color">Whether the output is a terminal that may be coloured.</param>
    public byte[] Get(ReportFormat format, bool color)
    {
        var key = (format.Name, color && format.Colors);
        if (!_documents.TryGetValue(key, out var bytes))
        {
            using var buffer = new MemoryStream();
            format.Reporter.Write(run, settings with { Color = key.Item2 }, buffer);
            _documents[key] = bytes = buffer.ToArray();
        }

        return bytes;
    }
}
