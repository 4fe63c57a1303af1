using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ScanCoverage;

/// <summary>PL2001: reports functions encrypted with a customer managed KMS key, which Amazon Inspector cannot scan.</summary>
public sealed class CustomerManagedKeyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The AWS managed key of Lambda, which does not block scanning.</summary>
    public const string AwsManagedAlias = "alias/aws/lambda";

    /// <summary>Arguments: {0} the function; {1} the property (KmsKeyArn or SourceKMSKeyArn); {2} the value and how it
    /// arrives (a literal, a reference, an imported value, a branch of Fn::If); {3} " (set in Globals)" or empty.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL2001",
        name: "CustomerManagedKey",
        title: "Function uses a customer managed KMS key",
        messageFormat: "Function {0} is encrypted with a customer managed KMS key ({1}{3} is {2}), so Amazon Inspector cannot scan it",
        category: RuleCategory.ScanCoverage,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Amazon Inspector does not support scanning Lambda functions encrypted with customer managed keys, for standard " +
                     "and code scanning alike. KmsKeyArn or SourceKMSKeyArn sets such a key, so the function's vulnerabilities go unreported.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        Check(context, context.Function.KmsKeyArn);
        Check(context, context.Function.SourceKmsKeyArn);
    }

    private static void Check(FunctionAnalysisContext context, EffectiveProperty? property)
    {
        if (property is null)
            return;
        // Either branch of Fn::If counts whatever its condition (C15): the key is set in some deployment.
        var value = context.Template.EveryBranchResolver.Resolve(property.Value);
        switch (KmsKeys.Classify(value, AwsManagedAlias, out var how))
        {
            case KeyKind.CustomerManaged:
                context.ReportDiagnostic(Rule, property, FunctionNames.Describe(context.Function), property.Name, how,
                    property.IsInherited ? " (set in Globals)" : string.Empty);
                break;
            case KeyKind.Unknown:
                context.ReportUnresolved(property, $"whether function {FunctionNames.Describe(context.Function)} uses a customer managed key ({property.Name})", how);
                break;
        }
    }
}
