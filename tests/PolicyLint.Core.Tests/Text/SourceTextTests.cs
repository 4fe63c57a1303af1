using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Text;

public sealed class SourceTextTests
{
    [Test]
    public void GetPosition_Lf_CountsLinesAndColumnsFromOne()
    {
        var source = SourceText.From("t.yaml", "ab\ncd\n");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetPosition(0), Is.EqualTo(new LinePosition(1, 1)));
            Assert.That(source.GetPosition(1), Is.EqualTo(new LinePosition(1, 2)));
            Assert.That(source.GetPosition(2), Is.EqualTo(new LinePosition(1, 3)), "the line break itself is just past the line");
            Assert.That(source.GetPosition(3), Is.EqualTo(new LinePosition(2, 1)));
            Assert.That(source.GetPosition(5), Is.EqualTo(new LinePosition(2, 3)));
            Assert.That(source.LineCount, Is.EqualTo(2));
            Assert.That(source.GetLineText(2), Is.EqualTo("cd"));
        });
    }

    [Test]
    public void GetPosition_Crlf_IsOneLineBreak()
    {
        var source = SourceText.From("t.yaml", "ab\r\ncd\r\nef");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetPosition(2), Is.EqualTo(new LinePosition(1, 3)), "\\r is not part of the line");
            Assert.That(source.GetPosition(4), Is.EqualTo(new LinePosition(2, 1)));
            Assert.That(source.GetPosition(8), Is.EqualTo(new LinePosition(3, 1)));
            Assert.That(source.GetPosition(10), Is.EqualTo(new LinePosition(3, 3)));
            Assert.That(source.LineCount, Is.EqualTo(3));
            Assert.That(source.GetLineText(1), Is.EqualTo("ab"));
            Assert.That(source.GetLineText(2), Is.EqualTo("cd"));
            Assert.That(source.GetLineStart(2), Is.EqualTo(4));
        });
    }

    [Test]
    public void GetPosition_LoneCr_IsALineBreak()
    {
        var source = SourceText.From("t.yaml", "ab\rcd");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetPosition(3), Is.EqualTo(new LinePosition(2, 1)));
            Assert.That(source.LineCount, Is.EqualTo(2));
            Assert.That(source.GetLineText(1), Is.EqualTo("ab"));
        });
    }

    [Test]
    public void GetPosition_Tab_IsOneColumn()
    {
        var source = SourceText.From("t.yaml", "\t\tx: 1");

        Assert.That(source.GetPosition(2), Is.EqualTo(new LinePosition(1, 3)));
    }

    [Test]
    public void GetPosition_NonAscii_CountsUtf16CodeUnits()
    {
        var source = SourceText.From("t.yaml", "é€中x\n𝄞y");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetPosition(3), Is.EqualTo(new LinePosition(1, 4)), "é, € and 中 are one UTF-16 unit each");
            Assert.That(source.Text.IndexOf('y', StringComparison.Ordinal), Is.EqualTo(7));
            Assert.That(source.GetPosition(7), Is.EqualTo(new LinePosition(2, 3)), "𝄞 is a surrogate pair: two columns");
        });
    }

    [Test]
    public void From_RemovesByteOrderMark()
    {
        var source = SourceText.From("t.yaml", "\uFEFFa: 1");

        Assert.Multiple(() =>
        {
            Assert.That(source.Text, Is.EqualTo("a: 1"));
            Assert.That(source.HadByteOrderMark, Is.True);
            Assert.That(source.GetPosition(0), Is.EqualTo(new LinePosition(1, 1)));
            Assert.That(source.GetPosition(3), Is.EqualTo(new LinePosition(1, 4)));
        });
    }

    [Test]
    public void Decode_RemovesUtf8ByteOrderMark()
    {
        var source = SourceText.Decode("t.yaml", [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1'], out var invalid);

        Assert.Multiple(() =>
        {
            Assert.That(invalid, Is.EqualTo(-1));
            Assert.That(source.Text, Is.EqualTo("a: 1"));
            Assert.That(source.HadByteOrderMark, Is.True);
            Assert.That(source.GetPosition(3), Is.EqualTo(new LinePosition(1, 4)));
        });
    }

    [Test]
    public void Decode_ValidUtf8_WithoutByteOrderMark()
    {
        var source = SourceText.Decode("t.yaml", Encoding.UTF8.GetBytes("é: 𝄞"), out var invalid);

        Assert.Multiple(() =>
        {
            Assert.That(invalid, Is.EqualTo(-1));
            Assert.That(source.Text, Is.EqualTo("é: 𝄞"));
            Assert.That(source.HadByteOrderMark, Is.False);
        });
    }

    [TestCase(new byte[] { 0x61, 0x62, 0xFF, 0x63 }, 2, TestName = "Decode_InvalidByte_AfterAscii")]
    [TestCase(new byte[] { 0xC3, 0xA9, 0xFF }, 1, TestName = "Decode_InvalidByte_AfterTwoByteCharacter")]
    [TestCase(new byte[] { 0xF0, 0x9D, 0x84, 0x9E, 0x78, 0xC3, 0x28 }, 3, TestName = "Decode_InvalidSequence_AfterSurrogatePair")]
    [TestCase(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xFF }, 1, TestName = "Decode_InvalidByte_AfterByteOrderMark")]
    [TestCase(new byte[] { 0x61, 0x0A, 0xE2, 0x82 }, 2, TestName = "Decode_TruncatedSequence_AtEnd")]
    [TestCase(new byte[] { 0x80 }, 0, TestName = "Decode_LoneContinuationByte_AtStart")]
    public void Decode_InvalidUtf8_ReportsUtf16OffsetOfFirstInvalidSequence(byte[] bytes, int expectedOffset)
    {
        var source = SourceText.Decode("t.yaml", bytes, out var invalid);

        Assert.Multiple(() =>
        {
            Assert.That(invalid, Is.EqualTo(expectedOffset));
            Assert.That(source.Text[invalid], Is.EqualTo('\uFFFD'), "the rest is decoded leniently");
            Assert.That(SourceText.IsValidUtf8(bytes), Is.False);
        });
    }

    [TestCase("a\nb\n", 3, 2)]
    [TestCase("a\nb", 3, 2)]
    [TestCase("a\r\nb\r\n", 4, 2)]
    [TestCase("a\rb\r", 3, 2)]
    [TestCase("a\n\n", 2, 2)]
    [TestCase("", 0, 1)]
    public void EndOfContent_IsJustPastTheLastCharacter(string text, int endOfContent, int lineCount)
    {
        var source = SourceText.From("t.yaml", text);

        Assert.Multiple(() =>
        {
            Assert.That(source.EndOfContent, Is.EqualTo(endOfContent));
            Assert.That(source.LineCount, Is.EqualTo(lineCount));
            Assert.That(source.GetPosition(source.EndOfContent).Line, Is.LessThanOrEqualTo(lineCount), "never a line that does not exist");
        });
    }

    [Test]
    public void EndOfContent_WithoutFinalNewline_IsOnTheLastLine()
    {
        var source = SourceText.From("t.yaml", "a: 1\nbb: {x");

        Assert.That(source.GetPosition(source.EndOfContent), Is.EqualTo(new LinePosition(2, 7)));
    }

    [Test]
    public void EndOfContent_WithFinalNewline_IsOnTheLastLine()
    {
        var source = SourceText.From("t.yaml", "a: 1\nbb: {x\n");

        Assert.That(source.GetPosition(source.EndOfContent), Is.EqualTo(new LinePosition(2, 7)));
    }

    [Test]
    public void GetPosition_ClampsOffsetsOutsideTheText()
    {
        var source = SourceText.From("t.yaml", "ab");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetPosition(-5), Is.EqualTo(new LinePosition(1, 1)));
            Assert.That(source.GetPosition(99), Is.EqualTo(new LinePosition(1, 3)));
        });
    }

    [Test]
    public void GetOffset_IsTheInverseOfGetPosition_AndClampsToTheLine()
    {
        var source = SourceText.From("t.yaml", "ab\r\ncde\nf");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetOffset(new LinePosition(2, 2)), Is.EqualTo(5));
            Assert.That(source.GetOffset(new LinePosition(1, 99)), Is.EqualTo(2), "clamped before the \\r\\n");
            Assert.That(source.GetOffset(new LinePosition(9, 1)), Is.EqualTo(8), "clamped to the last line");
            for (var offset = 0; offset <= source.Text.Length; offset++)
            {
                if (offset is 3)
                    continue; // between \r and \n: not a position of its own
                Assert.That(source.GetOffset(source.GetPosition(offset)), Is.EqualTo(offset), $"offset {offset}");
            }
        });
    }

    [Test]
    public void GetLineText_OutOfRange_IsEmpty()
    {
        var source = SourceText.From("t.yaml", "a\n");

        Assert.Multiple(() =>
        {
            Assert.That(source.GetLineText(0), Is.Empty);
            Assert.That(source.GetLineText(3), Is.Empty);
        });
    }
}
