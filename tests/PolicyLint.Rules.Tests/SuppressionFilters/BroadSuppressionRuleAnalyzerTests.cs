using NUnit.Framework;
using PolicyLint.Rules.SuppressionFilters;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.SuppressionFilters;

public sealed class BroadSuppressionRuleAnalyzerTests
{
    private const string Advice = "so it suppresses whole classes of findings on every resource; narrow it with a criterion that names what was accepted, such as VulnerabilityId, VulnerablePackages, LambdaFunctionName, ResourceId or ResourceTags";

    private static RuleTest Filter(string criteria, string action = "SUPPRESS", string marker = "[|FilterCriteria|]") =>
        RuleTest.For<BroadSuppressionRuleAnalyzer>().WithTemplate($"""
            Resources:
              HideMedium:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: hide-medium
                  FilterAction: {action}
                  {marker}:
            {criteria}
            """);

    [Test]
    public void Reports_SeverityAndResourceTypeOnly() => Filter("""
                Severity: [{ Comparison: EQUALS, Value: MEDIUM }]
                ResourceType: [{ Comparison: EQUALS, Value: AWS_LAMBDA_FUNCTION }]
        """, marker: "{|#0:FilterCriteria|}")
        .Expect(0, "PL5002", $"Suppression rule 'HideMedium' (filter 'hide-medium') hides Amazon Inspector findings by broad criteria only (Severity, ResourceType), {Advice}")
        .Verify();

    [TestCase("FindingType", "PACKAGE_VULNERABILITY")]
    [TestCase("AwsAccountId", "111122223333")]
    [TestCase("FindingStatus", "ACTIVE")]
    [TestCase("VendorSeverity", "Medium")]
    public void Reports_OtherBroadCriteria(string key, string value) => Filter($$"""
                {{key}}: [{ Comparison: EQUALS, Value: "{{value}}" }]
        """).Verify();

    [Test]
    public void Reports_NumberAndDateRangesOnly() => Filter("""
                InspectorScore: [{ LowerInclusive: 0, UpperInclusive: 6.9 }]
                FirstObservedAt: [{ StartInclusive: 1700000000, EndInclusive: 1800000000 }]
        """).Verify();

    [Test]
    public void Reports_EmptyCriteria() => RuleTest.For<BroadSuppressionRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              HideMedium:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: hide-medium
                  FilterAction: SUPPRESS
                  {|#0:FilterCriteria|}: {}
            """)
        .Expect(0, "PL5002", $"Suppression rule 'HideMedium' (filter 'hide-medium') hides Amazon Inspector findings by broad criteria only (no criterion), {Advice}")
        .Verify();

    [Test]
    public void Reports_NarrowKeyThatSelectsNothing() => Filter("""
                Severity: [{ Comparison: EQUALS, Value: LOW }]
                LambdaFunctionName: [{ Comparison: NOT_EQUALS, Value: orders-api }]
                VulnerabilityId: [{ Comparison: PREFIX, Value: "" }]
                ResourceId: []
                VulnerablePackages: [{ Name: { Comparison: NOT_EQUALS, Value: xz } }]
        """, marker: "{|#0:FilterCriteria|}")
        .Expect(0, "PL5002", $"Suppression rule 'HideMedium' (filter 'hide-medium') hides Amazon Inspector findings by broad criteria only (Severity, LambdaFunctionName without a value to equal or start with, VulnerabilityId without a value to equal or start with, ResourceId without a value to equal or start with, VulnerablePackages without a value to equal or start with), {Advice}")
        .Verify();

    [TestCase("VulnerabilityId: [{ Comparison: EQUALS, Value: CVE-2024-3094 }]")]
    [TestCase("VulnerablePackages: [{ Name: { Comparison: EQUALS, Value: xz } }]")]
    [TestCase("CodeVulnerabilityFilePath: { FilePath: { Comparison: PREFIX, Value: src/ } }", Description = "not a list: read as narrowing")]
    [TestCase("LambdaFunctionName: [{ Comparison: PREFIX, Value: orders- }]")]
    [TestCase("LambdaFunctionRuntime: [{ Comparison: EQUALS, Value: python3.9 }]")]
    [TestCase("LambdaFunctionLayers: [{ Comparison: EQUALS, Value: 'arn:aws:lambda:eu-west-1:111122223333:layer:pdf:3' }]")]
    [TestCase("ResourceId: [{ Comparison: EQUALS, Value: 'arn:aws:lambda:eu-west-1:111122223333:function:orders-api' }]")]
    [TestCase("ResourceTags: [{ Comparison: EQUALS, Key: team, Value: orders }]")]
    [TestCase("LambdaFunctionName: [{ Comparison: NOT_EQUALS, Value: a }, { Comparison: EQUALS, Value: orders-api }]")]
    [TestCase("LambdaFunctionName: [{ Comparison: EQUALS, Value: !Ref FunctionName }]", Description = "an unresolved value counts as narrowing")]
    [TestCase("LambdaFunctionName: !Ref Names", Description = "what cannot be read counts as narrowing")]
    public void DoesNotReport_WithANarrowingCriterion(string criterion) => RuleTest.For<BroadSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Parameters:
              FunctionName: {"{ Type: String }"}
              Names: {"{ Type: String }"}
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  FilterAction: SUPPRESS
                  FilterCriteria:
                    Severity: [{"{ Comparison: EQUALS, Value: HIGH }"}]
                    {criterion}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_SavedViewWithBroadCriteria() => Filter("""
                Severity: [{ Comparison: EQUALS, Value: MEDIUM }]
        """, action: "NONE", marker: "FilterCriteria").Verify();

    [Test]
    public void Reports_SuppressInABranchOfFnIf() => Filter("""
                Severity: [{ Comparison: EQUALS, Value: MEDIUM }]
        """, action: "!If [Hide, SUPPRESS, NONE]").WithTemplate("""
            Conditions:
              Hide: !Equals [a, b]
            Resources: {}
            """, "other.yaml")
        .Verify();

    [Test]
    public void Reports_BroadBranchOfFnIfCriteria_LongForm() => RuleTest.For<BroadSuppressionRuleAnalyzer>()
        .WithTemplate("""
            Parameters:
              Strict: { Type: String, Default: "yes" }
            Conditions:
              IsStrict: !Equals [!Ref Strict, "yes"]
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  FilterAction: SUPPRESS
                  {|#0:FilterCriteria|}:
                    Fn::If:
                      - IsStrict
                      - VulnerabilityId: [{ Comparison: EQUALS, Value: CVE-2024-3094 }]
                      - Severity: [{ Comparison: EQUALS, Value: HIGH }]
            """)
        .Expect(0, "PL5002", $"Suppression rule 'AcceptedCve' (filter 'accepted-cve') hides Amazon Inspector findings by broad criteria only in a branch of Fn::If (Severity), {Advice}")
        .Verify();

    [Test]
    public void Reports_Unresolved_CriteriaFromAParameter() => RuleTest.For<BroadSuppressionRuleAnalyzer>()
        .WithTemplate("""
            Parameters:
              Criteria: { Type: String }
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  FilterAction: SUPPRESS
                  {|#0:FilterCriteria|}: !Ref Criteria
            """)
        .Expect(0, "PL0002", "Cannot decide whether suppression rule 'AcceptedCve' (filter 'accepted-cve') hides findings by broad criteria only: parameter 'Criteria' has no default")
        .Verify();

    [Test]
    public void DoesNotReport_WithoutFilterCriteria() => RuleTest.For<BroadSuppressionRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              Incomplete:
                Type: AWS::InspectorV2::Filter
                Properties: { Name: incomplete, FilterAction: SUPPRESS }
            """)
        .Verify();

    [Test]
    public void Reports_JsonTemplate() => RuleTest.For<BroadSuppressionRuleAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "HideLow": {
                  "Type": "AWS::InspectorV2::Filter",
                  "Properties": {
                    "Name": "hide-low",
                    "FilterAction": "SUPPRESS",
                    {|#0:"FilterCriteria"|}: { "Severity": [{ "Comparison": "EQUALS", "Value": "LOW" }] }
                  }
                }
              }
            }
            """, "template.json")
        .Expect(0, "PL5002", $"Suppression rule 'HideLow' (filter 'hide-low') hides Amazon Inspector findings by broad criteria only (Severity), {Advice}")
        .Verify();
}
