using System.Collections.Concurrent;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;

namespace PolicyLint.Core.Analysis;

/// <summary>Context of a ledger action.</summary>
public sealed class LedgerAnalysisContext : AnalyzerActionContext
{
    internal LedgerAnalysisContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, CancellationToken cancellationToken)
        : base(analyzer, project, options, sink, cancellationToken)
    {
    }

    /// <summary>The ledger (possibly missing or broken; check <see cref="ExclusionLedger.IsBroken"/>).</summary>
    public ExclusionLedger Ledger => Project.Ledger;
}
