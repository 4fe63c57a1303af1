using System.Collections.Concurrent;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Analysis;

/// <summary>Context of a template action.</summary>
public class TemplateAnalysisContext : AnalyzerActionContext
{
    internal TemplateAnalysisContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, TemplateModel template, CancellationToken cancellationToken)
        : base(analyzer, project, options, sink, cancellationToken) => Template = template;

    /// <summary>The template.</summary>
    public TemplateModel Template { get; }

    /// <summary>Resolves an expression of the template.</summary>
    public ResolvedValue Resolve(SyntaxNode node) => Template.Resolver.Resolve(node);
}
