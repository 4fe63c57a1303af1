using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.Engine;

/// <summary>PL0001 as the rules meet it (docs/conventions.md#c4, docs/conventions.md#c16, docs/conventions.md#c18): a file with a syntax error or over a limit gets PL0001 and
/// nothing else; a repeated key or an invalid intrinsic form is its own PL0001 and the rest of the template is analyzed
/// (the last value of a repeated key; a value that depends on an invalid form is unknown, PL0002 where a rule needs
/// it); other files are always analyzed.</summary>
public sealed class InvalidInputTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    [Test]
    public void Reports_GetAttStringWithoutAttribute_AtTheString_AndAnalyzesTheRestOfThatFile()
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
                        "Tags": [{ {|PL1001:"Key"|}: "InspectorExclusion", "Value": "LambdaStandardScanning" }],
                        {|#1:"KmsKeyArn"|}: { "Fn::GetAtt": {|#0:"WorkerKey"|} }
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
            .Expect(1, "PL0002", "Cannot decide whether function 'WorkerFunction' (deployed as 'quotes-worker') uses a customer managed key (KmsKeyArn): Fn::GetAtt has an invalid form")
            .Verify();
        Assert.That(diagnostics.Single(d => d.Id == "PL0001").Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void DoesNotReport_LiteralBlockScalarWhoseFirstLineHoldsOnlySpaces_AndReadsTheRestAtItsPlace() => RuleTest.ForAll()
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Exporter:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: ledger-exporter
                  Runtime: python3.12
                  Handler: index.handler
                  Code:
                    ZipFile: |

                      import boto3
                      def handler(event, context):
                          return boto3.client("s3").list_buckets()
                  Tags:
                    - {|PL1001:Key|}: InspectorExclusion
                      Value: LambdaStandardScanning
            """.Replace("ZipFile: |\n\n", "ZipFile: |\n          \n", StringComparison.Ordinal))
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_ShortFormGetAttWithoutAttribute_AtTheTag() => RuleTest.ForAll()
        .WithTemplate("""
            {|PL4001:Resources|}:
              WorkerKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: quotes-worker
                  Tags: { {|PL1001:InspectorExclusion|}: LambdaStandardScanning }
                  {|#1:KmsKeyArn|}: {|#0:!GetAtt|} WorkerKey
            """)
        .Expect(0, "PL0001", "Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute")
        .Expect(1, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'quotes-worker') uses a customer managed key (KmsKeyArn): Fn::GetAtt has an invalid form")
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
                  {|#4:KmsKeyArn|}: {|#0:!Sub|} [a, b, c]
              IfTooShort:
                Type: AWS::Lambda::Function
                Properties:
                  {|#5:KmsKeyArn|}:
                    Fn::If: {|#1:[HasKey, alias/orders]|}
              NotAFunction:
                Type: AWS::Lambda::Function
                Properties:
                  {|#6:KmsKeyArn|}:
                    Fn::Lookup: {|#2:orders-key|}
              BadCondition:
                Type: AWS::Lambda::Function
                Properties:
                  {|PL2001:KmsKeyArn|}: !If [Broken, alias/orders, ""]
            """)
        .Expect(0, "PL0001", "Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]")
        .Expect(1, "PL0001", "Invalid Fn::If: Fn::If takes [condition name, value if true, value if false]")
        .Expect(2, "PL0001", "Invalid Fn::Lookup: 'Fn::Lookup' is not an intrinsic function")
        .Expect(3, "PL0001", "Invalid Fn::Equals: Fn::Equals takes [value, value]")
        .Expect(4, "PL0002", "Cannot decide whether function 'SubTooLong' uses a customer managed key (KmsKeyArn): Fn::Sub has an invalid form")
        .Expect(5, "PL0002", "Cannot decide whether function 'IfTooShort' uses a customer managed key (KmsKeyArn): Fn::If has an invalid form")
        .Expect(6, "PL0002", "Cannot decide whether function 'NotAFunction' uses a customer managed key (KmsKeyArn): Fn::Lookup has an invalid form")
        .Verify();

    [Test]
    public void Reports_InvalidFormOfAnExclusionTagValue_AndPL0002ForTheTag() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#1:InspectorExclusion|}:
                      Fn::Join: {|#0:LambdaStandardScanning|}
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Invalid Fn::Join: Fn::Join takes [delimiter, [values]]")
        .Expect(1, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') is excluded from Lambda standard scanning: Fn::Join has an invalid form")
        .Verify();

    [Test]
    public void Reports_InvalidFormThatNoRuleReads_ButNotUnderMetadata() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Metadata:
                  Generator: !Sub [a, b, c]
                Properties:
                  Policies:
                    - PolicyName: {|#0:!Sub|} [a, b, c]
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Resource: { "Fn::GetAtt": {|#1:Bucket|} }
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Environment:
                    Variables:
                      TABLE: {|#2:!Join|} [only-one]
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]")
        .Expect(1, "PL0001", "Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute")
        .Expect(2, "PL0001", "Invalid Fn::Join: Fn::Join takes [delimiter, [values]]")
        .Verify();

    [Test]
    public void Reports_DuplicateLogicalId_AtTheRepeat_AndAnalyzesTheLastDefinition() => RuleTest.ForAll()
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
                  {|PL2001:KmsKeyArn|}: alias/orders
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Duplicate logical ID 'Worker' (first defined at line 2)")
        .Verify();

    [Test]
    public void Reports_ExclusionTag_InATemplateWithRepeatedKeysAndAnInvalidForm_SoItIsNeverMissed() => RuleTest.ForAll()
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Description: Orders API (a serverless pattern)
            Mappings:
              StageMap:
                prod: { LogLevel: INFO }
                {|#0:prod|}: { LogLevel: WARN }
            Resources:
              OrdersFunction:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Handler: app.handler
                  Runtime: python3.12
                  CodeUri: src/
                  Environment:
                    Variables:
                      LOG_LEVEL: !FindInMap [StageMap, prod, LogLevel]
                      TABLE: {|#2:!GetAtt|} OrdersTable
                  Tags:
                    {|PL1001:InspectorExclusion|}: LambdaStandardScanning
              OrdersTable:
                Type: AWS::Serverless::SimpleTable
            Outputs:
              OrdersApi:
                Description: The orders function
                {|#1:Description|}: The orders function ARN
                Value: !GetAtt OrdersFunction.Arn
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Duplicate key 'prod' (first defined at line 6)")
        .Expect(1, "PL0001", "Duplicate key 'Description' (first defined at line 26)")
        .Expect(2, "PL0001", "Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute")
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
                  Tags: { {|PL1001:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Duplicate logical ID 'Worker': declared as a parameter (line 2) and as a resource")
        .Verify();

    [Test]
    public void Reports_EachRepeatedKey_NamingTheFirstLine_AndReadsItsLastValue() => RuleTest.ForAll()
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
        .WithLedger("{|PL4001:|}" + EmptyLedger)
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
        .WithLedger("{|PL4001:|}" + EmptyLedger)
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
        Assert.That($"{diagnostics.Single().Location.Start}-{diagnostics.Single().Location.End}", Is.EqualTo("1:48-1:49"), "the '}' the parser cannot accept after the comma (docs/conventions.md#c2)");
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
    public void Reports_OnlyInvalidInput_WhenTheOnlyFunctionIsInATemplateWithASyntaxError() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: alias/orders
                  Tags: [{|PL0001:}|}
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TheLastValueOfARepeatedKey_AsCloudFormationDeploysIt() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: alias/orders
                  {|#0:KmsKeyArn|}: alias/billing
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0001", "Duplicate key 'KmsKeyArn' (first defined at line 5)")
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is 'alias/billing'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
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
