using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PolicyLint.Cli;

/// <summary>What <c>stat(2)</c> says of a file: its type, identity (device and inode), owner and permission bits.</summary>
/// <param name="Type">The file type bits of <c>st_mode</c> (<see cref="UnixFile.RegularFile"/>, …).</param>
/// <param name="Permissions">The permission bits of <c>st_mode</c> (<c>0o7777</c>).</param>
/// <param name="Uid">The owning user.</param>
/// <param name="Gid">The owning group.</param>
/// <param name="Device">The device that holds the file.</param>
/// <param name="Inode">The inode number: with <paramref name="Device"/>, the file's identity across hard links.</param>
internal readonly record struct UnixFileStatus(int Type, int Permissions, uint Uid, uint Gid, long Device, long Inode)
{
    /// <summary>Whether this is a regular file.</summary>
    public bool IsRegularFile => Type == UnixFile.RegularFile;

    /// <summary>Whether this is a folder.</summary>
    public bool IsDirectory => Type == UnixFile.Directory;

    /// <summary>Whether this is a symbolic link (only <see cref="UnixFile.LStat"/> says so).</summary>
    public bool IsSymbolicLink => Type == UnixFile.SymbolicLink;
}

/// <summary>
/// The few POSIX file calls .NET does not expose: <c>stat</c>/<c>lstat</c>/<c>fstat</c> (file type, device and inode,
/// owner), <c>fchown</c>, and <c>flock</c> on a folder. Unix only: on Windows every call returns null or does nothing.
/// </summary>
/// <remarks><c>stat</c> goes through the .NET runtime's own native shim (<c>libSystem.Native</c>, present wherever .NET
/// runs and linked into a Native AOT executable), whose <c>FileStatus</c> has one layout on every Unix, unlike libc's
/// <c>struct stat</c>; the layout is that of .NET 8 to 10 (dotnet/runtime <c>src/native/libs/System.Native/pal_io.h</c>),
/// and <c>UnixFileTests</c> checks it against <c>stat(1)</c>. <c>fchown</c>, <c>open</c>, <c>close</c> and <c>flock</c>
/// have the same C signature (and <c>O_RDONLY</c>, <c>LOCK_EX</c>, <c>LOCK_UN</c> the same values) on Linux and macOS.</remarks>
internal static partial class UnixFile
{
    /// <summary><c>S_IFMT</c> and the file types (POSIX values, the same on Linux and macOS).</summary>
    public const int TypeMask = 0xF000, Fifo = 0x1000, CharacterDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000,
        RegularFile = 0x8000, SymbolicLink = 0xA000, Socket = 0xC000;

    private const int LockExclusive = 2, LockUnlock = 8;

    /// <summary><c>stat(2)</c>: follows symbolic links; null when the file does not exist or cannot be examined, and
    /// on Windows.</summary>
    public static UnixFileStatus? Stat(string path) =>
        !OperatingSystem.IsWindows() && SystemNativeStat(path, out var status) == 0 ? From(status) : null;

    /// <summary><c>lstat(2)</c>: a symbolic link itself; null as for <see cref="Stat"/>.</summary>
    public static UnixFileStatus? LStat(string path) =>
        !OperatingSystem.IsWindows() && SystemNativeLStat(path, out var status) == 0 ? From(status) : null;

    /// <summary><c>fstat(2)</c> of an open file; null on Windows or on failure.</summary>
    public static UnixFileStatus? FStat(SafeFileHandle handle) =>
        !OperatingSystem.IsWindows() && SystemNativeFStat(handle, out var status) == 0 ? From(status) : null;

    /// <summary>Gives the open file <paramref name="handle"/> the owner and group of <paramref name="like"/>; false when
    /// the system refuses (only root may give a file away; an ordinary user keeps the new file as theirs).</summary>
    public static bool TryChown(SafeFileHandle handle, UnixFileStatus like) =>
        OperatingSystem.IsWindows() || NativeFChown((int)handle.DangerousGetHandle(), like.Uid, like.Gid) == 0;

    /// <summary>
    /// Waits for an exclusive <c>flock(2)</c> lock on <paramref name="folder"/> and holds it until the result is
    /// disposed (or the process ends). The folder, not a file in it, is locked: a file that is replaced by a rename
    /// would take its lock away with it, and .NET takes shared <c>flock</c> locks on the files it reads, which an
    /// exclusive lock on them would make fail. Only writers that take the same lock wait; readers never do.
    /// </summary>
    /// <returns>The lock; a no-op on Windows.</returns>
    /// <exception cref="IOException">The folder cannot be opened or locked (a file system without locks).</exception>
    public static IDisposable LockFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
            return new FolderLock(-1);
        var fd = NativeOpen(folder, 0); // O_RDONLY
        if (fd < 0)
            throw new IOException($"cannot open '{folder}' to lock it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        while (NativeFlock(fd, LockExclusive) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == 4) // EINTR
                continue;
            _ = NativeClose(fd);
            throw new IOException($"cannot lock '{folder}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        return new FolderLock(fd);
    }

    private sealed class FolderLock(int fd) : IDisposable
    {
        private int _fd = fd;

        public void Dispose()
        {
            if (_fd < 0)
                return;
            _ = NativeFlock(_fd, LockUnlock);
            _ = NativeClose(_fd);
            _fd = -1;
        }
    }

    private static UnixFileStatus From(FileStatus s) =>
        new(s.Mode & TypeMask, s.Mode & 0xFFF, s.Uid, s.Gid, s.Dev, s.Ino);

    /// <summary>The .NET runtime's <c>FileStatus</c> (pal_io.h), field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime;
        public long ATimeNsec;
        public long MTime;
        public long MTimeNsec;
        public long CTime;
        public long CTimeNsec;
        public long BirthTime;
        public long BirthTimeNsec;
        public long Dev;
        public long RDev;
        public long Ino;
        public uint UserFlags;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SystemNativeStat(string path, out FileStatus output);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SystemNativeLStat(string path, out FileStatus output);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static partial int SystemNativeFStat(SafeHandle fd, out FileStatus output);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int NativeFChown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int NativeOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int NativeClose(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int NativeFlock(int fd, int operation);
}
