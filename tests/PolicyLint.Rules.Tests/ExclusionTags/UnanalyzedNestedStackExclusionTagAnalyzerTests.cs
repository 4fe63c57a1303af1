using NUnit.Framework;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

/// <summary>PL1006: an exclusion tag on a nested stack whose child template is not analyzed. The child templates that
/// are analyzed are <see cref="NestedStackExclusionTagTests"/>' subject.</summary>
public sealed class UnanalyzedNestedStackExclusionTagAnalyzerTests
{
    [Test]
    public void Pl1006_S3TemplateUrl_AtTheTagKey() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Vendor:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://vendor-artifacts.s3.eu-west-1.amazonaws.com/scanner/1.4.0/template.yaml
                  Tags:
                    - {|#0:Key|}: InspectorExclusion
                      Value: LambdaStandardScanning
            """)
        .Expect(0, "PL1006", "Nested stack 'Vendor' has exclusion tag 'InspectorExclusion', which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda standard scanning, but its template 'https://vendor-artifacts.s3.eu-west-1.amazonaws.com/scanner/1.4.0/template.yaml' is not in the repository, so no ledger entry can be checked for those functions")
        .Verify();

    [Test]
    public void Pl1006_ServerlessApplicationRepositoryApplication() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Rotator:
                Type: AWS::Serverless::Application
                Properties:
                  Location:
                    ApplicationId: arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser
                    SemanticVersion: 1.1.367
                  Tags:
                    {|#0:InspectorCodeExclusion|}: LambdaCodeScanning
            """)
        .Expect(0, "PL1006", "Nested stack 'Rotator' has exclusion tag 'InspectorCodeExclusion', which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda code scanning, but its template is the AWS Serverless Application Repository application 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser', so no ledger entry can be checked for those functions")
        .Verify();

    [Test]
    public void Pl1006_LocalPathThatIsNoAnalyzedTemplate_AndOneThatIsBroken() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Missing:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: stacks/missing.yaml
                  Tags: [{ {|#0:Key|}: InspectorExclusion, Value: LambdaStandardScanning }]
              Broken:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: stacks/broken.yaml
                  Tags: [{ {|#1:Key|}: InspectorExclusion, Value: LambdaStandardScanning }]
              Outside:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ../shared/stack.yaml
                  Tags: [{ {|#2:Key|}: InspectorExclusion, Value: LambdaStandardScanning }]
            """)
        .WithFile("stacks/broken.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {{|#3:|}\n")
        .Expect(0, "PL1006", "Nested stack 'Missing' has exclusion tag 'InspectorExclusion', which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda standard scanning, but its template 'stacks/missing.yaml' is not among the analyzed templates (missing, excluded, or not a template), so no ledger entry can be checked for those functions")
        .Expect(1, "PL1006", "Nested stack 'Broken' has exclusion tag 'InspectorExclusion', which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda standard scanning, but its template 'stacks/broken.yaml' could not be analyzed (PL0001), so no ledger entry can be checked for those functions")
        .Expect(2, "PL1006", "Nested stack 'Outside' has exclusion tag 'InspectorExclusion', which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda standard scanning, but its TemplateURL '../shared/stack.yaml' is outside the root, so no ledger entry can be checked for those functions")
        .Expect(3, "PL0001")
        .Verify();

    [Test]
    public void Pl1006_InheritedSamconfigTag_AtTheLogicalId() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:Vendor|}:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: s3://vendor-artifacts/scanner.yaml
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"{|#1:InspectorExclusion=LambdaStandardScanning|}\"\n")
        .Expect(0, "PL1006", "Nested stack 'Vendor' has exclusion tag 'InspectorExclusion' (a stack tag from samconfig.toml), which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda standard scanning, but its template 's3://vendor-artifacts/scanner.yaml' is not in the repository, so no ledger entry can be checked for those functions")
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set for the whole stack in samconfig.toml")
        .Verify();

    [Test]
    public void Pl1006_NotWhenTheChildIsAnalyzed_NorForOtherTags() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Local:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: child.yaml
                  Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
              Remote:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example-bucket.s3.amazonaws.com/child.yaml
                  Tags: [{ Key: team, Value: payments }, { Key: InspectorExclusion, Value: none }]
            """)
        .WithFile("child.yaml", "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { FunctionName: child-fn }\n")
        .Verify();

    [Test]
    public void Pl1006_ConditionalTagAndUnreadableTags() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              StackTags:
                Type: CommaDelimitedList
              SkipScan:
                Type: String
                Default: "false"
            Conditions:
              Skip: !Equals [!Ref SkipScan, "true"]
            Resources:
              Scanner:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: !Sub https://artifacts-${AWS::AccountId}.s3.amazonaws.com/scanner.yaml
                  Tags:
                    - !If [Skip, { {|#0:Key|}: InspectorExclusion, Value: LambdaStandardScanning }, !Ref AWS::NoValue]
              Other:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example-bucket.s3.amazonaws.com/other.yaml
                  {|#1:Tags|}: !Ref StackTags
            """)
        .Expect(0, "PL1006", "Nested stack 'Scanner' has exclusion tag 'InspectorExclusion', which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda standard scanning, but its TemplateURL depends on what is known only at deploy time: AWS::AccountId is not known offline (configure an account ID), so no ledger entry can be checked for those functions")
        .Expect(1, "PL0002")
        .Verify();

    [Test]
    public void Pl1006_TemplateUrlReferringToABucketDeclaredAfterTheStack() => RuleTest.For<UnanalyzedNestedStackExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Scanner:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: !Sub https://${Artifacts}.s3.amazonaws.com/scanner.yaml
                  Tags: [{ {|#0:Key|}: InspectorExclusion, Value: LambdaStandardScanning }]
              Artifacts:
                Type: AWS::S3::Bucket
            """)
        .Expect(0, "PL1006")
        .Verify();
}
