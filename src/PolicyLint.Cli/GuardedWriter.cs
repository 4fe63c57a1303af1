using System.Text;

namespace PolicyLint.Cli;

/// <summary>Standard output as the commands write it: every write goes to the inner writer, and an
/// <see cref="IOException"/> it throws (a closed descriptor, a full disk, <c>/dev/full</c>) becomes a
/// <see cref="WriteFailedException"/>, which <see cref="CliApp.Run(string[], TextWriter, TextWriter, string, CliEnvironment, Core.Syntax.ParseLimits?)"/>
/// turns into one message on standard error and exit code 2, wherever the write happened.</summary>
internal sealed class GuardedWriter(TextWriter inner) : TextWriter
{
    /// <summary>Standard output could not be written; the inner exception says why.</summary>
    internal sealed class WriteFailedException(IOException inner) : Exception(inner.Message, inner);

    public override Encoding Encoding => inner.Encoding;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null as the default line break, and so does the inner writer.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException ex)
        {
            throw new WriteFailedException(ex);
        }
    }
}
