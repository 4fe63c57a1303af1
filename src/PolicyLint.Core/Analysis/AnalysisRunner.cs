using System.Collections.Immutable;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Analysis;

/// <summary>One complete run: what was analyzed and what was found, ready for a reporter.</summary>
public sealed record RunResult
{
    /// <summary>Absolute root directory.</summary>
    public required string Root { get; init; }

    /// <summary>Reported diagnostics in report order (docs/conventions.md#c19), after PATH filtering.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Problems with the run itself.</summary>
    public required IReadOnlyList<ToolNotification> Notifications { get; init; }

    /// <summary>The rule catalog in ID order.</summary>
    public required ImmutableArray<DiagnosticDescriptor> Descriptors { get; init; }

    /// <summary>The options the run used.</summary>
    public required AnalysisOptions Options { get; init; }

    /// <summary>Template files and ledger read.</summary>
    public required int FileCount { get; init; }

    /// <summary>Template files found under the root, broken ones included; 0 means no template was analyzed.</summary>
    public int TemplateFileCount { get; init; }

    /// <summary>The project model (for tools such as <c>ledger status</c>).</summary>
    public required ProjectModel Project { get; init; }

    /// <summary>Root-relative paths of the files the run read or would read (<see cref="LoadResult.InputPaths"/>).</summary>
    public IReadOnlyList<string> InputPaths { get; init; } = [];

    /// <summary>The diagnostics a line-oriented reporter prints, in report order: the unsuppressed ones, and the suppressed
    /// ones too with <paramref name="showSuppressed"/> (<c>--show-suppressed</c>).</summary>
    public IEnumerable<Diagnostic> Shown(bool showSuppressed) => Diagnostics.Where(d => showSuppressed || !d.IsSuppressed);

    /// <summary>False when an analyzer failed (an error notification); never false for bad input alone.</summary>
    public bool ExecutionSuccessful => !Notifications.Any(n => n.IsToolFailure);
}

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
    /// used to read configuration).</summary>
    public static RunResult Run(LoadRequest load, AnalysisOptions options, AnalysisDriver driver, IReadOnlyCollection<string>? reportPaths = null, CancellationToken cancellationToken = default)
    {
        var loaded = ProjectLoader.Load(load, cancellationToken);
        var outcome = driver.Run(loaded.Project, options, loaded.Diagnostics, cancellationToken);
        var diagnostics = reportPaths is null || reportPaths.Count == 0 || reportPaths.Contains(".")
            ? outcome.Diagnostics
            : [.. outcome.Diagnostics.Where(d => reportPaths.Any(p => IsUnder(d.Location.Path, p)))];
        return new RunResult
        {
            Root = load.Root,
            Diagnostics = diagnostics,
            Notifications = [.. loaded.Notifications, .. outcome.Notifications],
            Descriptors = driver.Descriptors,
            Options = options,
            FileCount = loaded.FileCount,
            TemplateFileCount = loaded.TemplateFileCount,
            Project = loaded.Project,
            InputPaths = loaded.InputPaths,
        };
    }

    private static bool IsUnder(string path, string filter) =>
        string.Equals(path, filter, StringComparison.Ordinal) ||
        (path.Length > filter.Length && path.StartsWith(filter, StringComparison.Ordinal) && path[filter.Length] == '/');
}
