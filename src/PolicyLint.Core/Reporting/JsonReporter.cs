using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// PolicyLint's own JSON (<c>--format json</c>, docs/design/sarif-and-json.md#json-output):
/// <c>{"version": 1, "tool": {"name", "version"}, "root": ".", "results": [{"id", "severity", "message", "path",
/// "line", "column", "endLine", "endColumn", "logicalId"?, "suppressed", "justification"?}], "summary": {"errors",
/// "warnings", "notes", "suppressed", "files"}}</c>, results in text order; severities are <c>error</c>,
/// <c>warning</c>, <c>note</c>. Lines and columns are 1-based UTF-16 positions, end column exclusive.
/// </summary>
public sealed class JsonReporter : IReporter
{
    /// <inheritdoc/>
    public void Write(RunResult run, ReportSettings settings, Stream stream) => Write(run, stream, settings.Sarif.Tool, settings.PathPrefix);

    /// <summary>Writes the document, two-space indented with LF line ends and a final LF.</summary>
    public static void Write(RunResult run, Stream stream, ToolInfo tool) => Write(run, stream, tool, string.Empty);

    /// <summary>As <see cref="Write(RunResult, Stream, ToolInfo)"/>, each <c>path</c> after <paramref name="pathPrefix"/>
    /// (<see cref="ReportSettings.PathPrefix"/>).</summary>
    internal static void Write(RunResult run, Stream stream, ToolInfo tool, string pathPrefix)
    {
        using (var writer = CreateWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteStartObject("tool");
            writer.WriteString("name", ToolInfo.Name);
            writer.WriteString("version", tool.Version);
            writer.WriteEndObject();
            writer.WriteString("root", ".");
            writer.WriteStartArray("results");
            foreach (var d in run.Diagnostics)
                WriteResult(writer, d, pathPrefix);

            writer.WriteEndArray();
            var counts = ReportText.Count(run);
            writer.WriteStartObject("summary");
            writer.WriteNumber("errors", counts.Errors);
            writer.WriteNumber("warnings", counts.Warnings);
            writer.WriteNumber("notes", counts.Notes);
            writer.WriteNumber("suppressed", counts.Suppressed);
            writer.WriteNumber("files", counts.Files);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>A JSON writer as PolicyLint's JSON documents are written: two-space indentation, LF line ends,
    /// non-ASCII text unescaped. The caller disposes it and adds the final LF.</summary>
    public static Utf8JsonWriter CreateWriter(Stream stream) =>
        new(stream, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Writes one result object: <c>{"id", "severity", "message", "path", "line", "column", "endLine",
    /// "endColumn", "logicalId"?, "suppressed", "justification"?}</c>, as in the results of <c>--format json</c>
    /// (and of <c>ledger status --format json</c>).</summary>
    public static void WriteResult(Utf8JsonWriter writer, Diagnostic d) => WriteResult(writer, d, string.Empty);

    /// <summary>As <see cref="WriteResult(Utf8JsonWriter, Diagnostic)"/>, the path after <paramref name="pathPrefix"/>.</summary>
    internal static void WriteResult(Utf8JsonWriter writer, Diagnostic d, string pathPrefix)
    {
        writer.WriteStartObject();
        writer.WriteString("id", d.Id);
        writer.WriteString("severity", ReportText.Level(d.Severity));
        writer.WriteString("message", d.Message);
        writer.WriteString("path", ReportSettings.Prefixed(pathPrefix, d.Location.Path));
        writer.WriteNumber("line", d.Location.Start.Line);
        writer.WriteNumber("column", d.Location.Start.Column);
        writer.WriteNumber("endLine", d.Location.End.Line);
        writer.WriteNumber("endColumn", d.Location.End.Column);
        if (d.Target.LogicalLocation is { Kind: LogicalLocationKind.Resource, Name: { } logicalId })
            writer.WriteString("logicalId", logicalId);
        writer.WriteBoolean("suppressed", d.IsSuppressed);
        if (d.Suppression is { } s)
            writer.WriteString("justification", s.Justification);
        writer.WriteEndObject();
    }
}
