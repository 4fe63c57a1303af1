using Microsoft.Extensions.FileSystemGlobbing;

namespace PolicyLint.Core.Configuration;

/// <summary>
/// The configuration's <c>include</c>/<c>exclude</c> globs as predicates on root-relative paths, with
/// Microsoft.Extensions.FileSystemGlobbing (<c>**</c>, <c>*</c>, <c>?</c>; case-sensitive, like the paths in templates).
/// </summary>
public static class GlobFilter
{
    /// <summary>A predicate that is true for paths matching any of <paramref name="globs"/>, or null when there are none.</summary>
    public static Func<string, bool>? Create(IReadOnlyCollection<string> globs) => globs.Count == 0 ? null : Matching(globs);

    /// <summary>The predicate for globs that are there. A method of its own, never inlined: a precompiled
    /// (ReadyToRun) method resolves the types it names before it first runs, so <see cref="Create"/> would load
    /// Microsoft.Extensions.FileSystemGlobbing at every start even without a glob (issue 15).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Func<string, bool> Matching(IReadOnlyCollection<string> globs)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return path => matcher.Match(path).HasMatches;
    }
}
