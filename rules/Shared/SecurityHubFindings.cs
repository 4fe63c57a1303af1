using System.Text.RegularExpressions;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Rules.Shared;

/// <summary>
/// AWS Security Hub's EventBridge events for the findings it imports, Amazon Inspector's among them (docs/conventions.md#c6, revised
/// 2026-12-07): every finding Security Hub ingests, and every update, is sent to the default event bus as a
/// <c>Security Hub Findings - Imported</c> event whose <c>detail.findings</c> holds the finding in the AWS Security
/// Finding Format (ASFF).
/// </summary>
/// <remarks>Sources: AWS Security Hub User Guide, "Configuring an EventBridge rule for Security Hub CSPM findings"
/// (securityhub-cwe-all-findings.html) and "EventBridge event formats for Security Hub CSPM"
/// (securityhub-cwe-event-formats.html); ASFF: "Required top-level ASFF attributes" (asff-required-attributes.html:
/// <c>ProductArn</c>, <c>Severity</c>) and "Optional top-level ASFF attributes" (asff-top-level-attributes.html:
/// <c>ProductName</c>, <c>CompanyName</c>, <c>RecordState</c>, <c>Workflow</c>). Amazon Inspector's findings carry
/// <c>ProductName</c> <c>Inspector</c>, <c>CompanyName</c> <c>Amazon</c> and the product ARN
/// <c>arn:aws:securityhub:REGION::product/aws/inspector</c>.</remarks>
internal static partial class SecurityHubFindings
{
    /// <summary>The <c>source</c> of Security Hub's events.</summary>
    public const string Source = "aws.securityhub";

    /// <summary>The <c>detail-type</c> of the events for imported findings.</summary>
    public const string DetailType = "Security Hub Findings - Imported";

    /// <summary>ASFF <c>ProductName</c> of Amazon Inspector's findings.</summary>
    public const string InspectorProductName = "Inspector";

    /// <summary>ASFF <c>CompanyName</c> of Amazon Inspector's findings.</summary>
    public const string InspectorCompanyName = "Amazon";

    /// <summary>A product ARN of Amazon Inspector, for operators (its Region does not matter).</summary>
    public const string SampleInspectorProductArn = "arn:aws:securityhub:us-east-1::product/aws/inspector";

    /// <summary>ASFF <c>Resources[].Type</c> of a Lambda function.</summary>
    public const string LambdaResourceType = "AwsLambdaFunction";

    /// <summary>Whether <paramref name="arn"/> is Amazon Inspector's product ARN in some partition and Region.</summary>
    public static bool IsInspectorProductArn(string arn) => InspectorProductArn().IsMatch(arn);

    /// <summary>
    /// Whether the product filters under <c>detail.findings</c> keep Amazon Inspector's findings: <c>ProductName</c>,
    /// <c>CompanyName</c> and <c>ProductArn</c>, each absent or matching Inspector's value. A key or value that
    /// misses only nearly (case, a typo) gives <see cref="InspectorMatch.NearMiss"/>; a filter that leaves Inspector
    /// out gives <see cref="InspectorMatch.None"/>, with <paramref name="reason"/> naming it. A value that cannot be
    /// resolved keeps Inspector (the rule may route its findings).
    /// </summary>
    public static InspectorMatch ClassifyProduct(EventRule rule, MappingNode? findings, out string? reason)
    {
        reason = null;
        var result = InspectorMatch.Exact;
        foreach (var (key, expected) in new[] { ("ProductName", InspectorProductName), ("CompanyName", InspectorCompanyName), ("ProductArn", SampleInspectorProductArn) })
        {
            if (EventRule.FindField(findings, key) is not { } field)
                continue;
            if (!field.IsExactKey)
                result = InspectorMatch.NearMiss;
            var matchers = rule.Matchers(field);
            if (key == "ProductArn" && matchers.Any(m => m is ExactMatcher e && IsInspectorProductArn(e.Value)))
                continue;
            if (ValueMatcher.AnyMatches(matchers, expected) != TriState.False)
                continue;
            if (key != "ProductArn" && matchers.OfType<ExactMatcher>().Any(m => InspectorFindings.IsNearMiss(m.Value, expected)))
            {
                result = InspectorMatch.NearMiss;
                continue;
            }

            var listed = string.Join(", ", matchers.OfType<ExactMatcher>().Select(m => $"'{m.Value}'"));
            reason = listed.Length > 0 ? $"{key} {listed}" : key;
            return InspectorMatch.None;
        }

        return result;
    }

    [GeneratedRegex("^arn:aws[a-z-]*:securityhub:[a-z0-9-]+::product/aws/inspector$", RegexOptions.CultureInvariant)]
    private static partial Regex InspectorProductArn();
}
