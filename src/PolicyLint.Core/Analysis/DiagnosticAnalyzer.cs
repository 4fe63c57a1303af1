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

    /// <summary>Whether the analyzer reads only the deployed state (AWS CLI exports, <c>--deployed</c>): when the project
    /// has no export (<see cref="Inputs.Deployed.DeployedState.IsEmpty"/>), the driver neither initializes nor runs it, as
    /// it would report nothing (issue 15: nothing is set up that the run does not use). False by default.</summary>
    public virtual bool RequiresDeployedState => false;

    /// <summary>Registers the analyzer's actions. Called once per run.</summary>
    public abstract void Initialize(AnalysisContext context);

    /// <inheritdoc />
    public override string ToString() => GetType().Name;
}
