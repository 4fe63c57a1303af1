using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PolicyLint.Core.Workspace;

/// <summary>
/// The file system under a root folder (the working tree). Only regular files are read, after symbolic links are
/// resolved: a FIFO, a device or a socket named like a template is refused before it is opened for reading, so a run
/// never blocks on a pipe nor reads an endless device. Symbolic links to folders are listed as
/// <see cref="FileEntryKind.NotWalked"/> (no loops).
/// </summary>
/// <remarks>On Linux the file type is checked with <c>statx(2)</c> before <c>open(2)</c> and again on the opened file
/// (a file swapped in between is caught), and the file is opened with <c>O_NONBLOCK</c>. Elsewhere .NET's own checks
/// apply: folders are refused; special files are not told apart (Windows has none in its file system).</remarks>
public sealed partial class PhysicalFileSource : IFileSource
{
    /// <summary>Creates the source.</summary>
    /// <param name="root">Absolute root folder.</param>
    public PhysicalFileSource(string root) => Root = root;

    /// <summary>The absolute root folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Description => "the working tree";

    private static readonly EnumerationOptions ListOptions = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The absolute path of a root-relative path.</summary>
    public string FullPath(string path) => path.Length == 0 ? Root : Path.Combine(Root, path);

    /// <inheritdoc />
    public IReadOnlyList<FileSourceEntry> List(string folder)
    {
        var entries = new List<FileSourceEntry>();
        foreach (var entry in new DirectoryInfo(FullPath(folder)).EnumerateFileSystemInfos("*", ListOptions))
        {
            entries.Add(new FileSourceEntry(entry.Name, entry is not DirectoryInfo ? FileEntryKind.File
                : IsLink(entry) ? FileEntryKind.NotWalked
                : FileEntryKind.Folder));
        }

        return entries;
    }

    /// <summary>Whether a listed folder is a symbolic link, from what the listing already knows (no <c>readlink</c>, which
    /// fails on a path longer than the system allows: that folder is then walked, and its own listing fails with a
    /// notification).</summary>
    private static bool IsLink(FileSystemInfo entry)
    {
        try
        {
            // .NET answers -1 (every bit set) when it cannot stat the entry, e.g. a path longer than PATH_MAX: not
            // known to be a link, so the folder is walked and its listing fails with a notification.
            var attributes = entry.Attributes;
            return (int)attributes != -1 && (attributes & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public FileEntryKind? Kind(string path)
    {
        var full = FullPath(path);
        return File.Exists(full) ? FileEntryKind.File : Directory.Exists(full) ? FileEntryKind.Folder : null;
    }

    /// <inheritdoc />
    public Stream OpenRead(string path)
    {
        var full = FullPath(path);
        if (OperatingSystem.IsLinux())
            return new FileStream(LinuxOpen(full), FileAccess.Read, bufferSize: 0);
        if (Directory.Exists(full))
            throw new NotARegularFileException("a folder, not a regular file");
        return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
    }

    private const int ENOENT = 2, EINTR = 4, ENOTDIR = 20, EACCES = 13, EPERM = 1, ENAMETOOLONG = 36;
    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000; // asm-generic and x86-64 alike
    private const int AT_FDCWD = -100, AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 0x1, STATX_SIZE = 0x200;
    private const int StatxModeOffset = 0x1C; // struct statx: u16 stx_mode, the same on every architecture
    private const int S_IFMT = 0xF000, S_IFREG = 0x8000;

    private static SafeFileHandle LinuxOpen(string full)
    {
        // The type first, so that a FIFO or a device is never opened at all (opening some devices has effects).
        Span<byte> status = stackalloc byte[256];
        if (Statx(AT_FDCWD, full, 0, STATX_TYPE, status) != 0)
            throw Failure(Marshal.GetLastPInvokeError(), full);
        CheckRegular(status);

        int fd;
        do
            fd = Open(full, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fd < 0)
            throw Failure(Marshal.GetLastPInvokeError(), full);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            // Again on what was opened: the path may have been swapped for a FIFO in between.
            if (Statx(fd, string.Empty, AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, status) != 0)
                throw Failure(Marshal.GetLastPInvokeError(), full);
            CheckRegular(status);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void CheckRegular(ReadOnlySpan<byte> status)
    {
        var type = BitConverter.ToUInt16(status[StatxModeOffset..]) & S_IFMT;
        if (type != S_IFREG)
            throw new NotARegularFileException(TypeName(type));
    }

    /// <summary>What a non-regular file is, for the notification that says it was skipped.</summary>
    private static string TypeName(int type) => type switch
    {
        0x1000 => "a FIFO (named pipe), not a regular file",
        0x2000 => "a character device, not a regular file",
        0x4000 => "a folder, not a regular file",
        0x6000 => "a block device, not a regular file",
        0xC000 => "a socket, not a regular file",
        _ => "not a regular file",
    };

    private static Exception Failure(int errno, string full)
    {
        var message = Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            ENOENT or ENOTDIR => new FileNotFoundException(message, full),
            EACCES or EPERM => new UnauthorizedAccessException(message),
            ENAMETOOLONG => new PathTooLongException(message),
            _ => new IOException(message, errno),
        };
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);
}
