using System.Collections.Concurrent;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Core.Analysis;

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
