namespace PolicyLint.Core.Workspace;

/// <summary>What reading a file within a size limit gave.</summary>
/// <param name="Bytes">The whole content, or null when the file is larger than the limit.</param>
/// <param name="Length">The content's length in bytes, or for a file over the limit the length it reported (at least
/// one more than the limit).</param>
public readonly record struct BoundedRead(byte[]? Bytes, long Length)
{
    /// <summary>Whether the file is larger than the limit (then <see cref="Bytes"/> is null).</summary>
    public bool IsOverLimit => Bytes is null;
}
