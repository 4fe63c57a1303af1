using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.SuppressionFilters;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.SuppressionFilters;

public sealed class UnrecordedSuppressionRuleAnalyzerTests
{
    private const string Criteria = """
              FilterCriteria:
                VulnerabilityId: [{ Comparison: EQUALS, Value: CVE-2024-3094 }]
        """;

    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    private static string Record(string target, string expires = "2027-03-31") => $$"""
        version: 1
        exclusions: []
        suppressions:
          - target: {{target}}
            reason: { summary: Not reachable from any function, ticket: SEC-2101 }
            owner: { team: orders, approved_by: security-reviewer }
            dates: { applied_at: 2026-10-01, expires_at: {{expires}} }
        """;

    [Test]
    public void Reports_SuppressFilterWithoutRecord() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  {"{|#0:FilterAction|}"}: SUPPRESS
            {Criteria}
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL5001", "Suppression rule 'AcceptedCve' (filter 'accepted-cve') hides Amazon Inspector findings (FilterAction: SUPPRESS) but no record in the ledger's suppressions list says why, who approved it or until when; add one to security/inspector-exclusions.yaml with target.name 'accepted-cve'")
        .Verify();

    [Test]
    public void Reports_WithoutALedgerFile() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  [|FilterAction|]: SUPPRESS
            {Criteria}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_FilterRecordedByName() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  FilterAction: SUPPRESS
            {Criteria}
            """)
        .WithLedger(Record("{ type: inspector_filter, name: accepted-cve }"))
        .Verify();

    [Test]
    public void DoesNotReport_FilterRecordedByAnExpiredRecord() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  FilterAction: SUPPRESS
            {Criteria}
            """)
        .WithLedger(Record("{ type: inspector_filter, name: accepted-cve }", expires: "2026-11-01"))
        .Verify();

    [Test]
    public void Reports_WhenTheRecordNamesAnotherFilter() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  [|FilterAction|]: SUPPRESS
            {Criteria}
            """)
        .WithLedger(Record("{ type: inspector_filter, name: Accepted-CVE }"))
        .Verify();

    [Test]
    public void DoesNotReport_FilterRecordedByTemplateAndLogicalId() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: !Sub "${"{AWS::StackName}"}-accepted-cve"
                  FilterAction: SUPPRESS
            {Criteria}
            """, "services/orders/template.yaml")
        .WithLedger(Record("{ type: inspector_filter, template: ./services/orders/template.yaml, logical_id: AcceptedCve }"))
        .Verify();

    [Test]
    public void Reports_TemplateTargetOfAnotherTemplate_EvenWithTheSameName() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  [|FilterAction|]: SUPPRESS
            {Criteria}
            """, "services/orders/template.yaml")
        .WithLedger(Record("{ type: inspector_filter, name: accepted-cve, template: services/billing/template.yaml, logical_id: AcceptedCve }"))
        .Verify();

    [Test]
    public void Reports_FilterWithoutStaticName_AskingForTemplateAndLogicalId() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: !Sub "${"{AWS::StackName}"}-accepted-cve"
                  {"{|#0:FilterAction|}"}: SUPPRESS
            {Criteria}
            """, "services/orders/template.yaml")
        .WithLedger(Record("{ type: inspector_filter, name: accepted-cve }"))
        .Expect(0, "PL5001", "Suppression rule 'AcceptedCve' hides Amazon Inspector findings (FilterAction: SUPPRESS) but no record in the ledger's suppressions list says why, who approved it or until when; add one to security/inspector-exclusions.yaml with target.template 'services/orders/template.yaml' and target.logical_id 'AcceptedCve' (its Name is not known before deployment: AWS::StackName is not known offline (configure stack_name in samconfig or .policylint.yaml, or --stack-name))")
        .Verify();

    [Test]
    public void DoesNotReport_NameResolvedWithAConfiguredStackName() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: !Sub "${"{AWS::StackName}"}-accepted-cve"
                  FilterAction: SUPPRESS
            {Criteria}
            """)
        .WithSettings(new ResolutionSettings { StackName = "orders" })
        .WithLedger(Record("{ type: inspector_filter, name: orders-accepted-cve }"))
        .Verify();

    [Test]
    public void Reports_NameFromAParameterDefault_Unrecorded() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Parameters:
              FilterName: {"{ Type: String, Default: accepted-cve }"}
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: !Ref FilterName
                  {"{|#0:FilterAction|}"}: SUPPRESS
            {Criteria}
            """)
        .WithLedger(Record("{ type: inspector_filter, name: other-filter }"))
        .Expect(0, "PL5001", "Suppression rule 'AcceptedCve' (filter 'accepted-cve') hides Amazon Inspector findings (FilterAction: SUPPRESS) but no record in the ledger's suppressions list says why, who approved it or until when; add one to security/inspector-exclusions.yaml with target.name 'accepted-cve'")
        .Verify();

    [Test]
    public void Reports_SuppressInABranchOfFnIf_LongForm() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Parameters:
              Mode: {"{ Type: String, Default: view }"}
            Conditions:
              Hide: !Equals [!Ref Mode, hide]
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  {"{|#0:FilterAction|}"}:
                    Fn::If: [Hide, SUPPRESS, NONE]
            {Criteria}
            """)
        .Expect(0, "PL5001", "Suppression rule 'AcceptedCve' (filter 'accepted-cve') hides Amazon Inspector findings (FilterAction: SUPPRESS in a branch of Fn::If) but no record in the ledger's suppressions list says why, who approved it or until when; add one to security/inspector-exclusions.yaml with target.name 'accepted-cve'")
        .Verify();

    [Test]
    public void Reports_Unresolved_FilterAction() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Parameters:
              Action: {"{ Type: String }"}
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  {"{|#0:FilterAction|}"}: !Ref Action
            {Criteria}
            """)
        .Expect(0, "PL0002", "Cannot decide whether Inspector filter 'AcceptedCve' suppresses findings: parameter 'Action' has no default")
        .Verify();

    [TestCase("NONE")]
    [TestCase("suppress", Description = "FilterAction values are case-sensitive; CloudFormation rejects this one")]
    public void DoesNotReport_FilterThatDoesNotSuppress(string action) => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              SavedView:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: saved-view
                  FilterAction: {action}
            {Criteria}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_OtherResourceTypes() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              Guard:
                Type: AWS::GuardDuty::Filter
                Properties:
                  Name: archive-noise
                  Action: ARCHIVE
                  FilterAction: SUPPRESS
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhileTheLedgerIsBroken() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              AcceptedCve:
                Type: AWS::InspectorV2::Filter
                Properties:
                  Name: accepted-cve
                  FilterAction: SUPPRESS
            {Criteria}
            """)
        .WithLedger("version: 1\nexclusions: [{|PL0001:|}")
        .Verify();

    [Test]
    public void Reports_JsonTemplate() => RuleTest.For<UnrecordedSuppressionRuleAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "AcceptedCve": {
                  "Type": "AWS::InspectorV2::Filter",
                  "Properties": {
                    "Name": "accepted-cve",
                    {|#0:"FilterAction"|}: "SUPPRESS",
                    "FilterCriteria": { "VulnerabilityId": [{ "Comparison": "EQUALS", "Value": "CVE-2024-3094" }] }
                  }
                }
              }
            }
            """, "template.json")
        .Expect(0, "PL5001")
        .Verify();
}
