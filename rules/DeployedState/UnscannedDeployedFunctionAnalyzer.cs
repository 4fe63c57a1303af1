using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.DeployedState;

/// <summary>PL7005: reports a deployed function that Amazon Inspector's coverage export says it does not scan, for a
/// reason other than an exclusion tag.</summary>
public sealed class UnscannedDeployedFunctionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function; {1} the scan type; {2} the reason code; {3} what it means and what to do; {4}
    /// the export.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL7005",
        name: "UnscannedDeployedFunction",
        title: "Amazon Inspector does not scan a deployed function",
        messageFormat: "Amazon Inspector does not scan deployed function {0} ({1} scanning): coverage reason {2} in {4}: {3}",
        category: RuleCategory.DeployedState,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Amazon Inspector's coverage export lists a Lambda function with status INACTIVE for a reason other than an " +
                     "exclusion tag (an unsupported runtime, a key Inspector may not use, an expired eligibility…): it is silently not scanned.");

    /// <summary>What each reason means, from the Inspector API reference (ScanStatus) and User Guide; others are quoted.</summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["UNSUPPORTED_RUNTIME"] = "Inspector does not support the function's runtime; move to a supported runtime",
        ["SCAN_ELIGIBILITY_EXPIRED"] = "the function was not invoked or updated within the scan eligibility period (90 days by default), so Inspector stopped scanning it; update it, or remove it if unused",
        ["ACCESS_DENIED_TO_ENCRYPTION_KEY"] = "the KMS key policy does not let Inspector use the customer managed key that encrypts the function; grant Inspector access in the key policy",
        ["ACCESS_DENIED"] = "a resource access policy keeps Inspector out; update the IAM policy",
        ["INTERNAL_ERROR"] = "Inspector failed internally; it retries",
        ["UNSUPPORTED_LANGUAGE"] = "Lambda code scanning does not support the function's language",
        ["UNSUPPORTED_CODE_ARTIFACTS"] = "Inspector cannot read the function's code artifacts",
        ["NO_RESOURCES_FOUND"] = "Inspector found nothing to scan",
        ["PENDING_DISABLE"] = "Inspector is being disabled for the account",
        ["NO_SCAN_CONFIGURATION_ASSOCIATED"] = "no scan configuration applies to the function",
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override bool RequiresDeployedState => true;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        var project = context.Project;
        foreach (var function in project.Deployed.Functions)
        {
            foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
            {
                if (function.CoverageOf(scanType).FirstOrDefault(c => c.IsInactive && c.Reason != "EXCLUDED_BY_TAG") is not { } coverage)
                    continue;
                var reason = coverage.Reason ?? "(none)";
                var meaning = Meanings.GetValueOrDefault(reason, "see the Inspector coverage page for this reason");
                if (function.KmsKeyArn is { } key && reason is "ACCESS_DENIED_TO_ENCRYPTION_KEY")
                    meaning += $" (KMSKeyArn {key})";
                context.ReportDiagnostic(Rule, DeployedMatching.Target(coverage.Location, function, Shared.ExclusionTags.Name(scanType)),
                    DeployedMatching.Describe(function), Shared.ExclusionTags.Name(scanType), reason, meaning, coverage.Location.Path);
            }
        }
    }
}
