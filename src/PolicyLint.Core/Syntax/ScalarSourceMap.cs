using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>The source span of each character of a scalar's value (<see cref="ScalarNode.GetSourceMap"/>).</summary>
public sealed class ScalarSourceMap
{
    private readonly (int Start, int End)[] _map;

    internal ScalarSourceMap((int Start, int End)[] map) => _map = map;

    /// <summary>The number of characters mapped (the value's length).</summary>
    public int Length => _map.Length;

    /// <summary>The source span of the <paramref name="length"/> characters of the value that start at
    /// <paramref name="start"/> (UTF-16 indexes); false for an empty or out-of-range range. Constant time.</summary>
    public bool TryGetSpan(int start, int length, out TextSpan span)
    {
        span = default;
        if (length <= 0 || start < 0 || start + length > _map.Length)
            return false;
        span = new TextSpan(_map[start].Start, _map[start + length - 1].End);
        return true;
    }
}
