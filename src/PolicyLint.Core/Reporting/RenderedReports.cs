using PolicyLint.Core.Analysis;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// The documents of one run, each rendered once: a format asked for by several outputs (standard output and
/// <c>--sarif</c>, <c>--output</c> and <c>--report</c>) is written once and its bytes reused, so a SARIF log is built
/// once per run however many times it is written. Colour is part of the key only for a format that colours
/// (<see cref="ReportFormat.Colors"/>). A document is held in chunks below the large object heap threshold and copied
/// to each output as it is written (<see cref="WriteTo(ReportFormat, bool, Stream)"/>), never as one large array.
/// </summary>
/// <param name="run">The run to report.</param>
/// <param name="settings">The settings of every output; <see cref="ReportSettings.Color"/> is set per call.</param>
public sealed class RenderedReports(RunResult run, ReportSettings settings)
{
    private readonly Dictionary<(string Format, bool Color), ChunkedBuffer> _documents = [];

    /// <summary>The bytes of <paramref name="format"/> (UTF-8 without BOM, LF line ends), rendered on first use.</summary>
    /// <param name="format">A registered format (<see cref="ReportFormats"/>).</param>
    /// <param name="color">Whether the output is a terminal that may be coloured.</param>
    public byte[] Get(ReportFormat format, bool color) => Render(format, color).ToArray();

    /// <summary>Writes the bytes of <paramref name="format"/> (as <see cref="Get"/> gives them) to
    /// <paramref name="destination"/>, rendering the document on first use.</summary>
    /// <param name="format">A registered format (<see cref="ReportFormats"/>).</param>
    /// <param name="color">Whether the output is a terminal that may be coloured.</param>
    /// <param name="destination">Where to write; not flushed or closed.</param>
    public void WriteTo(ReportFormat format, bool color, Stream destination) => Render(format, color).WriteTo(destination);

    /// <summary>Writes the text of <paramref name="format"/> (its UTF-8 bytes decoded) to <paramref name="writer"/>,
    /// rendering the document on first use.</summary>
    /// <param name="format">A registered format (<see cref="ReportFormats"/>).</param>
    /// <param name="color">Whether the output is a terminal that may be coloured.</param>
    /// <param name="writer">Where to write; not flushed or closed.</param>
    public void WriteTo(ReportFormat format, bool color, TextWriter writer) => Render(format, color).WriteTo(writer);

    /// <summary>Renders <paramref name="format"/> now, if it is not rendered yet: a caller that writes it to a file
    /// afterwards does not take a failure of the reporter for a failure to write.</summary>
    /// <param name="format">A registered format (<see cref="ReportFormats"/>).</param>
    /// <param name="color">Whether the output is a terminal that may be coloured.</param>
    public void Prepare(ReportFormat format, bool color) => Render(format, color);

    private ChunkedBuffer Render(ReportFormat format, bool color)
    {
        var key = (format.Name, color && format.Colors);
        if (!_documents.TryGetValue(key, out var document))
        {
            document = new ChunkedBuffer();
            format.Reporter.Write(run, settings with { Color = key.Item2 }, document);
            _documents[key] = document;
        }

        return document;
    }
}
