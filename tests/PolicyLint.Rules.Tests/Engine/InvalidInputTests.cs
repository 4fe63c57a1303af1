using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.Engine;

/// <summary>PL0001 as the rules meet it (C4, C18): a broken file gets PL0001 and nothing else; other files are still
/// analyzed.</summary>
public sealed class InvalidInputTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    [Test]
    public void Reports_GetAttStringWithoutAttribute_AtTheString_AndNothingElseFromThatFile()
    {
        var diagnostics = RuleTest.ForAll()
            .WithTemplate("""
                {
                  "AWSTemplateFormatVersion": "2010-09-09",
                  "Resources": {
                    "WorkerKey": { "Type": "AWS::KMS::Key" },
                    "WorkerFunction": {
                      "Type": "AWS::Lambda::Function",
                      "Properties": {
                        "FunctionName": "quotes-worker",
                        "Tags": [{ "Key": "InspectorExclusion", "Value": "LambdaStandardScanning" }],
                        "KmsKeyArn": { "Fn::GetAtt": {|#0:"WorkerKey"|} }
                      }
                    }
                  }
                }
                """, "worker/template.json")
            .WithTemplate("""
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ApiKey:
                    Type: AWS::KMS::Key
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: quotes-api
                      {|PL2001:KmsKeyArn|}: !GetAtt ApiKey.Arn
                """, "api/template.yaml")
            .WithLedger("{|PL4001:|}" + EmptyLedger)
            .Expect(0, "PL0001", "Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute")
            .Verify();
        Assert.That(diagnostics.Single(d => d.Id == "PL0001").Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void Reports_ShortFormGetAttWithoutAttribute_AtTheTag() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: quotes-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
                  KmsKeyArn: {|#0:!GetAtt|} WorkerKey
            """)
        .Expect(0, "PL0001", "Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute")
        .Verify();

    [Test]
    public void DoesNotReport_DottedNestedStackOutput() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              KeyStack:
                Type: AWS::CloudFormation::Stack
                Properties: { TemplateURL: ./keys.yaml }
              Render:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: report-render
                  {|PL2001:KmsKeyArn|}: !GetAtt KeyStack.Outputs.FunctionKeyArn
            Outputs:
              RenderKeyArn:
                Value: !GetAtt KeyStack.Outputs.FunctionKeyArn
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_InvalidFormsOfFunctionsARuleReads() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Conditions:
              Broken:
                Fn::Equals: {|#3:[only-one]|}
            Resources:
              SubTooLong:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: {|#0:!Sub|} [a, b, c]
              IfTooShort:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn:
                    Fn::If: {|#1:[HasKey, alias/orders]|}
              NotAFunction:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn:
                    Fn::Lookup: {|#2:orders-key|}
              BadCondition:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: !If [Broken, alias/orders, ""]
            """)
        .Expect(0, "PL0001", "Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]")
        .Expect(1, "PL0001", "Invalid Fn::If: Fn::If takes [condition name, value if true, value if false]")
        .Expect(2, "PL0001", "Invalid Fn::Lookup: 'Fn::Lookup' is not an intrinsic function")
        .Expect(3, "PL0001", "Invalid Fn::Equals: Fn::Equals takes [value, value]")
        .Verify();

    [Test]
    public void Reports_InvalidFormOfAnExclusionTagValue_AndNoTagResult_ButTheProjectStillHasAFunction() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion:
                      Fn::Join: {|#0:LambdaStandardScanning|}
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Invalid Fn::Join: Fn::Join takes [delimiter, [values]]")
        .Verify();

    [Test]
    public void DoesNotReport_InvalidFormThatNoRuleReads() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyName: !Sub [a, b, c]
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Resource: { "Fn::GetAtt": Bucket }
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Environment:
                    Variables:
                      TABLE: !Join [only-one]
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_DuplicateLogicalId_AtTheRepeat_AndNothingElseFromThatFile() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  KmsKeyArn: alias/orders
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0001", "Duplicate logical ID 'Worker' (first defined at line 2)")
        .Verify();

    [Test]
    public void Reports_NameDeclaredAsParameterAndResource() => RuleTest.ForAll()
        .WithTemplate("""
            Parameters:
              Worker: { Type: String, Default: orders-worker }
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0001", "Duplicate logical ID 'Worker': declared as a parameter (line 2) and as a resource")
        .Verify();

    [Test]
    public void Reports_EachRepeatedKey_NamingTheFirstLine() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  KmsKeyArn: alias/orders
                  {|#0:KmsKeyArn|}: ""
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
                    {|#1:InspectorExclusion|}: none
                  {|#2:KmsKeyArn|}: alias/aws/lambda
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0001", "Duplicate key 'KmsKeyArn' (first defined at line 5)")
        .Expect(1, "PL0001", "Duplicate key 'InspectorExclusion' (first defined at line 8)")
        .Expect(2, "PL0001", "Duplicate key 'KmsKeyArn' (first defined at line 5)")
        .Verify();

    [Test]
    public void Reports_DuplicateKeyInJson_AtTheOpeningQuote() => RuleTest.ForAll()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "KmsKeyArn": "alias/orders" } },
                {|#0:"Worker"|}: { "Type": "AWS::Lambda::Function" }
              }
            }
            """, "template.json")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0001", "Duplicate logical ID 'Worker' (first defined at line 3)")
        .Verify();

    [Test]
    public void DoesNotReport_MergeKeysWithLocalOverrides() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties: &common
                  FunctionName: orders-api
                  Runtime: python3.12
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  <<: *common
                  FunctionName: orders-worker
                  Runtime: python3.13
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_YamlSyntaxError_AndNothingElseFromThatFile() => RuleTest.ForAll()
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  KmsKeyArn: alias/orders
                  Tags: { InspectorExclusion: LambdaStandardScanning
              {|#0:A|}pi:
                Type: AWS::Serverless::Function
            """)
        .WithTemplate("""
            Resources:
              Other:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-other
                  {|PL2001:KmsKeyArn|}: alias/orders
            """, "other.yaml")
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Invalid YAML: the flow mapping opened at 8:13 is not closed (expected ',' or '}')")
        .Verify();

    [Test]
    public void Reports_TabIndentation_AtTheTab() => RuleTest.ForAll()
        .WithTemplate("Resources:\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n{|PL0001:\t|}  KmsKeyArn: alias/orders\n")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_JsonTrailingComma_AtTheBraceAfterIt() => RuleTest.ForAll()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "KmsKeyArn": "alias/orders", {|#0:}|} }
              }
            }
            """, "template.json")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0001", "Invalid JSON: trailing comma: the ',' at 3:93 is followed by '}' instead of another property (JSON allows no comma after the last property)")
        .Verify();

    [Test]
    public void Reports_JsonTrailingComma_OnOneLine_AtColumn48()
    {
        var diagnostics = RuleTest.ForAll()
            .WithTemplate("""{"Resources": {"A": {"Type": "AWS::SNS::Topic",{|#0:}|}}}""", "template.json")
            .WithLedger(EmptyLedger)
            .Expect(0, "PL0001", "Invalid JSON: trailing comma: the ',' at 1:47 is followed by '}' instead of another property (JSON allows no comma after the last property)")
            .Verify();
        Assert.That($"{diagnostics.Single().Location.Start}-{diagnostics.Single().Location.End}", Is.EqualTo("1:48-1:49"), "the '}' the parser cannot accept after the comma (C2)");
    }

    [Test]
    public void Reports_JsonMissingComma_AtTheNextKey() => RuleTest.ForAll()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": { "Type": "AWS::Lambda::Function" }
                {|#0:"|}Api": { "Type": "AWS::Lambda::Function" }
              }
            }
            """, "template.json")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0001", "Invalid JSON: expected ',' or '}' after the value of 'Worker', found the string \"Api\"")
        .Verify();

    [Test]
    public void DoesNotReport_SyntaxErrorInAFileThatIsNotATemplate() => RuleTest.ForAll()
        .WithTemplate("""
            name: ci
            on: [push
            jobs:
              lint: { runs-on: ubuntu-latest }
            """, ".github/workflows/ci.yaml")
        .WithTemplate("{ \"compilerOptions\": { \"strict\": true, } }", "tsconfig.json")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_LedgerSyntaxError_AndNoExclusionTagResults() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Named:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-named
                  Tags: { InspectorExclusion: LambdaStandardScanning }
                  {|PL2001:KmsKeyArn|}: alias/orders
              Generated:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorCodeExclusion: LambdaCodeScanning }
            """)
        .WithLedger("""
            {|PL4001:|}version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-named
                {|#0:s|}can_type: standard
            """)
        .Expect(0, "PL0001", "Invalid YAML: the flow mapping opened at 3:13 is not closed (expected ',' or '}')")
        .Verify();

    [Test]
    public void Reports_LedgerDuplicateKey_AndNoExclusionTagResults() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Named:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-named
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger("""
            {|PL4001:|}version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-other }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2026-02-01 }
                {|#0:dates|}: { applied_at: 2026-01-01, expires_at: 2027-02-01 }
            """)
        .Expect(0, "PL0001", "Duplicate key 'dates' (first defined at line 7)")
        .Verify();

    [Test]
    public void Reports_OnlyInvalidInput_WhenTheOnlyFunctionIsInABrokenTemplate() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: alias/orders
                  {|PL0001:KmsKeyArn|}: alias/billing
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_SamconfigSyntaxError_AtItsPosition_AndItsFolderIsAnalyzedWithoutIt() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub ${AWS::StackName}-worker
                  Tags: { {|PL1005:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"orders\"\ntags = {|PL0001:=|} \"team=orders\"\n")
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();
}
