using NUnit.Framework;
using PolicyLint.Rules.FindingNotification;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.FindingNotification;

public sealed class MissingFindingRuleAnalyzerTests
{
    private const string Message = "No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2' with detail-type 'Inspector2 Finding', or Inspector's findings among Security Hub's 'Security Hub Findings - Imported' events), so HIGH and CRITICAL findings reach nobody";

    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    private const string App = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Gateway:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: portal-gateway
        """;

    /// <summary>A template with one <c>AWS::Events::Rule</c> whose properties are <paramref name="properties"/>
    /// (indented by six spaces).</summary>
    private static string RuleTemplate(string properties) => $"""
        Resources:
          FindingsRule:
            Type: AWS::Events::Rule
            Properties:
        {properties}
        """;

    [Test]
    public void Reports_AtTheLedgerStart_WhenNoRuleExists() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App)
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message)
        .Verify();

    [Test]
    public void Reports_AtTheLedgerStart_WhenTheLedgerIsInvalid() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App)
        .WithLedger("{|PL4001:|}version: 7\nexclusions: {}\n")
        .Verify();

    [Test]
    public void Reports_AtAnExplicitLedgerPath() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App)
        .WithLedger("{|PL4001:|}" + EmptyLedger, "audit/ledger.yaml")
        .Verify();

    [Test]
    public void Reports_AtTheResourcesKeyOfTheFirstTemplateWithAFunction_WhenThereIsNoLedger() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """, "a/queue.yaml")
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            {|#0:Resources|}:
              Worker:
                Type: AWS::Lambda::Function
            """, "b/worker.yaml")
        .WithTemplate(App, "c/app.yaml")
        .Expect(0, "PL4001", Message)
        .Verify();

    [Test]
    public void Reports_AtTheQuotedResourcesKeyOfAJsonTemplate_WhenThereIsNoLedger() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate("""
            {
              [|"Resources"|]: { "Worker": { "Type": "AWS::Lambda::Function" } }
            }
            """, "template.json")
        .Verify();

    [Test]
    public void DoesNotReport_WithoutFunctions() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Layer:
                Type: AWS::Serverless::LayerVersion
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_InAnEmptyRepository() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .Verify();

    [Test]
    public void DoesNotReport_WithARuleOnTheDefaultBus() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  EventPattern:
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [HIGH, CRITICAL]
                      status: [ACTIVE]
                  Targets: [{ Id: topic, Arn: !Ref Topic }]
            """), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [TestCase("default")]
    [TestCase("arn:aws:events:eu-west-1:111122223333:event-bus/default")]
    [TestCase("!Sub \"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default\"")]
    public void DoesNotReport_WithARuleWhoseEventBusNameIsTheDefaultBus(string bus) => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate($"""
                  EventBusName: {bus}
                  EventPattern:
                    source: [aws.inspector2]
            """), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WithARuleFromAParameterDefault() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            Parameters:
              Bus: { Type: String, Default: default }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !Ref Bus
                  EventPattern: { detail-type: [Inspector2 Finding] }
            """, "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [TestCase("source: [AWS.Inspector2]")]
    [TestCase("source: [aws-inspector2]")]
    [TestCase("source: [aws.inspektor2]")]
    [TestCase("source: [aws.inspector]")]
    [TestCase("detail-type: [inspector2 finding]")]
    [TestCase("detail-type: [Inspector2_Finding]")]
    [TestCase("detail-type: [Inspector Finding]")]
    [TestCase("source: [{ prefix: aws.inspector2 }]")]
    public void DoesNotReport_WithANearMissRule(string field) => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate($"""
                  EventPattern:
                    {field}
            """), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WithADisabledRuleWithoutTargets() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  State: DISABLED
                  EventPattern:
                    source: [aws.inspector2]
                    detail: { severity: [high] }
            """), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WithAnEventPatternWrittenAsJsonString() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  EventPattern: '{"source": ["aws.inspector2"], "detail-type": ["Inspector2 Finding"]}'
            """), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WithARuleInAJsonTemplate() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            {
              "Resources": {
                "FindingsRule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": { "EventPattern": { "source": ["aws.inspector2"] } }
                }
              }
            }
            """, "notify.json")
        .WithLedger(EmptyLedger)
        .Verify();

    [TestCase("EventBridgeRule")]
    [TestCase("CloudWatchEvent")]
    public void DoesNotReport_WithASamFunctionEvent(string type) => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Findings:
                      Type: {{type}}
                      Properties:
                        Pattern:
                          source: [aws.inspector2]
                          detail-type: [Inspector2 Finding]
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WithASamFunctionEventWhosePatternIsAJsonString() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Findings:
                      Type: EventBridgeRule
                      Properties:
                        Pattern: >-
                          {"source": ["aws.inspector2"]}
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_WhenTheSamFunctionEventIsNotAnEventBridgeEvent() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Findings:
                      Type: SQS
                      Properties:
                        Pattern: { source: [aws.inspector2] }
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_NamingTheRuleOnACustomBus() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: security-events
                  EventPattern:
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
            """, "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + "; rule 'FindingsRule' (notify.yaml(6,7)) matches Inspector findings but is on event bus 'security-events', and Inspector sends findings only to the default bus")
        .Verify();

    [Test]
    public void Reports_NamingTheRuleOnABusItReferences() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            Resources:
              SecurityBus:
                Type: AWS::Events::EventBus
                Properties:
                  Name: security-events
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !Ref SecurityBus
                  EventPattern:
                    source: [aws.inspector2]
              AuditRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !GetAtt SecurityBus.Arn
                  EventPattern:
                    detail-type: [Inspector2 Finding]
            """, "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message +
            "; rule 'FindingsRule' (notify.yaml(9,7)) matches Inspector findings but is on event bus 'security-events', and Inspector sends findings only to the default bus" +
            "; rule 'AuditRule' (notify.yaml(15,7)) matches Inspector findings but is on event bus 'security-events', and Inspector sends findings only to the default bus")
        .Verify();

    [Test]
    public void Reports_NamingARuleOnABusThatCannotBeResolved() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            Parameters:
              Bus: { Type: String }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !Ref Bus
                  EventPattern:
                    source: [aws.inspector2]
            """, "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + "; rule 'FindingsRule' (notify.yaml(7,7)) matches Inspector findings but is on an event bus that cannot be known offline (parameter 'Bus' has no default), and Inspector sends findings only to the default bus")
        .Verify();

    [Test]
    public void Reports_NamingASamFunctionEventOnACustomBus() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Findings:
                      Type: EventBridgeRule
                      Properties:
                        EventBusName: security-events
                        Pattern: { source: [aws.inspector2] }
            """)
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + "; rule 'Notifier.Events.Findings' (template.yaml(10,13)) matches Inspector findings but is on event bus 'security-events', and Inspector sends findings only to the default bus")
        .Verify();

    [Test]
    public void DoesNotReport_WhenADefaultBusRuleExistsBesideACustomBusRule() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            Resources:
              CustomRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: security-events
                  EventPattern: { source: [aws.inspector2] }
              DefaultRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { source: [aws.inspector2] }
            """, "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WithASecurityHubRuleForInspectorFindings() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              VulnerabilityRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.securityhub]
                    detail-type: [Security Hub Findings - Imported]
                    detail:
                      findings:
                        ProductName: [Inspector]
            """, "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [TestCase("source: [aws.securityhub]")]
    [TestCase("source: [aws.securityhub]\n        detail-type: [Security Hub Findings - Imported]")]
    [TestCase("source: [aws.securityhub]\n        detail:\n          findings:\n            ProductArn: [\"arn:aws:securityhub:eu-west-1::product/aws/inspector\"]")]
    [TestCase("source: [aws.securityhub]\n        detail:\n          findings:\n            ProductName: [Inspector, GuardDuty]\n            CompanyName: [Amazon]")]
    [TestCase("source: [aws.securityhub]\n        detail:\n          findings:\n            ProductName: [{ prefix: Insp }]")]
    public void DoesNotReport_WithASecurityHubRuleThatKeepsInspectorFindings(string pattern) => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("      EventPattern:\n        " + pattern), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_NamingASecurityHubRuleForOtherProducts() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  EventPattern:
                    source: [aws.securityhub]
                    detail-type: [Security Hub Findings - Imported]
                    detail:
                      findings:
                        ProductName: [GuardDuty, Macie]
            """), "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + "; rule 'FindingsRule' (notify.yaml(2,3)) filters Security Hub's imported findings to other products than Amazon Inspector (ProductName 'GuardDuty', 'Macie')")
        .Verify();

    [Test]
    public void Reports_NamingASecurityHubRuleForOtherEvents() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  EventPattern:
                    source: [aws.securityhub]
                    detail-type: [Security Hub Findings - Custom Action]
            """), "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + "; rule 'FindingsRule' (notify.yaml(2,3)) matches Security Hub events other than 'Security Hub Findings - Imported'")
        .Verify();

    [Test]
    public void Reports_NamingASecurityHubRouteOnACustomBus() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  EventBusName: security-events
                  EventPattern:
                    source: [aws.securityhub]
                    detail-type: [Security Hub Findings - Imported]
            """), "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + "; rule 'FindingsRule' (notify.yaml(5,7)) matches Inspector findings imported by Security Hub but is on event bus 'security-events', and Security Hub sends its events only to the default bus")
        .Verify();

    [TestCase("[Inspector2 Scan]", "'Inspector2 Scan'")]
    [TestCase("[Inspector2 Coverage]", "'Inspector2 Coverage'")]
    [TestCase("[Inspector2 Scan, Inspector2 Coverage]", "'Inspector2 Scan' and 'Inspector2 Coverage'")]
    public void Reports_NamingARuleForInspectorsOtherEvents(string detailType, string named) => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate($"""
                  EventPattern:
                    source: [aws.inspector2]
                    detail-type: {detailType}
            """), "notify.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message + $"; rule 'FindingsRule' (notify.yaml(2,3)) matches Amazon Inspector's {named} events, which are not findings")
        .Verify();

    [TestCase("Source: [aws.inspector2]\n        DetailType: [Inspector2 Finding]")]
    [TestCase("source: [aws.inspector2]\n        Detail-Type: [Inspector2 Finding]")]
    [TestCase("detail_type: [Inspector2 Finding]")]
    [TestCase("SOURCE: [aws.inspector2]")]
    public void DoesNotReport_WithARuleWhoseKeysAreMisspelt(string pattern) => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("      EventPattern:\n        " + pattern), "notify.yaml")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_WhenRulesMatchOtherSources() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate(RuleTemplate("""
                  EventPattern:
                    source: [aws.ec2]
                    detail-type: [EC2 Instance State-change Notification]
            """), "notify.yaml")
        .WithTemplate(RuleTemplate("""
                  ScheduleExpression: rate(1 day)
            """), "schedule.yaml")
        .WithLedger("{|#0:|}" + EmptyLedger)
        .Expect(0, "PL4001", Message)
        .Verify();

    [Test]
    public void Reports_WhenTheOnlyRuleIsInABrokenTemplate() => RuleTest.For<MissingFindingRuleAnalyzer>()
        .WithTemplate(App, "app.yaml")
        .WithTemplate("""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { source: [aws.inspector2] }
              {|PL0001:FindingsRule|}:
                Type: AWS::Events::Rule
            """, "notify.yaml")
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();
}
