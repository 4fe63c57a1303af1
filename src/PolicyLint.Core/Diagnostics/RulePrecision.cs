namespace PolicyLint.Core.Diagnostics;

/// <summary>How often a rule is right when it reports; SARIF <c>properties.precision</c> as GitHub reads it.</summary>
public enum RulePrecision
{
    /// <summary>An exact check (default).</summary>
    VeryHigh,

    /// <summary>A heuristic (look-alike tags, secret shapes).</summary>
    High,

    /// <summary>A heuristic with frequent false positives.</summary>
    Medium,
}
