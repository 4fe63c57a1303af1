using System.Text;
using PolicyLint.Core.Reporting;

namespace PolicyLint.Cli;

/// <summary>Standard error as the commands write it: one message per <see cref="WriteLine(string?)"/>, with the control
/// characters of the message escaped (<see cref="DisplayText"/>), since messages quote paths, logical IDs and values
/// from the user's files and a CI log or terminal shows standard error as it is.</summary>
internal sealed class DisplayWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n' || !DisplayText.NeedsEscape(value))
            inner.Write(value);
        else
            inner.Write(DisplayText.Escape(value.ToString()));
    }

    public override void Write(string? value)
    {
        if (value is null)
            return;
        var lines = value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
                inner.Write('\n');
            inner.Write(DisplayText.Escape(lines[i]));
        }
    }

    public override void WriteLine(string? value) => inner.WriteLine(DisplayText.Escape(value ?? string.Empty));

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();
}
