using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>An exclusion tag found on a function.</summary>
/// <param name="Tag">The tag as deployed.</param>
/// <param name="ScanType">The scanning it turns off.</param>
public sealed record ExclusionTagUse(TagEntry Tag, ScanType ScanType)
{
    /// <summary>
    /// Empty when the tag's key and value are the exclusion pair (or a branch of <c>Fn::If</c> is); else, for a
    /// message, why the key or value may be it, being one of a set known offline (docs/conventions.md#c8): <c> whose
    /// value may be 'LambdaStandardScanning' (Fn::FindInMap over RegionMap with an unknown AWS::Region)</c>.
    /// </summary>
    public string Possibility { get; init; } = string.Empty;
}
