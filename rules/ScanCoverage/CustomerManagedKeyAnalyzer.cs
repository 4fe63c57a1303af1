using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ScanCoverage;

/// <summary>PL2001: reports functions that set a customer managed KMS key, which Amazon Inspector documents it cannot
/// scan, saying which data the key encrypts and whether the limitation is documented for it.</summary>
/// <remarks>
/// Sources, read 2026-12-07: Amazon Inspector User Guide, "Scanning AWS Lambda functions with Amazon Inspector"
/// (scanning-lambda.html): "Amazon Inspector does not support scanning Lambda functions encrypted with customer managed
/// keys", linking to AWS Lambda's "Data encryption at rest" (security-encryption-at-rest.html), which lists what a
/// customer managed key can encrypt: environment variables, .zip deployment packages and filter criteria; AWS Lambda API
/// Reference, "FunctionConfiguration" (<c>KMSKeyArn</c>: environment variables, SnapStart snapshots, the unzipped
/// package when used with <c>SourceKMSKeyArn</c>, the optimized container image) and "UpdateFunctionCode"
/// (<c>SourceKMSKeyArn</c>: the .zip deployment package). Neither page names the property the limitation depends on,
/// so it is documented for <c>SourceKMSKeyArn</c> (the package Inspector scans is encrypted) and unverified for
/// <c>KmsKeyArn</c> alone; both are warnings, never errors (docs/aws-facts.md#customer-managed-keys: unverified is not an error).
/// </remarks>
public sealed class CustomerManagedKeyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The AWS managed key of Lambda, which does not block scanning.</summary>
    public const string AwsManagedAlias = "alias/aws/lambda";

    /// <summary>Arguments: {0} the function; {1} the property (KmsKeyArn or SourceKMSKeyArn); {2} the value and how it
    /// arrives (a literal, a reference, an imported value, a branch of Fn::If); {3} " (set in Globals)" or empty; {4}
    /// what the key encrypts, and what is documented about scanning such a function.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL2001",
        name: "CustomerManagedKey",
        title: "Function uses a customer managed KMS key",
        messageFormat: "Function {0} sets a customer managed KMS key ({1}{3} is {2}), which encrypts {4}",
        category: RuleCategory.ScanCoverage,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Amazon Inspector documents that it does not support scanning Lambda functions encrypted with customer managed " +
                     "keys, for standard and code scanning alike. SourceKMSKeyArn encrypts the deployment package Inspector scans; " +
                     "KmsKeyArn encrypts environment variables and SnapStart snapshots, and whether it alone stops scanning is not documented.");

    private const string Documented = "Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys";

    private const string Unverified = "Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys " +
                                      "without naming the property, so whether this key alone stops scanning is unverified";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        var source = Check(context, context.Function.SourceKmsKeyArn, null);
        Check(context, context.Function.KmsKeyArn, source);
    }

    /// <summary>Reports <paramref name="property"/> when it sets a customer managed key; returns whether it does.
    /// <paramref name="sourceKey"/> is, for <c>KmsKeyArn</c>, whether <c>SourceKMSKeyArn</c> sets one.</summary>
    private static bool Check(FunctionAnalysisContext context, EffectiveProperty? property, bool? sourceKey)
    {
        if (property is null)
            return false;
        // Either branch of Fn::If counts whatever its condition (docs/conventions.md#c15): the key is set in some deployment.
        var value = context.Template.EveryBranchResolver.Resolve(property.Value);
        switch (KmsKeys.Classify(value, AwsManagedAlias, out var how))
        {
            case KeyKind.CustomerManaged:
                context.ReportDiagnostic(Rule, property, FunctionNames.Describe(context.Function), property.Name, how,
                    property.IsInherited ? " (set in Globals)" : string.Empty, WhatItEncrypts(context, sourceKey));
                return true;
            case KeyKind.Unknown:
                context.ReportUnresolved(property, $"whether function {FunctionNames.Describe(context.Function)} uses a customer managed key ({property.Name})", how);
                break;
        }

        return false;
    }

    /// <summary>What the key encrypts (Lambda's API reference), and what Amazon Inspector documents about it.</summary>
    private static string WhatItEncrypts(FunctionAnalysisContext context, bool? sourceKey)
    {
        if (sourceKey is null)
            return $"its .zip deployment package, which Amazon Inspector scans; {Documented}";
        if (sourceKey.Value)
            return $"its environment variables, SnapStart snapshots and, with SourceKMSKeyArn, the unzipped package that Lambda runs; {Documented}";
        var image = context.Resource.GetProperty("PackageType") is { } packageType
            && context.Template.Resolver.Resolve(packageType.Value).TryGetString(out var type) && type == "Image";
        return image
            ? $"its environment variables and the optimized copy of its container image that Lambda runs; {Unverified}"
            : $"its environment variables and SnapStart snapshots, not its deployment package; {Unverified}";
    }
}
