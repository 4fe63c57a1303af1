using System.Collections.Concurrent;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Analysis;

/// <summary>
/// What an analyzer registers for, given to <see cref="DiagnosticAnalyzer.Initialize"/>. Template, resource and
/// function actions run per template (templates in parallel); ledger and project actions run once, after every
/// template is bound.
/// </summary>
public sealed class AnalysisContext
{
    internal AnalysisContext(DiagnosticAnalyzer analyzer) => Analyzer = analyzer;

    internal DiagnosticAnalyzer Analyzer { get; }

    internal List<Action<TemplateAnalysisContext>> TemplateActions { get; } = [];

    internal List<(Action<ResourceAnalysisContext> Action, HashSet<string> Types)> ResourceActions { get; } = [];

    internal List<Action<FunctionAnalysisContext>> FunctionActions { get; } = [];

    internal List<Action<LedgerAnalysisContext>> LedgerActions { get; } = [];

    internal List<Action<ProjectAnalysisContext>> ProjectActions { get; } = [];

    /// <summary>Runs <paramref name="action"/> once per template.</summary>
    public void RegisterTemplateAction(Action<TemplateAnalysisContext> action) => TemplateActions.Add(action);

    /// <summary>Runs <paramref name="action"/> for every resource of the given types (exact, ordinal).</summary>
    public void RegisterResourceAction(Action<ResourceAnalysisContext> action, params string[] resourceTypes) =>
        ResourceActions.Add((action, new HashSet<string>(resourceTypes, StringComparer.Ordinal)));

    /// <summary>Runs <paramref name="action"/> for every Lambda function (<c>AWS::Lambda::Function</c> and
    /// <c>AWS::Serverless::Function</c>).</summary>
    public void RegisterFunctionAction(Action<FunctionAnalysisContext> action) => FunctionActions.Add(action);

    /// <summary>Runs <paramref name="action"/> once with the ledger (also when the default ledger is missing).</summary>
    public void RegisterLedgerAction(Action<LedgerAnalysisContext> action) => LedgerActions.Add(action);

    /// <summary>Runs <paramref name="action"/> once with the whole project (cross-file checks).</summary>
    public void RegisterProjectAction(Action<ProjectAnalysisContext> action) => ProjectActions.Add(action);
}

/// <summary>
/// The base of every action context: the project, the run's options, and reporting. Reports are validated
/// against the analyzer's <see cref="DiagnosticAnalyzer.SupportedDiagnostics"/>.
/// </summary>
public abstract class AnalyzerActionContext
{
    private readonly DiagnosticAnalyzer _analyzer;
    private readonly ConcurrentBag<Diagnostic> _sink;

    private protected AnalyzerActionContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, CancellationToken cancellationToken)
    {
        _analyzer = analyzer;
        Project = project;
        Options = options;
        _sink = sink;
        CancellationToken = cancellationToken;
    }

    /// <summary>Everything being analyzed.</summary>
    public ProjectModel Project { get; }

    /// <summary>The run's options.</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The day dates are compared with (<c>--today</c>, else the UTC date).</summary>
    public DateOnly Today => Options.Today;

    /// <summary>Signals that the run is being cancelled.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The value of a rule option.</summary>
    public T GetOption<T>(RuleOption<T> option) => Options.GetOption(option);

    /// <summary>The value of an integer rule option.</summary>
    /// <remarks>Non-generic so that ReadyToRun precompiles it here rather than the rule pack JIT-compiling
    /// <see cref="GetOption{T}"/> over <see cref="int"/> at start-up.</remarks>
    public int GetOption(RuleOption<int> option) => Options.GetOption(option);

    /// <summary>Reports <paramref name="descriptor"/> on <paramref name="at"/> with message arguments.</summary>
    /// <exception cref="ArgumentException">The descriptor is not one the analyzer declares.</exception>
    public void ReportDiagnostic(DiagnosticDescriptor descriptor, IReportable at, params object?[] args) =>
        ReportDiagnostic(descriptor, at.Target, args);

    /// <summary>Reports <paramref name="descriptor"/> at <paramref name="target"/> with message arguments.</summary>
    /// <exception cref="ArgumentException">The descriptor is not one the analyzer declares.</exception>
    public void ReportDiagnostic(DiagnosticDescriptor descriptor, DiagnosticTarget target, params object?[] args)
    {
        if (!_analyzer.SupportedDiagnostics.Contains(descriptor) && descriptor != EngineDiagnostics.Unresolved)
            throw new ArgumentException($"{_analyzer} reported {descriptor.Id}, which it does not declare in SupportedDiagnostics", nameof(descriptor));
        _sink.Add(new Diagnostic(descriptor, target, descriptor.FormatMessage(args)));
    }

    /// <summary>Reports PL0002: "Cannot decide <paramref name="what"/>: <paramref name="reason"/>".</summary>
    public void ReportUnresolved(IReportable at, string what, string reason) =>
        ReportDiagnostic(EngineDiagnostics.Unresolved, at.Target, what, reason);

    /// <summary>Reports PL0002 for the first unresolved part of <paramref name="value"/>.</summary>
    public void ReportUnresolved(IReportable at, string what, ResolvedValue value) =>
        ReportUnresolved(at, what, value.FirstUnresolvedReason ?? "the value is not known offline");
}

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

/// <summary>Context of a resource action.</summary>
public sealed class ResourceAnalysisContext : TemplateAnalysisContext
{
    internal ResourceAnalysisContext(DiagnosticAnalyzer analyzer, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, Resource resource, CancellationToken cancellationToken)
        : base(analyzer, project, options, sink, resource.Template, cancellationToken) => Resource = resource;

    /// <summary>The resource.</summary>
    public Resource Resource { get; }
}

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
