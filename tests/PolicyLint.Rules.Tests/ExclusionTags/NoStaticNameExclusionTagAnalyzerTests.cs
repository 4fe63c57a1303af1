using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

public sealed class NoStaticNameExclusionTagAnalyzerTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    private static string LedgerWith(string target, string scanType = "standard", string expiresAt = "2027-01-31") => $$"""
        version: 1
        exclusions:
          - target: { type: lambda, {{target}} }
            scan_type: {{scanType}}
            reason: { summary: Vendor library, ticket: SEC-1 }
            owner: { team: orders, approved_by: appsec }
            dates: { applied_at: 2026-10-01, expires_at: {{expiresAt}} }
        """;

    [Test]
    public void Reports_FunctionWithoutFunctionName() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    {|#0:InspectorExclusion|}: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'Worker' has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (it has no FunctionName, so CloudFormation generates one); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Worker'")
        .Verify();

    [Test]
    public void Reports_NameFromParameterWithoutDefault() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              WorkerName: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: !Ref WorkerName
                  Tags:
                    - {|#0:Key|}: InspectorCodeExclusion
                      Value: LambdaCodeScanning
            """, "services/orders/template.yaml")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'Worker' has exclusion tag 'InspectorCodeExclusion' but its deployed name is not known before deployment (FunctionName depends on what is known only at deploy time: parameter 'WorkerName' has no default); record it in the ledger with target.template 'services/orders/template.yaml' and target.logical_id 'Worker'")
        .Verify();

    [Test]
    public void Reports_NameFromUnconfiguredStackName() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'Worker' has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (FunctionName depends on what is known only at deploy time: AWS::StackName is not known offline (configure stack_name in samconfig or .policylint.yaml, or --stack-name)); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Worker'")
        .Verify();

    [Test]
    public void Reports_NameFromSubListFormWithUnconfiguredStackName() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Replay:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName:
                    Fn::Sub:
                      - "${Prefix}-replay"
                      - Prefix: !Ref AWS::StackName
                  Tags:
                    [|InspectorCodeExclusion|]: LambdaCodeScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_NameFromUnconfiguredAccountIdInJoin() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Join ["-", [worker, !Ref AWS::AccountId]]
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_NameChosenByAConditionThatCannotBeDecided() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !If [IsProd, orders-worker, orders-worker-dev]
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'Worker' has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (FunctionName depends on a condition that cannot be decided offline); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Worker'")
        .Verify();

    [Test]
    public void Reports_NamedByCdkConstructPath() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "WorkerFn1A2B3C4D": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {
                    "Tags": [{ {|#0:"Key"|}: "InspectorExclusion", "Value": "LambdaStandardScanning" }]
                  },
                  "Metadata": { "aws:cdk:path": "OrdersStack/Worker/Resource" }
                }
              }
            }
            """, "cdk.out/OrdersStack.template.json")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'WorkerFn1A2B3C4D' (CDK construct 'OrdersStack/Worker/Resource') has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (it has no FunctionName, so CloudFormation generates one); record it in the ledger with target.template 'cdk.out/OrdersStack.template.json' and target.logical_id 'WorkerFn1A2B3C4D'")
        .Verify();

    [Test]
    public void Reports_TagInheritedFromGlobals_AtLogicalId() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#1:InspectorExclusion|}: LambdaStandardScanning
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void Reports_TagInEitherBranchOfIf() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Tags:
                    - Fn::If:
                        - IsProd
                        - { [|Key|]: InspectorExclusion, Value: LambdaStandardScanning }
                        - { Key: team, Value: orders }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_WhenTheTemplateAndLogicalIdEntryRecordsTheOtherScanType() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
                    [|InspectorCodeExclusion|]: LambdaCodeScanning
            """)
        .WithLedger(LedgerWith("template: template.yaml, logical_id: Worker"))
        .Verify();

    [Test]
    public void Reports_WhenTheEntryNamesAnotherTemplate() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """, "services/orders/template.yaml")
        .WithLedger(LedgerWith("template: template.yaml, logical_id: Worker"))
        .Verify();

    [Test]
    public void Reports_WhenTheEntryNamesAnotherLogicalId() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("template: template.yaml, logical_id: worker"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheTemplateAndLogicalIdEntryRecordsIt() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              WorkerName: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref WorkerName
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """, "services/orders/template.yaml")
        .WithLedger(LedgerWith("template: services/orders/template.yaml, logical_id: Worker"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheEntryTemplatePathStartsWithDotSlash() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """, "services/orders/template.yaml")
        .WithLedger(LedgerWith("template: ./services/orders/template.yaml, logical_id: Worker"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheMatchingEntryHasExpired() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("template: template.yaml, logical_id: Worker", expiresAt: "2025-01-31"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheStackNameIsConfigured() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithSettings(new ResolutionSettings { StackName = "orders-prod" })
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WhenAParameterOverrideGivesTheName() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              WorkerName: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref WorkerName
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["WorkerName"] = "orders-worker" } })
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_StaticNames() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              WorkerName: { Type: String, Default: orders-worker }
              Env: { Type: String, Default: prod }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Literal:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-literal
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              FromDefault:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref WorkerName
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              FromSub:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::Partition}-${WorkerName}"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              FromCondition:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !If [IsProd, orders-prod, orders-dev]
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_FunctionsWithoutExclusionTags() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { team: orders, InspectorExclusion: LambdaCodeScanning }
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger("version: 1\nexclusions: [{|PL0001:|}")
        .Verify();

    [Test]
    public void Reports_Pl1005OnlyNeverPl1001OrPl0002_WithTheWholeRulePack() => RuleTest.ForAll()
        .WithTemplate("""
            Parameters:
              WorkerName: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref WorkerName
                  Tags: { {|PL1005:InspectorExclusion|}: LambdaStandardScanning }
              Generated:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { {|PL1005:InspectorCodeExclusion|}: LambdaCodeScanning }
              Named:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-named
                  Tags: { {|PL1001:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_Pl1001Instead_WhenTheStackNameIsConfigured() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { {|PL1001:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithSettings(new ResolutionSettings { StackName = "orders-prod" })
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WhenSamconfigGivesTheStackName() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"orders-prod\"\n")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_Pl1001Instead_WhenSamconfigGivesTheStackName() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { {|PL1001:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithFile("samconfig.yaml", "version: 0.1\ndefault:\n  deploy:\n    parameters:\n      stack_name: orders-prod\n")
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_SamconfigStackNameOfAnotherEnvironment_LeavesTheNameUnknown() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[prod.deploy.parameters]\nstack_name = \"orders-prod\"\n")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_ExclusionTagFromSamconfigTags_OnAFunctionWithoutName_AtTheLogicalId() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"{|#1:InspectorExclusion=LambdaStandardScanning|}\"\n")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'Worker' has exclusion tag 'InspectorExclusion' (a stack tag from samconfig.toml) but its deployed name is not known before deployment (it has no FunctionName, so CloudFormation generates one); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Worker'")
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set for the whole stack in samconfig.toml")
        .Verify();

    [Test]
    public void DoesNotReport_ExclusionTagFromSamconfigTags_RecordedByTemplateAndLogicalId() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .WithLedger(LedgerWith("function_name: unused, template: template.yaml, logical_id: Worker"))
        .Verify();
}
