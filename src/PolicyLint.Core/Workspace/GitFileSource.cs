using System.Diagnostics;
using System.Text;

namespace PolicyLint.Core.Workspace;

/// <summary>
/// The files of the git index (what <c>git commit</c> would commit: staged content of tracked files, untracked files
/// absent, staged deletions gone, <c>git add -N</c> entries absent) or of a commit, under the root folder, read from git's
/// objects and never from the working tree. It runs the git command line: one listing (<c>git ls-files -s -z</c> or
/// <c>git ls-tree -r -z</c>) when opened, and one <c>git cat-file --batch</c> process that serves every read
/// (docs/design/git-input.md says why, with the measurements).
/// </summary>
/// <remarks>
/// Content is the blob as stored: after clean filters, before smudge filters (line ends as committed, a Git LFS file as
/// its pointer). A symbolic link stored in git is followed inside the tree (at most 40 links deep); one that leaves the
/// tree, or names nothing, is not a regular file. A submodule (gitlink) is <see cref="FileEntryKind.NotWalked"/>: its
/// content is another repository's. An index with unmerged entries (a merge in progress) cannot be committed and is
/// refused (<see cref="GitSourceException"/>).
/// </remarks>
public sealed class GitFileSource : IFileSource, IDisposable
{
    private const string ModeSymlink = "120000";
    private const string ModeGitlink = "160000";
    private const int MaxLinks = 40;

    /// <summary>The empty blob's name (SHA-1 and SHA-256 repositories): what <c>git add -N</c> stages.</summary>
    private static readonly HashSet<string> EmptyBlobs =
        ["e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813"];

    private readonly string _root;
    private readonly Dictionary<string, (string Mode, string Object)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FileSourceEntry>> _folders = new(StringComparer.Ordinal) { [string.Empty] = [] };
    private readonly SemaphoreSlim _reader = new(1, 1);
    private Process? _catFile;

    private GitFileSource(string root, string description, bool isIndex)
    {
        _root = root;
        Description = description;
        IsIndex = isIndex;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Whether this is the git index (<see cref="OpenIndex"/>, <c>--staged</c>) rather than a commit.</summary>
    public bool IsIndex { get; }

    /// <summary>The files of the index under <paramref name="root"/> (<c>--staged</c>).</summary>
    /// <param name="root">Absolute folder inside a git work tree (its top or a subfolder).</param>
    /// <exception cref="GitSourceException">Not a git work tree, git cannot be run, or the index has unmerged entries.</exception>
    public static GitFileSource OpenIndex(string root)
    {
        Prefix(root, null, out _);
        var source = new GitFileSource(root, "the git index", isIndex: true);
        var listing = Run(root, "ls-files", "--stage", "-z");
        var unmerged = new SortedSet<string>(StringComparer.Ordinal);
        var empty = new List<string>();
        foreach (var record in Records(listing))
        {
            // <mode> SP <object> SP <stage> TAB <path>
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            var path = record[(tab + 1)..];
            if (fields[2] != "0")
            {
                unmerged.Add(path);
                continue;
            }

            if (EmptyBlobs.Contains(fields[1]) && (FileDiscovery.IsCandidateName(FileName(path)) || ConfigurationNames.Contains(FileName(path))))
                empty.Add(path);
            source.Add(path, fields[0], fields[1]);
        }

        if (unmerged.Count > 0)
        {
            throw new GitSourceException($"the git index has unmerged entries (a merge in progress): {string.Join(", ", unmerged.Take(5))}" +
                $"{(unmerged.Count > 5 ? $" and {unmerged.Count - 5} more" : string.Empty)}; resolve them and 'git add' them first");
        }

        foreach (var path in IntentToAdd(root, empty))
            source.Remove(path);
        return source;
    }

    /// <summary>The files of a commit under <paramref name="root"/> (<c>--rev REV</c>).</summary>
    /// <param name="root">Absolute folder inside a git work tree (its top or a subfolder).</param>
    /// <param name="revision">A commit, branch, tag or other revision git understands (<c>HEAD~1</c>,
    /// <c>origin/main</c>).</param>
    /// <exception cref="GitSourceException">Not a git work tree, git cannot be run, an unknown revision, or the root
    /// folder is not in that commit.</exception>
    public static GitFileSource OpenCommit(string root, string revision)
    {
        var prefix = Prefix(root, revision, out var commit);
        var source = new GitFileSource(root, $"commit {commit[..Math.Min(12, commit.Length)]}", isIndex: false);
        var tree = prefix.Length == 0 ? $"{commit}^{{tree}}" : $"{commit}:{prefix.TrimEnd('/')}";
        string listing;
        try
        {
            listing = Run(root, "ls-tree", "-r", "-z", "--full-tree", tree);
        }
        catch (GitSourceException)
        {
            throw new GitSourceException($"the root folder '{prefix.TrimEnd('/')}' is not in {revision} ({source.Description})");
        }

        foreach (var record in Records(listing))
        {
            // <mode> SP <type> SP <object> TAB <path>
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            source.Add(record[(tab + 1)..], fields[0], fields[2]);
        }

        return source;
    }

    /// <summary>File names besides template candidates that are read from the root (configuration files), for the
    /// intent-to-add check.</summary>
    private static readonly HashSet<string> ConfigurationNames = new(StringComparer.Ordinal) { ".editorconfig", ".globalconfig" };

    /// <inheritdoc />
    public IReadOnlyList<FileSourceEntry> List(string folder) =>
        _folders.TryGetValue(folder, out var entries) ? entries : throw new DirectoryNotFoundException($"'{folder}' is not a folder in {Description}");

    /// <inheritdoc />
    public FileEntryKind? Kind(string path)
    {
        if (_folders.ContainsKey(path))
            return FileEntryKind.Folder;
        if (!_files.TryGetValue(path, out var file) || file.Mode == ModeGitlink)
            return null;
        return Resolve(path, out _) is null ? null : FileEntryKind.File;
    }

    /// <inheritdoc />
    public Stream OpenRead(string path)
    {
        if (_folders.ContainsKey(path))
            throw new NotARegularFileException("a folder, not a regular file");
        if (!_files.ContainsKey(path))
            throw new FileNotFoundException($"not in {Description}", path);
        if (Resolve(path, out var reason) is not { } target)
            throw new NotARegularFileException(reason!);
        return ReadObject(_files[target].Object);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_catFile is { } process)
        {
            try
            {
                process.StandardInput.Close();
                process.WaitForExit();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // git already ended
            }

            process.Dispose();
        }

        _reader.Dispose();
    }

    private void Add(string path, string mode, string objectName)
    {
        _files[path] = (mode, objectName);
        var name = FileName(path);
        var folder = path.Length == name.Length ? string.Empty : path[..(path.Length - name.Length - 1)];
        AddEntry(folder, new FileSourceEntry(name, mode == ModeGitlink ? FileEntryKind.NotWalked : FileEntryKind.File));
    }

    private void AddEntry(string folder, FileSourceEntry entry)
    {
        if (_folders.TryGetValue(folder, out var entries))
        {
            entries.Add(entry);
            return;
        }

        _folders[folder] = [entry];
        var name = FileName(folder);
        AddEntry(folder.Length == name.Length ? string.Empty : folder[..(folder.Length - name.Length - 1)], new FileSourceEntry(name, FileEntryKind.Folder));
    }

    private void Remove(string path)
    {
        _files.Remove(path);
        var name = FileName(path);
        var folder = path.Length == name.Length ? string.Empty : path[..(path.Length - name.Length - 1)];
        _folders[folder].RemoveAll(e => e.Name == name);
    }

    /// <summary>The path of the regular file <paramref name="path"/> names once symbolic links are followed inside the
    /// tree, or null with the reason.</summary>
    private string? Resolve(string path, out string? reason)
    {
        for (var hops = 0; hops <= MaxLinks; hops++)
        {
            if (!_files.TryGetValue(path, out var file))
            {
                reason = _folders.ContainsKey(path) ? "a symbolic link to a folder, not a regular file" : "a symbolic link to nothing in " + Description;
                return null;
            }

            if (file.Mode == ModeGitlink)
            {
                reason = "a git submodule, not a regular file";
                return null;
            }

            if (file.Mode != ModeSymlink)
            {
                reason = null;
                return path;
            }

            string target;
            using (var stream = ReadObject(file.Object))
            using (var text = new StreamReader(stream, Encoding.UTF8))
                target = text.ReadToEnd();
            var name = FileName(path);
            var joined = path.Length == name.Length ? target : path[..(path.Length - name.Length)] + target;
            if (target.StartsWith('/') || Normalize(joined) is not { } next)
            {
                reason = $"a symbolic link that leaves {Description} ('{target}')";
                return null;
            }

            path = next;
        }

        reason = "a chain of more than 40 symbolic links";
        return null;
    }

    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
                parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string[] Records(string listing) => listing.Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The root's path inside the work tree (<c>""</c> at the top, else ending with <c>/</c>), and the full
    /// object name of <paramref name="revision"/> when given.</summary>
    private static string Prefix(string root, string? revision, out string commit)
    {
        string output;
        try
        {
            output = revision is null
                ? Run(root, "rev-parse", "--is-inside-work-tree", "--show-prefix")
                : Run(root, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--end-of-options", revision + "^{commit}");
        }
        catch (GitSourceException ex)
        {
            if (!IsWorkTree(root))
                throw new GitSourceException($"'{root}' is not in a git work tree ({ex.Message})");
            if (revision is not null)
                throw new GitSourceException($"'{revision}' is not a commit of this git repository ({ex.Message})");
            throw;
        }

        var lines = output.Split('\n');
        if (lines[0] != "true")
            throw new GitSourceException($"'{root}' is not in a git work tree");
        // rev-parse echoes --end-of-options before the object name (git 2.39).
        commit = revision is null ? string.Empty : lines.Skip(2).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && l != "--end-of-options") ?? string.Empty;
        return lines[1];
    }

    private static bool IsWorkTree(string root)
    {
        try
        {
            return Run(root, "rev-parse", "--is-inside-work-tree").Trim() == "true";
        }
        catch (GitSourceException)
        {
            return false;
        }
    }

    /// <summary>The paths among <paramref name="candidates"/> (all staged as the empty blob) that are intent-to-add
    /// entries (<c>git add -N</c>), which a commit does not contain. git says so only in <c>ls-files --debug</c>'s
    /// <c>flags</c> (CE_INTENT_TO_ADD, 1 &lt;&lt; 29); when that cannot be read, the entry stays an empty file, which is
    /// analyzed the same as no file.</summary>
    private static List<string> IntentToAdd(string root, List<string> candidates)
    {
        var found = new List<string>();
        if (candidates.Count == 0)
            return found;
        var output = Run(root, ["--literal-pathspecs", "ls-files", "--stage", "--debug", "-z", "--", .. candidates]);
        // Record i is "<mode> <object> <stage>\t<path>\0" then lines "  name: value\n", the last "  size: N\tflags: X";
        // split at NUL, part i ends with record i's header and part i + 1 starts with its lines.
        var parts = output.Split('\0');
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            var header = parts[i][(parts[i].LastIndexOf('\n') + 1)..];
            var tab = header.IndexOf('\t', StringComparison.Ordinal);
            var flagsAt = parts[i + 1].IndexOf("flags: ", StringComparison.Ordinal);
            if (tab < 0 || flagsAt < 0)
                continue;
            var end = parts[i + 1].IndexOf('\n', flagsAt);
            var digits = parts[i + 1].AsSpan(flagsAt + 7, (end < 0 ? parts[i + 1].Length : end) - flagsAt - 7);
            if (int.TryParse(digits, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var flags) && (flags & (1 << 29)) != 0)
                found.Add(header[(tab + 1)..]);
        }

        return found;
    }

    /// <summary>Runs git in <paramref name="directory"/> and returns its standard output.</summary>
    /// <exception cref="GitSourceException">git cannot be started or fails; the message is git's first error line.</exception>
    private static string Run(string directory, params string[] args)
    {
        var start = Start(directory, redirectInput: false, args);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitSourceException($"git cannot be run: {ex.Message}");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var line = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
                throw new GitSourceException(line.StartsWith("fatal: ", StringComparison.Ordinal) ? line[7..] : line);
            }

            return output;
        }
    }

    private static ProcessStartInfo Start(string directory, bool redirectInput, string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        // No pager, no prompt, no lazy fetch of missing objects (a partial clone): PolicyLint never uses the network.
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_NO_LAZY_FETCH"] = "1";
        // A hook may run with GIT_INDEX_FILE (git commit -a, git commit PATH) or GIT_DIR relative to the hook's folder,
        // and git runs here in the root folder, which may be a subfolder.
        foreach (var name in new[] { "GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR" })
        {
            if (start.Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) && !Path.IsPathRooted(value))
                start.Environment[name] = Path.GetFullPath(value);
        }

        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>A stream over one object's content from the shared <c>git cat-file --batch</c> process; it holds the
    /// process until disposed.</summary>
    private ObjectStream ReadObject(string objectName)
    {
        _reader.Wait();
        try
        {
            if (_catFile is null)
            {
                var start = Start(_root, redirectInput: true, ["cat-file", "--batch"]);
                start.RedirectStandardError = false;
                try
                {
                    _catFile = Process.Start(start)!;
                }
                catch (System.ComponentModel.Win32Exception ex)
                {
                    throw new IOException($"git cannot be run: {ex.Message}", ex);
                }
            }

            var input = _catFile.StandardInput.BaseStream;
            input.Write(Encoding.ASCII.GetBytes(objectName + "\n"));
            input.Flush();
            var output = _catFile.StandardOutput.BaseStream;
            var header = ReadLine(output) ?? throw new IOException("git cat-file ended early");
            // "<object> <type> <size>" or "<object> missing"
            var fields = header.Split(' ');
            if (fields.Length != 3 || !long.TryParse(fields[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
                throw new IOException($"git cannot read object {objectName}: {header}");
            return new ObjectStream(output, size, _reader);
        }
        catch
        {
            _reader.Release();
            throw;
        }
    }

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
                return null;
            if (b == '\n')
                return Encoding.UTF8.GetString([.. bytes]);
            bytes.Add((byte)b);
        }
    }

    /// <summary>Exactly <c>size</c> bytes of git's output, then the line break that ends the object; disposing it
    /// skips what was not read and lets the next read start.</summary>
    private sealed class ObjectStream(Stream output, long size, SemaphoreSlim gate) : Stream
    {
        private long _position;
        private bool _disposed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => size;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var wanted = (int)Math.Min(buffer.Length, size - _position);
            if (wanted == 0)
                return 0;
            var read = output.Read(buffer[..wanted]);
            if (read == 0)
                throw new IOException("git cat-file ended early");
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                _disposed = true;
                try
                {
                    var skip = new byte[8192];
                    while (_position < size)
                    {
                        var read = output.Read(skip, 0, (int)Math.Min(skip.Length, size - _position));
                        if (read == 0)
                            break;
                        _position += read;
                    }

                    output.ReadByte(); // the line break after the content
                }
                finally
                {
                    gate.Release();
                }
            }

            base.Dispose(disposing);
        }
    }
}
