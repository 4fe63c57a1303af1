using System.Collections.Immutable;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;

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

    /// <summary>The samconfig environments analyzed, in order, when the run analyzed every environment
    /// (<c>--config-env '*'</c>) and a samconfig defines one; empty otherwise.</summary>
    public IReadOnlyList<string> ConfigEnvironments { get; init; } = [];

    /// <summary>The diagnostics a line-oriented reporter prints, in report order: the unsuppressed ones, and the suppressed
    /// ones too with <paramref name="showSuppressed"/> (<c>--show-suppressed</c>).</summary>
    public IEnumerable<Diagnostic> Shown(bool showSuppressed) => Diagnostics.Where(d => showSuppressed || !d.IsSuppressed);

    /// <summary>False when an analyzer failed (an error notification); never false for bad input alone.</summary>
    public bool ExecutionSuccessful => !Notifications.Any(n => n.IsToolFailure);
}
