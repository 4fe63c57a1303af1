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

    [TestCase("!ImportValue shared-exclusion-value", "it is the value imported from export 'shared-exclusion-value', known only at deploy time")]
    [TestCase("{ \"Fn::ImportValue\": !Sub \"${Env}-exclusion\" }", "it is an imported value, known only at deploy time")]
    [TestCase("!GetAtt ExclusionSetting.Value", "it is attribute Value of AWS::SSM::Parameter 'ExclusionSetting', known only at deploy time")]
    [TestCase("!Ref ExclusionSetting", "it is a reference to AWS::SSM::Parameter 'ExclusionSetting', known only at deploy time")]
    [TestCase("!Ref Env", "parameter 'Env' has no default")]
    [TestCase("!Select [1, !Split [',', !Ref Env]]", "Fn::Select from Fn::Split of parameter 'Env' has no default")]
    [TestCase("!Sub '${Env}Scanning'", "parameter 'Env' has no default")]
    [TestCase("[LambdaStandardScanning]", "it is a list of 1, not a string")]
    public void Reports_ExclusionTagValueNotKnownOffline_InBothTagShapes(string value, string reason)
    {
        var message = $"Cannot decide whether function 'Worker' (deployed as 'orders-worker') is excluded from Lambda standard scanning: {reason}";
        var declarations = """
            Parameters:
              Env: { Type: String }
            Resources:
              ExclusionSetting:
                Type: AWS::SSM::Parameter
                Properties: { Type: String, Value: LambdaStandardScanning }
            """;
        RuleTest.ForAll()
            .WithTemplate(declarations + $$"""

              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#0:InspectorExclusion|}: {{value}}
            """, "map/template.yaml")
            .WithTemplate(declarations + $$"""

              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - {|#1:Key|}: InspectorExclusion
                      Value: {{value}}
            """, "list/template.yaml")
            .WithLedger("{|PL4001:|}" + EmptyLedger)
            .Expect(0, "PL0002", message)
            .Expect(1, "PL0002", message)
            .Verify();
    }

    [Test]
    public void Reports_ExclusionTagKeyImported_AtTheKey() => RuleTest.ForAll()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - {|#0:Key|}: !ImportValue shared-exclusion-key
                      Value: LambdaStandardScanning
            """)
        .WithLedger("{|PL4001:|}" + EmptyLedger)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') carries an Inspector exclusion tag: it is the value imported from export 'shared-exclusion-key', known only at deploy time")
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
    public void Reports_ForEachWhoseCollectionIsNotStatic() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Names: { Type: CommaDelimitedList }
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              {|#0:Fn::ForEach::Workers|}:
                - Name
                - !Ref Names
                - "${Name}Worker":
                    Type: AWS::Lambda::Function
                    Properties:
                      KmsKeyArn: alias/orders
            """)
        .Expect(0, "PL0002", "Cannot decide what 'Fn::ForEach::Workers' generates: its collection cannot be known offline: parameter 'Names' has no default")
        .Verify();

    [Test]
    public void Reports_FunctionsAStaticForEachGenerates_InTheLoopsTemplate_WithoutPL0002() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate("""
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Workers:
                - Name
                - [Orders, Billing]
                - "${Name}Worker":
                    Type: AWS::Lambda::Function
                    Properties:
                      {|#0:KmsKeyArn|}: alias/orders
            """)
        .Expect(0, "PL2001", "Function 'BillingWorker' sets a customer managed KMS key (KmsKeyArn is 'alias/orders'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Expect(0, "PL2001", "Function 'OrdersWorker' sets a customer managed KMS key (KmsKeyArn is 'alias/orders'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();
}
