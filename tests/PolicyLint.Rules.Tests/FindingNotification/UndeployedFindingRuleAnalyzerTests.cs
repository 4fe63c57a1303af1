using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.FindingNotification;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.FindingNotification;

public sealed class UndeployedFindingRuleAnalyzerTests
{
    private const string Message = "Rule 'FindingsRule' is not deployed: condition 'IsProd' is false with the parameter defaults and overrides, so the rule routes no Inspector finding";

    /// <summary>A template whose 'FindingsRule' (an Inspector rule when <paramref name="source"/> is) has the condition
    /// 'IsProd', defined as <paramref name="condition"/>, after <paramref name="parameters"/>; its <c>Condition</c> key is
    /// marked #0 when <paramref name="marked"/>.</summary>
    private static string Template(string parameters, string condition, string source = "aws.inspector2", bool marked = true) => $$"""
        Parameters:
        {{parameters}}
        Conditions:
          IsProd: {{condition}}
        Resources:
          FindingsRule:
            Type: AWS::Events::Rule
            {{(marked ? "{|#0:Condition|}" : "Condition")}}: IsProd
            Properties:
              EventPattern: { source: [{{source}}] }
        """;

    private const string Stage = "  Stage: { Type: String, Default: dev }";

    [Test]
    public void Reports_AConditionFalseWithTheDefault_AtTheConditionKey() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template(Stage, "!Equals [!Ref Stage, prod]"))
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void Reports_ALongFormConditionThatReferencesAnother() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsTest: { "Fn::Equals": [{ Ref: Stage }, test] }
              IsProd: { "Fn::And": [{ "Fn::Equals": [{ Ref: Stage }, prod] }, { "Fn::Not": [{ Condition: IsTest }] }] }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                {|#0:Condition|}: IsProd
                Properties:
                  EventPattern: { source: [aws.inspector2] }
            """)
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void DoesNotReport_AConditionTrueWithTheDefault() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: prod }", "!Equals [!Ref Stage, prod]", marked: false))
        .Verify();

    [Test]
    public void DoesNotReport_WhenAnOverrideMakesTheConditionTrue() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template(Stage, "!Equals [!Ref Stage, prod]", marked: false))
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Stage"] = "prod" } })
        .Verify();

    [Test]
    public void Reports_WhenAnOverrideMakesTheConditionFalse() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: prod }", "!Equals [!Ref Stage, prod]"))
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Stage"] = "staging" } })
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void Reports_Unresolved_AParameterWithoutDefault() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String }", "!Equals [!Ref Stage, prod]"))
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' is deployed (condition 'IsProd'): parameter 'Stage' has no default")
        .Verify();

    [Test]
    public void Reports_Unresolved_ThroughFnOrAndAConditionReference() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: dev }\n  Region: { Type: String }", "!Or [!Equals [!Ref Stage, prod], !Condition InEurope]")
            .Replace("Resources:", "  InEurope: !Equals [!Ref Region, eu-west-1]\nResources:", StringComparison.Ordinal))
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' is deployed (condition 'IsProd'): parameter 'Region' has no default")
        .Verify();

    [Test]
    public void Reports_Unresolved_AnUnconfiguredPseudoParameter() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: dev }", "!Equals [!Ref AWS::Region, eu-west-1]"))
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' is deployed (condition 'IsProd'): AWS::Region is not known offline (configure region in samconfig)")
        .Verify();

    [Test]
    public void Reports_WhenTheConfiguredRegionMakesTheConditionFalse() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: dev }", "!Equals [!Ref AWS::Region, eu-west-1]"))
        .WithSettings(new ResolutionSettings { Region = "us-east-1" })
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void Reports_Unresolved_AnUndeclaredCondition() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                {|#0:Condition|}: IsProd
                Properties:
                  EventPattern: { source: [aws.inspector2] }
            """)
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' is deployed (condition 'IsProd'): condition 'IsProd' is not declared in the template")
        .Verify();

    [Test]
    public void Reports_ANearMissInspectorRule() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template(Stage, "!Equals [!Ref Stage, prod]", "aws.inspektor2"))
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void DoesNotReport_ARuleForOtherEvents() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template(Stage, "!Equals [!Ref Stage, prod]", "aws.guardduty", marked: false))
        .Verify();

    [Test]
    public void DoesNotReport_AnInspectorRuleWithoutCondition() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  State: !If [IsProd, ENABLED, DISABLED]
                  EventPattern: { source: [aws.inspector2] }
            """)
        .Verify();

    [Test]
    public void Reports_ASamFunctionEvent_AtTheFunctionsCondition() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                {|#0:Condition|}: IsProd
                Properties:
                  Events:
                    Findings:
                      Type: EventBridgeRule
                      Properties:
                        Pattern: { source: [aws.inspector2] }
                    Nightly:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 day)
            """)
        .Expect(0, "PL4004", "Rule 'Notifier.Events.Findings' is not deployed: condition 'IsProd' is false with the parameter defaults and overrides, so the rule routes no Inspector finding")
        .Verify();

    [Test]
    public void Reports_InAJsonTemplate() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate("""
            {
              "Parameters": { "Stage": { "Type": "String", "Default": "dev" } },
              "Conditions": { "IsProd": { "Fn::Equals": [{ "Ref": "Stage" }, "prod"] } },
              "Resources": {
                "FindingsRule": {
                  "Type": "AWS::Events::Rule",
                  {|#0:"Condition"|}: "IsProd",
                  "Properties": { "EventPattern": "{\"detail-type\": [\"Inspector2 Finding\"]}" }
                }
              }
            }
            """, "notify.json")
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void DoesNotReport_WhenASamconfigParameterOverrideMakesTheConditionTrue() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template(Stage, "!Equals [!Ref Stage, prod]", marked: false))
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = \"Stage=prod\"\n")
        .Verify();

    [Test]
    public void Reports_WhenTheChosenSamconfigEnvironmentMakesTheConditionFalse() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: prod }", "!Equals [!Ref Stage, prod]"))
        .WithFile("samconfig.yaml", "default:\n  deploy:\n    parameters:\n      parameter_overrides: Stage=prod\ndev:\n  deploy:\n    parameters:\n      parameter_overrides: [Stage=dev]\n")
        .WithConfigEnvironment("dev")
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void Reports_WhenTheSamconfigRegionMakesTheConditionFalse() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate(Template("  Stage: { Type: String, Default: dev }", "!Equals [!Ref AWS::Region, eu-west-1]"))
        .WithFile("samconfig.toml", "[default.global.parameters]\nregion = \"us-east-1\"\n")
        .Expect(0, "PL4004", Message)
        .Verify();

    [Test]
    public void Reports_ASecurityHubRouteUnderAFalseCondition_AndNotARuleForScanEvents() => RuleTest.For<UndeployedFindingRuleAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              HubRule:
                Type: AWS::Events::Rule
                {|#0:Condition|}: IsProd
                Properties:
                  EventPattern: { source: [aws.securityhub], detail-type: [Security Hub Findings - Imported] }
              ScanRule:
                Type: AWS::Events::Rule
                Condition: IsProd
                Properties:
                  EventPattern: { source: [aws.inspector2], detail-type: [Inspector2 Scan] }
            """)
        .Expect(0, "PL4004", "Rule 'HubRule' is not deployed: condition 'IsProd' is false with the parameter defaults and overrides, so the rule routes no Inspector finding")
        .Verify();
}
