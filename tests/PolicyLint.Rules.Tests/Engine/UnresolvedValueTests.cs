using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.Engine;

/// <summary>PL0002 as the rules raise it: only where a value a rule reads cannot be decided offline.</summary>
public sealed class UnresolvedValueTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    [Test]
    public void Reports_KmsKeyArnFromParameterWithoutDefault_AndNothingElse()
    {
        var diagnostics = RuleTest.ForAll()
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
            .WithLedger("{|PL4001:|}" + EmptyLedger)
            .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') uses a customer managed key (KmsKeyArn): parameter 'KeyArn' has no default")
            .Verify();
        Assert.That(diagnostics.Single(d => d.Id == "PL0002").Severity, Is.EqualTo(DiagnosticSeverity.Note));
    }

    [Test]
    public void DoesNotReport_WhenAParameterOverrideGivesTheKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|PL2001:KmsKeyArn|}: !Ref KeyArn
            """)
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["KeyArn"] = "alias/orders" } })
        .Verify();

    [Test]
    public void Reports_RefToAnUndeclaredName_NotInvalidInput() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Ref MissingKey
              Api:
                Type: AWS::Lambda::Function
                Properties:
                  {|#1:KmsKeyArn|}: !GetAtt MissingKey.Arn
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): 'MissingKey' is not declared in the template")
        .Expect(1, "PL0002", "Cannot decide whether function 'Api' uses a customer managed key (KmsKeyArn): 'MissingKey' is not declared in the template")
        .Verify();

    [Test]
    public void Reports_SubWhoseOnlyPartHasNoDefault() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Sub "${KeyArn}"
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): parameter 'KeyArn' has no default")
        .Verify();

    [Test]
    public void Reports_SsmParameter() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: "AWS::SSM::Parameter::Value<String>", Default: /keys/worker }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Ref KeyArn
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): parameter 'KeyArn' is read from SSM parameter '/keys/worker' at deploy time")
        .Verify();

    [Test]
    public void Reports_DynamicReference() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: "{{resolve:ssm:/keys/worker}}"
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): the dynamic reference '{{resolve:ssm:/keys/worker}}' is resolved at deploy time")
        .Verify();

    [Test]
    public void Reports_ATagThatIsNotCloudFormation() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !Env WORKER_KEY_ARN
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): tag '!Env' is not CloudFormation: another tool (a pre-processor or macro) replaces it before deployment")
        .Verify();

    [Test]
    public void Reports_AnUndecidableConditionWithAnUnresolvedBranch() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String }
            Conditions:
              HasKey: !Not [!Equals [!Ref KeyArn, ""]]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:KmsKeyArn|}: !If [HasKey, !Ref KeyArn, !Ref AWS::NoValue]
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' uses a customer managed key (KmsKeyArn): parameter 'KeyArn' has no default")
        .Verify();

    [Test]
    public void DoesNotReport_ParameterDefaultThatSetsNoKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Parameters:
              KeyArn: { Type: String, Default: "" }
            Conditions:
              HasKey: !Not [!Equals [!Ref KeyArn, ""]]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  KmsKeyArn: !If [HasKey, !Ref KeyArn, !Ref AWS::NoValue]
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ImportedKey_OnlyCustomerManagedKey() => RuleTest.ForAll()
        .WithTemplate("""
            Parameters:
              Env: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  {|PL2001:KmsKeyArn|}:
                    Fn::ImportValue: !Sub "${Env}-key-arn"
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_FunctionNameThatCannotBeResolved_OnlyNoStaticName() => RuleTest.ForAll()
        .WithTemplate("""
            Parameters:
              WorkerName: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${WorkerName}-${AWS::Region}"
                  Tags: { {|PL1005:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagValueWithoutDefault_OnceForAllRules() => RuleTest.ForAll()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    {|#0:InspectorCodeExclusion|}: !Ref Exclusion
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' is excluded from Lambda code scanning: parameter 'Exclusion' has no default")
        .Verify();

    [Test]
    public void Reports_TagKeyWithoutDefault_AtTheKeyKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              TagKey: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - {|#0:Key|}: !Ref TagKey
                      Value: LambdaStandardScanning
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') carries an Inspector exclusion tag: parameter 'TagKey' has no default")
        .Verify();

    [Test]
    public void Reports_TagsGivenByAParameter_AtTheTagsKey() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              WorkerTags: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  {|#0:Tags|}: !Ref WorkerTags
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' carries an Inspector exclusion tag: parameter 'WorkerTags' has no default")
        .Verify();

    [Test]
    public void Reports_TagListItemGivenByAnImport_AtTheItem() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - Key: team
                      Value: orders
                    - {|#0:!ImportValue shared-exclusion-tag|}
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') carries an Inspector exclusion tag: a tag is given by Fn::ImportValue")
        .Verify();

    [Test]
    public void Reports_GlobalTagsGivenByAParameter_AtTheLogicalId() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              CommonTags: { Type: String }
            Globals:
              Function:
                {|#1:Tags|}: !Ref CommonTags
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') carries an Inspector exclusion tag: parameter 'CommonTags' has no default")
        .ExpectRelated(0, 1, "Tags set in Globals.Function")
        .Verify();

    [Test]
    public void Reports_ForEachThatIsNotExpanded() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::LanguageExtensions
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              {|#0:Fn::ForEach::Workers|}:
                - Name
                - [Orders, Billing]
                - "${Name}Worker":
                    Type: AWS::Lambda::Function
                    Properties:
                      KmsKeyArn: alias/orders
            """)
        .Expect(0, "PL0002", "Cannot decide what 'Fn::ForEach::Workers' generates: Fn::ForEach (AWS::LanguageExtensions) is not expanded, so the resources it generates are not analyzed")
        .Verify();
}
