using System.Collections.Immutable;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Analysis;

/// <summary>Loads a root and runs the analyzers over it: the whole pipeline behind the command line.</summary>
public static class AnalysisRunner
{
    /// <summary>Runs PolicyLint over <paramref name="load"/>'s root.</summary>
    /// <param name="load">What to load.</param>
    /// <param name="options">Analysis options (today, rule options, severities).</param>
    /// <param name="analyzers">The rule pack.</param>
    /// <param name="reportPaths">Root-relative paths (files or folders, <c>/</c>-separated) whose results are reported;
    /// empty or <c>"."</c> reports everything (docs/conventions.md#c3: PATH arguments filter, the whole root is analyzed).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static RunResult Run(LoadRequest load, AnalysisOptions options, IEnumerable<DiagnosticAnalyzer> analyzers, IReadOnlyCollection<string>? reportPaths = null, CancellationToken cancellationToken = default) =>
        Run(load, options, new AnalysisDriver(analyzers), reportPaths, cancellationToken);

    /// <summary>Runs PolicyLint over <paramref name="load"/>'s root with an existing driver (whose catalog the caller
    /// used to read configuration). With <see cref="LoadRequest.ConfigEnvironment"/> <c>*</c>
    /// (<see cref="SamConfig.EveryEnvironment"/>) every samconfig environment is analyzed (<see cref="RunEveryEnvironment"/>).</summary>
    public static RunResult Run(LoadRequest load, AnalysisOptions options, AnalysisDriver driver, IReadOnlyCollection<string>? reportPaths = null, CancellationToken cancellationToken = default)
    {
        if (load.ConfigEnvironment == SamConfig.EveryEnvironment)
            return RunEveryEnvironment(load, options, driver, reportPaths, cancellationToken);
        var loaded = ProjectLoader.Load(load, cancellationToken);
        var outcome = driver.Run(loaded.Project, options, loaded.Diagnostics, cancellationToken);
        return Result(load, options, driver, loaded, Filter(outcome.Diagnostics, reportPaths), [.. loaded.Notifications, .. outcome.Notifications]);
    }

    /// <summary>
    /// Analyzes every samconfig environment in one run (<c>--config-env '*'</c>): the project is loaded and analyzed once
    /// per group of environments that configure it alike (<see cref="ProjectLoader.LoadEveryEnvironment"/>), and the
    /// results are merged. A result found alike (rule, location, message, severity, suppression) in several
    /// environments is one result whose <see cref="Diagnostic.ConfigEnvironments"/> lists them; a result not found in
    /// every environment ends its message with <c>[env: dev, prod]</c>, so every format says where it holds. Tool
    /// notifications are merged likewise. The run's <see cref="RunResult.Project"/> is the first environment's.
    /// </summary>
    /// <inheritdoc cref="Run(LoadRequest, AnalysisOptions, AnalysisDriver, IReadOnlyCollection{string}?, CancellationToken)"/>
    public static RunResult RunEveryEnvironment(LoadRequest load, AnalysisOptions options, AnalysisDriver driver, IReadOnlyCollection<string>? reportPaths = null, CancellationToken cancellationToken = default)
    {
        var loads = ProjectLoader.LoadEveryEnvironment(load, cancellationToken);
        var environments = loads.SelectMany(l => l.Environments).ToList();
        var merged = new Dictionary<string, (Diagnostic Diagnostic, List<string> Environments)>(StringComparer.Ordinal);
        var order = new List<string>();
        var notifications = new List<ToolNotification>();
        foreach (var environmentLoad in loads)
        {
            var loaded = environmentLoad.Result;
            var outcome = driver.Run(loaded.Project, options, loaded.Diagnostics, cancellationToken);
            foreach (var diagnostic in Filter(outcome.Diagnostics, reportPaths))
            {
                var key = string.Join('\u001f', diagnostic.Id, diagnostic.Location.Path, diagnostic.Location.Span.Start, diagnostic.Location.Span.End,
                    diagnostic.Severity, diagnostic.Message, diagnostic.Suppression?.Justification ?? "\u0000", diagnostic.Suppression?.Location.Span.Start ?? -1);
                if (merged.TryGetValue(key, out var found))
                    found.Environments.AddRange(environmentLoad.Environments);
                else
                {
                    merged[key] = (diagnostic, [.. environmentLoad.Environments]);
                    order.Add(key);
                }
            }

            foreach (var notification in loaded.Notifications.Concat(outcome.Notifications))
            {
                if (!notifications.Contains(notification))
                    notifications.Add(notification);
            }
        }

        var diagnostics = order.Select(key =>
        {
            var (diagnostic, found) = merged[key];
            var labelled = found.Count > 0 && found.Count < environments.Count
                ? diagnostic.WithMessage($"{diagnostic.Message} [env: {string.Join(", ", found)}]")
                : diagnostic;
            return new Diagnostic(labelled.Descriptor, labelled.Target, labelled.Message, labelled.Severity, labelled.Suppression) { ConfigEnvironments = found };
        }).ToList();
        diagnostics.Sort(Diagnostic.Compare);
        return Result(load, options, driver, loads[0].Result, diagnostics, notifications) with { ConfigEnvironments = environments };
    }

    private static IReadOnlyList<Diagnostic> Filter(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyCollection<string>? reportPaths) =>
        reportPaths is null || reportPaths.Count == 0 || reportPaths.Contains(".")
            ? diagnostics
            : [.. diagnostics.Where(d => reportPaths.Any(p => IsUnder(d.Location.Path, p)))];

    private static RunResult Result(LoadRequest load, AnalysisOptions options, AnalysisDriver driver, LoadResult loaded, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<ToolNotification> notifications) =>
        new()
        {
            Root = load.Root,
            Diagnostics = diagnostics,
            Notifications = notifications,
            Descriptors = driver.Descriptors,
            Options = options,
            FileCount = loaded.FileCount,
            TemplateFileCount = loaded.TemplateFileCount,
            Project = loaded.Project,
            InputPaths = loaded.InputPaths,
        };

    private static bool IsUnder(string path, string filter) =>
        string.Equals(path, filter, StringComparison.Ordinal) ||
        (path.Length > filter.Length && path.StartsWith(filter, StringComparison.Ordinal) && path[filter.Length] == '/');
}
