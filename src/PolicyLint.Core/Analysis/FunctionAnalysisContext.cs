using System.Collections.Concurrent;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Core.Analysis;

/// <summary>Context of a function action.</summary>
public sealed class FunctionAnalysisContext : TemplateAnalysisContext
{
    internal FunctionAnalysisContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, LambdaFunction function, CancellationToken cancellationToken)
        : base(analyzer, project, options, sink, function.Resource.Template, cancellationToken) => Function = function;

    /// <summary>The function.</summary>
    public LambdaFunction Function { get; }

    /// <summary>The function's resource.</summary>
    public Resource Resource => Function.Resource;
}
