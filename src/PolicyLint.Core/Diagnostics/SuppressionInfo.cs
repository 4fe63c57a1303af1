using PolicyLint.Core.Text;

namespace PolicyLint.Core.Diagnostics;

/// <summary>An in-source suppression applied to a diagnostic (SARIF <c>suppressions</c>, SARIF 2.1.0 §3.35).</summary>
/// <param name="Justification">Why the result is accepted; never empty.</param>
/// <param name="Expires">The day after which the suppression stops applying, or null.</param>
/// <param name="Location">Where the suppression is written.</param>
public sealed record SuppressionInfo(string Justification, DateOnly? Expires, Location Location);
