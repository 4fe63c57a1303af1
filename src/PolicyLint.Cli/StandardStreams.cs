using System.Runtime.InteropServices;
using System.Text;

namespace PolicyLint.Cli;

/// <summary>
/// The process's standard output and standard error as text writers (UTF-8 without a byte order mark).
/// <para>On Unix they write to file descriptors 1 and 2 with <c>write(2)</c> rather than through
/// <see cref="Console"/>: the first write through any console stream (<c>Console.Out</c>, <c>Console.Error</c>,
/// <c>Console.OpenStandardOutput()</c>), like <c>Console.WindowWidth</c>, initialises the terminal from terminfo, which
/// switches it into keypad transmit mode (<c>ESC[?1h ESC=</c>) whenever standard output is a terminal, and leaves it
/// there after PolicyLint exits. A <see cref="FileStream"/> on the descriptor is no alternative: on a regular file it
/// writes at its own offset (<c>pwrite</c>), so <c>policylint &gt; log 2&gt;&amp;1</c> would overwrite one stream with
/// the other.</para>
/// <para>Standard output is buffered and must be flushed at exit; standard error is written at once, after flushing
/// standard output, so that the two keep their order on a terminal.</para>
/// </summary>
internal static partial class StandardStreams
{
    /// <summary>Opens standard output and standard error.</summary>
    public static (TextWriter Stdout, TextWriter Stderr) Open()
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (OperatingSystem.IsWindows())
        {
            Console.OutputEncoding = encoding;
            return (Console.Out, Console.Error);
        }

        var stdout = new StreamWriter(new DescriptorStream(1, beforeWrite: null, dropFailures: false), encoding, bufferSize: 16 * 1024) { AutoFlush = false };
        // Standard error is the last resort: when it cannot be written (`2>&-`), there is no one left to tell.
        var stderr = new StreamWriter(new DescriptorStream(2, beforeWrite: () => FlushQuietly(stdout), dropFailures: true), encoding, bufferSize: 1024) { AutoFlush = true };
        return (stdout, stderr);
    }

    /// <summary>Whether standard output is a terminal: what <see cref="Console.IsOutputRedirected"/> answers (on Unix,
    /// <c>isatty(1)</c>), without setting up the console (System.Console at every start; issue 15).</summary>
    public static bool StdoutIsTerminal() => OperatingSystem.IsWindows() ? !Console.IsOutputRedirected : IsATty(1) == 1;

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);

    /// <summary>Flushes standard output before standard error is written; a failure is left to the final flush, which
    /// reports it (an error message must not fail for it).</summary>
    private static void FlushQuietly(TextWriter stdout)
    {
        try
        {
            stdout.Flush();
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A write-only stream on a Unix file descriptor, written with <c>write(2)</c> at the descriptor's own
    /// offset. Like .NET's console streams, it retries on <c>EINTR</c> and <c>EAGAIN</c> and drops what it cannot
    /// write to a pipe whose reader has gone (<c>EPIPE</c>: <c>policylint rules | head -1</c>).</summary>
    /// <param name="descriptor">The file descriptor (not closed by the stream).</param>
    /// <param name="beforeWrite">Called before each write, or null.</param>
    /// <param name="dropFailures">Whether a failed write is dropped silently instead of throwing an
    /// <see cref="IOException"/>.</param>
    private sealed partial class DescriptorStream(int descriptor, Action? beforeWrite, bool dropFailures) : Stream
    {
        private const int EINTR = 4;
        private const int EPIPE = 32;

        private bool _readerGone;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.IsEmpty)
                return;
            beforeWrite?.Invoke();
            while (!buffer.IsEmpty && !_readerGone)
            {
                var written = NativeWrite(descriptor, buffer, (nuint)buffer.Length);
                if (written >= 0)
                {
                    buffer = buffer[(int)written..];
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                    continue;
                if (errno == EPIPE)
                    _readerGone = true;
                else if (errno == EAGAIN)
                    Thread.Sleep(1);
                else if (dropFailures)
                    return;
                else
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        /// <summary>EAGAIN (a non-blocking descriptor is full): 11 on Linux, 35 on macOS and the BSDs.</summary>
        private static int EAGAIN => OperatingSystem.IsLinux() ? 11 : 35;

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static partial nint NativeWrite(int fd, ReadOnlySpan<byte> buffer, nuint count);
    }
}
