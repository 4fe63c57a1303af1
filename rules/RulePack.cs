using System.Collections.Concurrent;

namespace PolicyLint.Rules;

/// <summary>
/// The rule pack: its analyzers (<see cref="CreateAnalyzers"/>, generated at build time from every public analyzer
/// class in this assembly) and the help page of every diagnostic ID, embedded from <c>rules/docs/PLxxxx.md</c>.
/// </summary>
public static partial class RulePack
{
    private static readonly ConcurrentDictionary<string, string?> Pages = new(StringComparer.Ordinal);

    /// <summary>The markdown help page of <paramref name="id"/> (engine IDs included), or null when there is none.</summary>
    public static string? GetHelpMarkdown(string id) => Pages.GetOrAdd(id, static key =>
    {
        using var stream = typeof(RulePack).Assembly.GetManifestResourceStream($"PolicyLint.Rules.docs.{key}.md");
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    });

    /// <summary>IDs that have an embedded page, in ordinal order.</summary>
    public static IReadOnlyList<string> DocumentedIds { get; } =
        [.. typeof(RulePack).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("PolicyLint.Rules.docs.PL", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n => n["PolicyLint.Rules.docs.".Length..^3])
            .Order(StringComparer.Ordinal)];
}
