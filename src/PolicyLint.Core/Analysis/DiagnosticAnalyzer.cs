using System.Collections.Immutable;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Analysis;

/// <summary>
/// The base of every rule, after Roslyn's <c>DiagnosticAnalyzer</c>: it declares the descriptors it reports and
/// registers actions for what it inspects. Analyzers hold no state, never parse, print, read files or the clock.
/// </summary>
public abstract class DiagnosticAnalyzer
{
    /// <summary>The descriptors this analyzer reports (one per analyzer in the rule pack).</summary>
    public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The options this analyzer reads; empty by default.</summary>
    public virtual ImmutableArray<RuleOption> SupportedOptions => [];

    /// <summary>Registers the analyzer's actions. Called once per run.</summary>
    public abstract void Initialize(AnalysisContext context);

    /// <inheritdoc />
    public override string ToString() => GetType().Name;
}
