using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Reporting;

namespace PolicyLint.Core.Tests.Reporting;

public sealed class ChunkedBufferTests
{
    [Test]
    public void Chunks_StayBelowTheLargeObjectHeapThreshold()
    {
        Assert.That(ChunkedBuffer.ChunkSize, Is.LessThan(85_000));
    }

    [Test]
    public void ADocumentOfSeveralChunks_IsWrittenBackByteForByte()
    {
        var bytes = Enumerable.Range(0, (ChunkedBuffer.ChunkSize * 3) + 17).Select(i => (byte)(i * 7)).ToArray();
        var buffer = new ChunkedBuffer();
        buffer.Write(bytes, 0, 10);
        buffer.WriteByte(bytes[10]);
        buffer.Write(bytes.AsSpan(11));
        using var copy = new MemoryStream();
        buffer.WriteTo(copy);

        Assert.Multiple(() =>
        {
            Assert.That(buffer.Length, Is.EqualTo(bytes.Length));
            Assert.That(buffer.ChunkCount, Is.EqualTo(4));
            Assert.That(buffer.ToArray(), Is.EqualTo(bytes));
            Assert.That(copy.ToArray(), Is.EqualTo(bytes));
        });
    }

    [Test]
    public void Text_SplitInsideACharacterAtAChunkEnd_IsDecodedWhole()
    {
        // "é" is two bytes and "😀" four: placed so that each straddles a chunk or a decoding slice boundary.
        var text = new string('a', ChunkedBuffer.ChunkSize - 1) + "é" + new string('b', (16 * 1024) - 3) + "😀" + "z";
        var buffer = new ChunkedBuffer();
        buffer.Write(Encoding.UTF8.GetBytes(text));
        using var writer = new StringWriter();
        buffer.WriteTo(writer);

        Assert.That(writer.ToString(), Is.EqualTo(text));
    }

    [Test]
    public void AnEmptyDocument_WritesNothing()
    {
        var buffer = new ChunkedBuffer();
        using var writer = new StringWriter();
        buffer.WriteTo(writer);

        Assert.Multiple(() =>
        {
            Assert.That(buffer.ToArray(), Is.Empty);
            Assert.That(writer.ToString(), Is.Empty);
        });
    }
}
