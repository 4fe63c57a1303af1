using System.Text;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// A write-only in-memory stream kept as a list of chunks smaller than the large object heap threshold (85,000 bytes).
/// A <see cref="MemoryStream"/> grows by doubling one array, so a 2 MB SARIF log allocates 4 MB of large arrays on the
/// way (128 KB, 256 KB, … 2 MB) and 2 MB more for <see cref="MemoryStream.ToArray"/>; large arrays count towards a
/// full (generation 2) collection, which at the end of a run traces every syntax tree still live (issue 15). Chunks
/// are ordinary small objects, and the document is copied out of them only where it is written.
/// </summary>
internal sealed class ChunkedBuffer : Stream
{
    /// <summary>Bytes per chunk: below the large object heap threshold of 85,000 bytes.</summary>
    internal const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkSize; // bytes used in the last chunk; a full "last chunk" until the first write
    private long _length;

    /// <summary>How many chunks the document takes.</summary>
    internal int ChunkCount => _chunks.Count;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => _length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_used == ChunkSize)
            {
                _chunks.Add(new byte[ChunkSize]);
                _used = 0;
            }

            var n = Math.Min(buffer.Length, ChunkSize - _used);
            buffer[..n].CopyTo(_chunks[^1].AsSpan(_used));
            _used += n;
            _length += n;
            buffer = buffer[n..];
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>The document's bytes, chunk by chunk, in order.</summary>
    internal IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        for (var i = 0; i < _chunks.Count; i++)
            yield return _chunks[i].AsMemory(0, i == _chunks.Count - 1 ? _used : ChunkSize);
    }

    /// <summary>Writes the document to <paramref name="destination"/>.</summary>
    internal void WriteTo(Stream destination)
    {
        foreach (var chunk in Chunks())
            destination.Write(chunk.Span);
    }

    /// <summary>Writes the document, UTF-8, to <paramref name="writer"/> as text, chunk by chunk (a character split
    /// between two chunks is decoded whole).</summary>
    internal void WriteTo(TextWriter writer)
    {
        const int SliceSize = 16 * 1024; // the characters of a slice fit a small array too
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(SliceSize)];
        // By index, not Chunks().ToList(): a list of ReadOnlyMemory<byte> was JIT-compiled at every start of the
        // ReadyToRun tool (a value type from another assembly; issue 15).
        for (var i = 0; i < _chunks.Count; i++)
        {
            var last = i == _chunks.Count - 1;
            var chunk = _chunks[i].AsSpan(0, last ? _used : ChunkSize);
            for (var at = 0; at < chunk.Length; at += SliceSize)
            {
                var slice = chunk.Slice(at, Math.Min(SliceSize, chunk.Length - at));
                var n = decoder.GetChars(slice, chars, flush: last && at + slice.Length == chunk.Length);
                writer.Write(chars, 0, n);
            }
        }
    }

    /// <summary>The document as one array.</summary>
    internal byte[] ToArray()
    {
        var bytes = new byte[_length];
        var at = 0;
        foreach (var chunk in Chunks())
        {
            chunk.Span.CopyTo(bytes.AsSpan(at));
            at += chunk.Length;
        }

        return bytes;
    }
}
