using Microsoft.Extensions.FileSystemGlobbing;

namespace PolicyLint.Core.Configuration;

/// <summary>
/// The configuration's <c>include</c>/<c>exclude</c> globs as predicates on root-relative paths, with
/// Microsoft.Extensions.FileSystemGlobbing (<c>**</c>, <c>*</c>, <c>?</c>; case-sensitive, like the paths in templates).
/// </summary>
public static class GlobFilter
{
    /// <summary>A predicate that is true for paths matching any of <paramref name="globs"/>, or null when there are none.</summary>
    public static Func<string, bool>? Create(IReadOnlyCollection<string> globs)
    {
        if (globs.Count == 0)
            return null;
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return path => matcher.Match(path).HasMatches;
    }
}
