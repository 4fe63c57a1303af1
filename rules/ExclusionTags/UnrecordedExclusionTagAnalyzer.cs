using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ExclusionTags;

/// <summary>PL1001: reports an exclusion tag on a function that no ledger entry records.</summary>
public sealed class UnrecordedExclusionTagAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rule's ID, as a constant: the command line's help names it without setting up the rule pack.</summary>
    public const string RuleId = "PL1001";

    /// <summary>Arguments: {0} the function (logical ID and deployed name); {1} the tag key; {2} the scan type
    /// (standard or code); {3} the ledger path; {4} where an inherited tag is set, or empty; {5} why the value (or key)
    /// may be the exclusion one when it is one of a set known offline, or empty.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: RuleId,
        name: "UnrecordedExclusionTag",
        title: "Exclusion tag has no ledger entry",
        messageFormat: "Function {0} has exclusion tag '{1}'{4}{5} but no ledger entry records its {2} scanning exclusion; add one to {3}",
        category: RuleCategory.ExclusionTags,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "The function carries an Amazon Inspector exclusion tag (InspectorExclusion: LambdaStandardScanning or " +
                     "InspectorCodeExclusion: LambdaCodeScanning), so Inspector does not scan it, and the exclusion ledger has no entry " +
                     "saying why, who approved it and until when.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        if (context.Project.Ledger.IsBroken)
            return; // PL0001 on the ledger: nothing can be matched (docs/conventions.md#c18)

        foreach (var use in Shared.ExclusionTags.Read(context, context.Function))
        {
            // Without a static name only a template + logical_id entry can match: that case is PL1005 (docs/conventions.md#c9).
            if (context.Function.StaticName is null)
                continue;
            if (LedgerMatching.EntriesFor(context.Project, context.Function, use.ScanType).Count > 0)
                continue;
            context.ReportDiagnostic(Rule, use.Tag, FunctionNames.Describe(context.Function), Shared.ExclusionTags.KeyFor(use.ScanType),
                Shared.ExclusionTags.Name(use.ScanType), context.Project.Ledger.Source.Path, Shared.ExclusionTags.Origin(use.Tag), use.Possibility);
        }
    }
}
