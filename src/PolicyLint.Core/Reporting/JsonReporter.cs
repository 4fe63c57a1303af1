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
public static class JsonReporter
{
    /// <summary>Writes the document, two-space indented with LF line ends and a final LF.</summary>
    public static void Write(RunResult run, Stream stream, ToolInfo tool)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
            {
                writer.WriteStartObject();
                writer.WriteString("id", d.Id);
                writer.WriteString("severity", SarifReporter.Level(d.Severity));
                writer.WriteString("message", d.Message);
                writer.WriteString("path", d.Location.Path);
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

            writer.WriteEndArray();
            var active = run.Diagnostics.Where(d => !d.IsSuppressed).ToList();
            writer.WriteStartObject("summary");
            writer.WriteNumber("errors", active.Count(d => d.Severity == DiagnosticSeverity.Error));
            writer.WriteNumber("warnings", active.Count(d => d.Severity == DiagnosticSeverity.Warning));
            writer.WriteNumber("notes", active.Count(d => d.Severity == DiagnosticSeverity.Note));
            writer.WriteNumber("suppressed", run.Diagnostics.Count - active.Count);
            writer.WriteNumber("files", run.FileCount);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }
}
