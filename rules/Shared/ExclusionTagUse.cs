using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>An exclusion tag found on a function.</summary>
/// <param name="Tag">The tag as deployed.</param>
/// <param name="ScanType">The scanning it turns off.</param>
public sealed record ExclusionTagUse(TagEntry Tag, ScanType ScanType);
