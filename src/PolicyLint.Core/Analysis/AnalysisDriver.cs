using System.Collections.Concurrent;
using System.Collections.Immutable;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Suppressions;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Analysis;

/// <summary>
/// Runs analyzers over a <see cref="ProjectModel"/>, the way Roslyn's driver runs <c>DiagnosticAnalyzer</c>s: per
/// template actions in parallel, then ledger and project actions; then severity configuration, de-duplication,
/// suppressions and ordering. Output is deterministic. Every PL0001 comes from loading and binding (docs/conventions.md#c4, docs/conventions.md#c16), before
/// any analyzer runs, so which ones exist never depends on which rules are enabled; the model analyzers read is
/// immutable.
/// </summary>
public sealed class AnalysisDriver
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

    /// <summary>Creates a driver for <paramref name="analyzers"/>.</summary>
    /// <exception cref="ArgumentException">Two analyzers declare the same diagnostic ID.</exception>
    public AnalysisDriver(IEnumerable<DiagnosticAnalyzer> analyzers)
    {
        _analyzers = [.. analyzers];
        // Loops and an insertion sort, not LINQ: the driver is built at every start of the tool, and in a ReadyToRun
        // image each LINQ operator, sorter and comparer over a new element type is runtime type loading (issue 15).
        var descriptors = new List<DiagnosticDescriptor>(EngineDiagnostics.All);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
            ids.Add(descriptor.Id);
        var options = new List<RuleOption>();
        foreach (var analyzer in _analyzers)
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (!ids.Add(descriptor.Id))
                    throw new ArgumentException($"Diagnostic ID {descriptor.Id} is declared twice", nameof(analyzers));
                descriptors.Add(descriptor);
            }

            foreach (var option in analyzer.SupportedOptions)
                options.Add(option);
        }

        // Stable, in ordinal order of ID and key, as OrderBy was.
        SortStably(descriptors, static d => d.Id);
        SortStably(options, static o => o.Key);
        Descriptors = [.. descriptors];
        Options = [.. options];
    }

    /// <summary>The analyzers.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers => _analyzers;

    /// <summary>Every descriptor (engine and analyzers) in ID order: the rule catalog.</summary>
    public ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

    /// <summary>Every rule option, by key.</summary>
    public ImmutableArray<RuleOption> Options { get; }

    /// <summary>Runs every analyzer. Never throws for an analyzer's failure: it becomes an error notification.</summary>
    public AnalysisOutcome Run(ProjectModel project, AnalysisOptions options, IEnumerable<Diagnostic> loadDiagnostics, CancellationToken cancellationToken = default)
    {
        var sink = new ConcurrentBag<Diagnostic>();
        var notifications = new ConcurrentBag<ToolNotification>();
        var contexts = new List<AnalysisContext>();
        foreach (var analyzer in _analyzers)
        {
            if (analyzer.RequiresDeployedState && project.Deployed.IsEmpty)
                continue; // its input is absent: it would report nothing
            if (AllTurnedOff(analyzer, options))
                continue; // every rule of the analyzer is turned off
            var context = new AnalysisContext(analyzer);
            analyzer.Initialize(context);
            contexts.Add(context);
        }

        Parallelism.For(project.Templates.Count, options.MaxDegreeOfParallelism, i =>
        {
            var template = project.Templates[i];
            foreach (var context in contexts)
            {
                // Not through RunGuarded: a closure and a delegate per template and analyzer were a tenth of what
                // analysis allocates on a large repository (issue 15).
                try
                {
                    RunTemplateActions(context, project, options, sink, template, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    notifications.Add(Failure(context.Analyzer, template, ex));
                }
            }
        }, cancellationToken);

        foreach (var context in contexts)
        {
            foreach (var action in context.LedgerActions)
                RunGuarded(context.Analyzer, null, notifications, () => action(new LedgerAnalysisContext(context.Analyzer, project, options, sink, cancellationToken)));
            foreach (var action in context.ProjectActions)
                RunGuarded(context.Analyzer, null, notifications, () => action(new ProjectAnalysisContext(context.Analyzer, project, options, sink, cancellationToken)));
        }

        foreach (var template in project.Templates)
        {
            foreach (var loop in template.UnexpandedForEach)
            {
                sink.Add(new Diagnostic(EngineDiagnostics.Unresolved, DiagnosticTarget.At(loop.Entry.Key.Location, $"Resources.{loop.Entry.KeyText}"),
                    EngineDiagnostics.Unresolved.FormatMessage($"what '{loop.Entry.KeyText}' generates", loop.Reason)));
            }
        }

        return new AnalysisOutcome(Finish(project, options, Descriptors, loadDiagnostics.Concat(sink)), [.. notifications.OrderBy(n => n.Path, StringComparer.Ordinal).ThenBy(n => n.Message, StringComparer.Ordinal)]);
    }

    /// <summary>An insertion sort by the ordinal order of <paramref name="key"/>, stable: a few dozen items, once per
    /// start, with no sorter or comparer type to load (a ReadyToRun image holds none for a new element type).</summary>
    private static void SortStably<T>(List<T> items, Func<T, string> key)
        where T : class
    {
        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(key(items[j]), key(item)) > 0; j--)
                items[j + 1] = items[j];
            items[j + 1] = item;
        }
    }

    private static bool AllTurnedOff(DiagnosticAnalyzer analyzer, AnalysisOptions options)
    {
        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            if (options.GetSeverity(descriptor) is not null)
                return false;
        }

        return true;
    }

    private static void RunTemplateActions(AnalysisContext context, ProjectModel project, AnalysisOptions options, ConcurrentBag<Diagnostic> sink, TemplateModel template, CancellationToken cancellationToken)
    {
        foreach (var action in context.TemplateActions)
            action(new TemplateAnalysisContext(context.Analyzer, project, options, sink, template, cancellationToken));
        if (context.ResourceActions.Count > 0)
        {
            foreach (var resource in template.Resources)
            {
                foreach (var (action, types) in context.ResourceActions)
                {
                    if (types.Contains(resource.Type))
                        action(new ResourceAnalysisContext(context.Analyzer, project, options, sink, resource, cancellationToken));
                }
            }
        }

        foreach (var function in template.Functions)
        {
            foreach (var action in context.FunctionActions)
                action(new FunctionAnalysisContext(context.Analyzer, project, options, sink, function, cancellationToken));
        }
    }

    private static void RunGuarded(DiagnosticAnalyzer analyzer, TemplateModel? template, ConcurrentBag<ToolNotification> notifications, Action action)
    {
        try
        {
            action();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            notifications.Add(Failure(analyzer, template, ex));
        }
    }

    /// <summary>Roslyn reports a failing analyzer as AD0001 and goes on; so do we, as a notification.</summary>
    private static ToolNotification Failure(DiagnosticAnalyzer analyzer, TemplateModel? template, Exception ex) =>
        new("error", $"Analyzer {analyzer} failed{(template is null ? string.Empty : $" on {template.Path}")}: {ex.GetType().Name}: {ex.Message}", template?.Path, IsToolFailure: true);

    private static List<Diagnostic> Finish(ProjectModel project, AnalysisOptions options, IReadOnlyList<DiagnosticDescriptor> catalog, IEnumerable<Diagnostic> diagnostics)
    {
        var all = diagnostics.ToList();

        // The sink's order depends on thread timing: order everything fully before de-duplicating, so that the copy
        // kept of two results with the same ID, place and message is always the same one.
        all.Sort(CompareFully);
        var result = new List<Diagnostic>(all.Count);
        Diagnostic? previous = null; // sorted, so copies of one result are neighbours
        foreach (var diagnostic in all)
        {
            var isCopy = previous is not null && diagnostic.Id == previous.Id && diagnostic.Location.Path == previous.Location.Path
                && diagnostic.Location.Span == previous.Location.Span && diagnostic.Message == previous.Message;
            previous = diagnostic;
            if (isCopy)
                continue;
            var severity = options.GetSeverity(diagnostic.Descriptor);
            if (severity is null)
                continue;
            result.Add(severity == diagnostic.Severity ? diagnostic : diagnostic.WithSeverity(severity.Value));
        }

        // In-source suppressions (docs/conventions.md#c14) apply after severities.
        result = SuppressionEvaluator.Apply(project, result, catalog, options);
        result.Sort(Diagnostic.Compare);
        return result;
    }

    private static int CompareFully(Diagnostic x, Diagnostic y)
    {
        var c = Diagnostic.Compare(x, y);
        if (c == 0)
            c = string.CompareOrdinal(x.Target.FingerprintKey, y.Target.FingerprintKey);
        if (c == 0)
            c = string.CompareOrdinal(x.Target.LogicalLocation?.FullyQualifiedName, y.Target.LogicalLocation?.FullyQualifiedName);
        if (c == 0)
            c = x.Target.RelatedLocations.Count.CompareTo(y.Target.RelatedLocations.Count);
        for (var i = 0; c == 0 && i < x.Target.RelatedLocations.Count; i++)
        {
            var (a, b) = (x.Target.RelatedLocations[i], y.Target.RelatedLocations[i]);
            c = string.CompareOrdinal(a.Location.Path, b.Location.Path);
            if (c == 0)
                c = a.Location.Span.Start.CompareTo(b.Location.Span.Start);
            if (c == 0)
                c = string.CompareOrdinal(a.Message, b.Message);
        }

        if (c == 0)
            c = x.Severity.CompareTo(y.Severity);
        return c;
    }
}
