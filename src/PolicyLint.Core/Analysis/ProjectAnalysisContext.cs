using System.Collections.Concurrent;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Analysis;

/// <summary>Context of a project action.</summary>
public sealed class ProjectAnalysisContext : AnalyzerActionContext
{
    internal ProjectAnalysisContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, CancellationToken cancellationToken)
        : base(analyzer, project, options, sink, cancellationToken)
    {
    }

    /// <summary>Resolves an expression of <paramref name="template"/>.</summary>
#pragma warning disable CA1822 // an instance member, like every other context service
    public ResolvedValue Resolve(TemplateModel template, SyntaxNode node) => template.Resolver.Resolve(node);
#pragma warning restore CA1822
}
