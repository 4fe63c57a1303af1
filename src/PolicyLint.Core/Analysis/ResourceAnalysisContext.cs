using System.Collections.Concurrent;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Core.Analysis;

/// <summary>Context of a resource action.</summary>
public sealed class ResourceAnalysisContext : TemplateAnalysisContext
{
    internal ResourceAnalysisContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, Resource resource, CancellationToken cancellationToken)
        : base(analyzer, project, options, sink, resource.Template, cancellationToken) => Resource = resource;

    /// <summary>The resource.</summary>
    public Resource Resource { get; }
}
