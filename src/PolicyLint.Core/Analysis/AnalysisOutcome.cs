using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Analysis;

/// <summary>The outcome of running analyzers over a project.</summary>
/// <param name="Diagnostics">All diagnostics, engine ones included, in report order (docs/conventions.md#c19); configuration applied.</param>
/// <param name="Notifications">Analyzer failures and other run problems.</param>
public sealed record AnalysisOutcome(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ToolNotification> Notifications);
