using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ExclusionTags;

/// <summary>PL1005: reports an exclusion tag on a function whose deployed name is not static and that no
/// <c>template</c> + <c>logical_id</c> ledger entry records (docs/conventions.md#c9).</summary>
public sealed class NoStaticNameExclusionTagAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function; {1} the tag key; {2} why the name is not static; {3} the template path;
    /// {4} the logical ID.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL1005",
        name: "NoStaticNameExclusionTag",
        title: "Excluded function has no static name to record",
        messageFormat: "Function {0} has exclusion tag '{1}'{5} but its deployed name is not known before deployment ({2}); record it in the ledger with target.template '{3}' and target.logical_id '{4}'",
        category: RuleCategory.ExclusionTags,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "The function carries an Amazon Inspector exclusion tag, but its name is generated or computed at deploy time, " +
                     "so no ledger entry can match it by function_name or function_arn; only an entry with target.template and " +
                     "target.logical_id can record it.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        var function = context.Function;
        if (context.Project.Ledger.IsBroken || function.StaticName is not null)
            return;

        foreach (var use in Shared.ExclusionTags.Read(context, function))
        {
            if (LedgerMatching.EntriesFor(context.Project, function, use.ScanType).Count > 0)
                continue;
            context.ReportDiagnostic(Rule, use.Tag, FunctionNames.Describe(function), Shared.ExclusionTags.KeyFor(use.ScanType),
                WhyNotStatic(function), function.Resource.Template.Path, function.LogicalId, Shared.ExclusionTags.Origin(use.Tag));
        }
    }

    private static string WhyNotStatic(LambdaFunction function)
    {
        if (function.FunctionName is not { } name)
            return "it has no FunctionName, so CloudFormation generates one";
        var value = function.Resource.Template.Resolver.Resolve(name.Value);
        if (value.FirstUnresolvedReason is { } reason)
            return $"FunctionName depends on what is known only at deploy time: {reason}";
        if (value.Alternatives.Length > 1)
            return "FunctionName depends on a condition that cannot be decided offline";
        return "FunctionName is not a plain string";
    }
}
