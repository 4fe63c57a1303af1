using System.Collections.Immutable;
using System.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>A string partly known: literal parts and holes, as produced by <c>Fn::Sub</c> or <c>Fn::Join</c>
/// with parts that cannot be resolved.</summary>
/// <param name="Parts">The parts in order; adjacent literal parts are merged.</param>
public sealed record PartialStringValue(ImmutableArray<StringPart> Parts) : ValueAlternative
{
    /// <summary>The holes, in order.</summary>
    public IEnumerable<UnresolvedValue> Holes => Parts.Where(p => p.Hole is not null).Select(p => p.Hole!);

    /// <summary>The known text after the last hole (empty when the string ends with a hole).</summary>
    public string KnownSuffix => Parts.Length > 0 && Parts[^1].Text is { } t ? t : string.Empty;

    /// <summary>The known text before the first hole.</summary>
    public string KnownPrefix => Parts.Length > 0 && Parts[0].Text is { } t ? t : string.Empty;

    /// <summary>The string with each hole written as <c>${…}</c>.</summary>
    public string Pattern
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var p in Parts)
                sb.Append(p.Text ?? "${…}");
            return sb.ToString();
        }
    }

    /// <inheritdoc />
    public override string Describe() => $"'{Pattern}'";
}
