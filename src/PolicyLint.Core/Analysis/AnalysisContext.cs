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
