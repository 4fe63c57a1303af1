using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ScanCoverage;

public sealed class CustomerManagedKeyAnalyzerTests
{
    private const string KeyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Test]
    public void Reports_LiteralKeyArn() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  {|#0:KmsKeyArn|}: {{KeyArn}}
            """)
        .Expect(0, "PL2001", $"Function 'Worker' (deployed as 'orders-worker') sets a customer managed KMS key (KmsKeyArn is '{KeyArn}'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_KmsKeyArnOfAContainerImageFunction_AsUnverified() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Renderer:
                Type: AWS::Lambda::Function
                Properties:
                  PackageType: Image
                  Code: { ImageUri: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/renderer:1.4.2 }
                  {|#0:KmsKeyArn|}: {{KeyArn}}
            """)
        .Expect(0, "PL2001", $"Function 'Renderer' sets a customer managed KMS key (KmsKeyArn is '{KeyArn}'), which encrypts its environment variables and the optimized copy of its container image that Lambda runs; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_SourceKmsKeyArnOfAZipFunction_AsDocumented() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate($$"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  CodeUri: src/
                  Handler: app.handler
                  Runtime: python3.12
                  {|#0:SourceKMSKeyArn|}: {{KeyArn}}
            """)
        .Expect(0, "PL2001", $"Function 'Worker' (deployed as 'orders-worker') sets a customer managed KMS key (SourceKMSKeyArn is '{KeyArn}'), which encrypts its .zip deployment package, which Amazon Inspector scans; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys")
        .Verify();

    [Test]
    public void Reports_LiteralKeyAlias() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  [|KmsKeyArn|]: alias/orders-key
            """)
        .Verify();

    [Test]
    public void Reports_RefToKeyResource() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Ref WorkerKey
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is a reference to AWS::KMS::Key 'WorkerKey'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_GetAttOfKeyResource_ShortAndListForms() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  {|#0:KmsKeyArn|}: !GetAtt WorkerKey.Arn
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  [|KmsKeyArn|]:
                    Fn::GetAtt: [WorkerKey, Arn]
            """)
        .Expect(0, "PL2001", "Function 'Worker' (deployed as 'orders-worker') sets a customer managed KMS key (KmsKeyArn is attribute Arn of AWS::KMS::Key 'WorkerKey'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_GetAttOfNestedStackOutput() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              KeyStack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./keys.yaml
              Render:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: report-render
                  {|#0:KmsKeyArn|}: !GetAtt KeyStack.Outputs.KeyArn
            """)
        .Expect(0, "PL2001", "Function 'Render' (deployed as 'report-render') sets a customer managed KMS key (KmsKeyArn is attribute Outputs.KeyArn of AWS::CloudFormation::Stack 'KeyStack'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_ParameterDefault() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate($$"""
            Parameters:
              KeyArn: { Type: String, Default: "{{KeyArn}}" }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Ref KeyArn
            """)
        .Expect(0, "PL2001", $"Function 'Worker' sets a customer managed KMS key (KmsKeyArn is '{KeyArn}'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_ParameterOverride() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  [|KmsKeyArn|]: !Ref KeyArn
            """)
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["KeyArn"] = KeyArn } })
        .Verify();

    [Test]
    public void Reports_ImportValue_AsCustomerManaged() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !ImportValue shared-key-arn
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is the value imported from export 'shared-key-arn', taken as a customer managed key), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_ImportValueOfAnUnresolvableExportName_WithoutUnresolvedValue() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}:
                    Fn::ImportValue: !Sub "${Env}-key-arn"
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is an imported value, taken as a customer managed key), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_SubStringAndListForms() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyId: { Type: String, Default: 1234abcd }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Sub "arn:${AWS::Partition}:kms:eu-west-1:111122223333:key/${KeyId}"
              Api:
                Type: AWS::Lambda::Function
                Properties:
                  {|#1:KmsKeyArn|}: !Sub
                    - "arn:aws:kms:eu-west-1:111122223333:key/${Id}"
                    - Id: 5678efgh
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Expect(1, "PL2001", "Function 'Api' sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/5678efgh'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_SubWithAnUnconfiguredRegion_AsAPartlyKnownKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Sub "arn:aws:kms:${AWS::Region}:111122223333:key/1234abcd"
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:${…}:111122223333:key/1234abcd'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_Join() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}:
                    Fn::Join: [":", [arn, aws, kms, eu-west-1, "111122223333", key/1234abcd]]
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_KeyInEitherBranchOfLongFormIf() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              UseKey: { Type: String, AllowedValues: ["true", "false"] }
            Conditions:
              HasKey: !Equals [!Ref UseKey, "true"]
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}:
                    Fn::If: [HasKey, !GetAtt WorkerKey.Arn, !Ref AWS::NoValue]
              Api:
                Type: AWS::Lambda::Function
                Properties:
                  [|KmsKeyArn|]:
                    Fn::If: [HasKey, "", !GetAtt WorkerKey.Arn]
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (KmsKeyArn is attribute Arn of AWS::KMS::Key 'WorkerKey' in a branch of Fn::If), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_KeyInTheBranchOfShortIf_WhateverTheConditionsDefault() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              FalseByDefault:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !If [IsProd, !GetAtt WorkerKey.Arn, !Ref AWS::NoValue]
              TrueByDefault:
                Type: AWS::Lambda::Function
                Properties:
                  {|#1:KmsKeyArn|}: !If [IsDev, !GetAtt WorkerKey.Arn, alias/aws/lambda]
            """)
        .Expect(0, "PL2001", "Function 'FalseByDefault' sets a customer managed KMS key (KmsKeyArn is attribute Arn of AWS::KMS::Key 'WorkerKey' in a branch of Fn::If), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Expect(1, "PL2001", "Function 'TrueByDefault' sets a customer managed KMS key (KmsKeyArn is attribute Arn of AWS::KMS::Key 'WorkerKey' in a branch of Fn::If), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_KeyInheritedFromGlobals_AtLogicalId() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: python3.12
                {|#1:KmsKeyArn|}: !GetAtt EnvKey.Arn
            Resources:
              EnvKey:
                Type: AWS::KMS::Key
              {|#0:Notify|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: alerts-notify
            """)
        .Expect(0, "PL2001", "Function 'Notify' (deployed as 'alerts-notify') sets a customer managed KMS key (KmsKeyArn (set in Globals) is attribute Arn of AWS::KMS::Key 'EnvKey'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .ExpectRelated(0, 1, "KmsKeyArn set for every function in Globals")
        .Verify();

    [Test]
    public void Reports_LocalKeyThatOverridesTheGlobalOne_Once() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate($$"""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                KmsKeyArn: !GetAtt EnvKey.Arn
            Resources:
              EnvKey:
                Type: AWS::KMS::Key
              Digest:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: alerts-digest
                  {|#0:KmsKeyArn|}: {{KeyArn}}
            """)
        .Expect(0, "PL2001", $"Function 'Digest' (deployed as 'alerts-digest') sets a customer managed KMS key (KmsKeyArn is '{KeyArn}'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLocalValueClearsTheGlobalKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                KmsKeyArn: !GetAtt EnvKey.Arn
            Resources:
              EnvKey:
                Type: AWS::KMS::Key
              Empty:
                Type: AWS::Serverless::Function
                Properties:
                  KmsKeyArn: ""
              NoValue:
                Type: AWS::Serverless::Function
                Properties:
                  KmsKeyArn: !Ref AWS::NoValue
            """)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalKey_WhenIgnoreGlobalsIsStarOrListsIt() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                KmsKeyArn: !GetAtt EnvKey.Arn
            Resources:
              EnvKey:
                Type: AWS::KMS::Key
              Star:
                Type: AWS::Serverless::Function
                IgnoreGlobals: "*"
              Listed:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Runtime, KmsKeyArn]
              [|Other|]:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Tags]
            """)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalKey_OnLambdaFunction() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                KmsKeyArn: !GetAtt EnvKey.Arn
                SourceKMSKeyArn: !GetAtt EnvKey.Arn
            Resources:
              EnvKey:
                Type: AWS::KMS::Key
              Legacy:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: alerts-legacy
            """)
        .Verify();

    [Test]
    public void Reports_SourceKmsKeyArnOnServerlessFunction() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              CodeKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  {|#0:SourceKMSKeyArn|}: !GetAtt CodeKey.Arn
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (SourceKMSKeyArn is attribute Arn of AWS::KMS::Key 'CodeKey'), which encrypts its .zip deployment package, which Amazon Inspector scans; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys")
        .Verify();

    [Test]
    public void Reports_SourceKmsKeyArnInheritedFromGlobals() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                {|#1:SourceKMSKeyArn|}: !GetAtt CodeKey.Arn
            Resources:
              CodeKey:
                Type: AWS::KMS::Key
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (SourceKMSKeyArn (set in Globals) is attribute Arn of AWS::KMS::Key 'CodeKey'), which encrypts its .zip deployment package, which Amazon Inspector scans; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void Reports_CodeSourceKmsKeyArnOnLambdaFunction() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              CodeKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Code:
                    S3Bucket: example-artifacts
                    S3Key: worker.zip
                    {|#0:SourceKMSKeyArn|}: !GetAtt CodeKey.Arn
            """)
        .Expect(0, "PL2001", "Function 'Worker' sets a customer managed KMS key (SourceKMSKeyArn is attribute Arn of AWS::KMS::Key 'CodeKey'), which encrypts its .zip deployment package, which Amazon Inspector scans; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys")
        .Verify();

    [Test]
    public void DoesNotReport_SourceKmsKeyArnOutsideCodeOnLambdaFunction() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              CodeKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  SourceKMSKeyArn: !GetAtt CodeKey.Arn
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  Code: { SourceKMSKeyArn: !GetAtt CodeKey.Arn }
            """)
        .Verify();

    [Test]
    public void Reports_BothProperties_OnceEach() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              CodeKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  [|KmsKeyArn|]: !GetAtt CodeKey.Arn
                  [|SourceKMSKeyArn|]: !GetAtt CodeKey.Arn
            """)
        .Verify();

    [Test]
    public void Reports_InJsonTemplate_AtTheOpeningQuoteOfTheKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Resources": {
                "WorkerKey": { "Type": "AWS::KMS::Key" },
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {
                    "FunctionName": "quotes-worker",
                    "Code": { "S3Bucket": "b", "S3Key": "k", {|#1:"SourceKMSKeyArn"|}: { "Ref": "WorkerKey" } },
                    {|#0:"KmsKeyArn"|}: { "Fn::GetAtt": ["WorkerKey", "Arn"] }
                  }
                }
              }
            }
            """, "template.json")
        .Expect(0, "PL2001", "Function 'Worker' (deployed as 'quotes-worker') sets a customer managed KMS key (KmsKeyArn is attribute Arn of AWS::KMS::Key 'WorkerKey'), which encrypts its environment variables, SnapStart snapshots and, with SourceKMSKeyArn, the unzipped package that Lambda runs; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys")
        .Expect(1, "PL2001", "Function 'Worker' (deployed as 'quotes-worker') sets a customer managed KMS key (SourceKMSKeyArn is a reference to AWS::KMS::Key 'WorkerKey'), which encrypts its .zip deployment package, which Amazon Inspector scans; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys")
        .Verify();

    [Test]
    public void Reports_KeyBroughtInByAMergeKey_AtTheMergeKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Api:
                Type: AWS::Serverless::Function
                Properties: &encrypted
                  [|KmsKeyArn|]: !GetAtt WorkerKey.Arn
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  [|<<|]: *encrypted
                  FunctionName: orders-worker
              Batch:
                Type: AWS::Lambda::Function
                Properties:
                  Code:
                    [|<<|]: { SourceKMSKeyArn: !GetAtt WorkerKey.Arn }
                    S3Bucket: example-artifacts
            """)
        .Verify();

    [Test]
    public void Reports_OnlyTheAnchor_WhenAMergedKeyIsOverriddenLocally() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Api:
                Type: AWS::Serverless::Function
                Properties: &encrypted
                  [|KmsKeyArn|]: !GetAtt WorkerKey.Arn
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  <<: *encrypted
                  KmsKeyArn: ""
            """)
        .Verify();

    [Test]
    public void DoesNotReport_NoKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String, Default: "" }
            Resources:
              Empty:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: ""
              NoValue:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: !Ref AWS::NoValue
              Null:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn:
              EmptyDefault:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: !Ref KeyArn
              Absent:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-absent
            """)
        .Verify();

    [Test]
    public void DoesNotReport_AwsManagedKey_BareAliasOrArn() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Bare:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: alias/aws/lambda
              Arn:
                Type: AWS::Serverless::Function
                Properties:
                  KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda
                  SourceKMSKeyArn: alias/aws/lambda
              SubArn:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: !Sub "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/lambda"
              Branches:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: !If [Never, alias/aws/lambda, ""]
            Conditions:
              Never: !Equals [a, b]
            """)
        .Verify();

    [Test]
    public void Reports_OtherAwsManagedAliases() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  [|KmsKeyArn|]: alias/aws/lambda-custom
            """)
        .Verify();

    [Test]
    public void DoesNotReport_OnNonFunctionResources() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: !Ref WorkerKey
              Layer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  KmsKeyArn: !GetAtt WorkerKey.Arn
            """)
        .Verify();

    [Test]
    public void Reports_Unresolved_ForParameterWithoutDefault() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  {|#0:KmsKeyArn|}: !Ref KeyArn
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') uses a customer managed key (KmsKeyArn): parameter 'KeyArn' has no default")
        .Verify();

    [Test]
    public void Reports_Unresolved_ForAnInheritedKey_AtLogicalId() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              KeyArn: { Type: String }
            Globals:
              Function:
                {|#1:KmsKeyArn|}: !Ref KeyArn
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): parameter 'KeyArn' has no default")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void Reports_CustomerManagedKeyOverAnUnresolvedBranch() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Conditions:
              Shared: !Equals [!Ref KeyArn, shared]
            Resources:
              WorkerKey:
                Type: AWS::KMS::Key
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  [|KmsKeyArn|]: !If [Shared, !Ref KeyArn, !Ref WorkerKey]
            """)
        .Verify();

    [Test]
    public void Reports_KeyArnFromASamconfigParameterOverride() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  {|#0:KmsKeyArn|}: !Ref KeyArn
            """)
        .WithFile("samconfig.toml", $"[default.deploy.parameters]\nparameter_overrides = \"KeyArn={KeyArn}\"\n")
        .Expect(0, "PL2001", $"Function 'Worker' (deployed as 'orders-worker') sets a customer managed KMS key (KmsKeyArn is '{KeyArn}'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void DoesNotReport_WhenASamconfigParameterOverrideSetsNoKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  KmsKeyArn: !Ref KeyArn
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = \"ParameterKey=KeyArn,ParameterValue=''\"\n")
        .Verify();
}
