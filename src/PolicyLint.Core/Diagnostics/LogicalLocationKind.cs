namespace PolicyLint.Core.Diagnostics;

/// <summary>What a <see cref="LogicalLocation"/> names.</summary>
public enum LogicalLocationKind
{
    /// <summary>A template resource (SARIF kind <c>resource</c>).</summary>
    Resource,

    /// <summary>A ledger entry or another object in a file (SARIF kind <c>object</c>).</summary>
    Object,
}
