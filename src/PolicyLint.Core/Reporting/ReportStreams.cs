using System.Text;

namespace PolicyLint.Core.Reporting;

/// <summary>How the line formats write to a stream.</summary>
internal static class ReportStreams
{
    /// <summary>A writer over <paramref name="stream"/> (left open): UTF-8 without a byte order mark, LF line ends.</summary>
    public static StreamWriter Writer(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
}
