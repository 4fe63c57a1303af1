using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

public sealed class StaleLedgerEntryAnalyzerTests
{
    private const string RemoveOrRestore = "remove the entry, or restore the tag if the exclusion is still intended";
    private const string RemoveOrCorrect = "remove the entry, or correct its target";

    /// <summary>One ledger entry (5 lines) whose target flow mapping holds <paramref name="target"/>; <paramref name="key"/>
    /// is the <c>target</c> key as written, markup included.</summary>
    private static string Entry(string target, string scanType = "standard", string key = "target", string dates = "applied_at: 2026-10-15, expires_at: 2027-03-31") =>
        $"  - {key}: {{ type: lambda, {target} }}\n" +
        $"    scan_type: {scanType}\n" +
        "    reason: { summary: Vendor library, ticket: SEC-1 }\n" +
        "    owner: { team: orders, approved_by: appsec }\n" +
        $"    dates: {{ {dates} }}\n";

    private static string Ledger(params string[] entries) => "version: 1\nexclusions:\n" + string.Concat(entries);

    /// <summary>A SAM function 'Worker' deployed as 'orders-worker' with the given Tags lines (indented 8 spaces), or none.</summary>
    private static string Worker(string tags = "") => $"""
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-worker
        {(tags.Length == 0 ? string.Empty : "      Tags:\n        " + tags)}
        """;

    [Test]
    public void Reports_EntryWhoseFunctionNoLongerCarriesTheTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("team: orders"), "services/orders/template.yaml")
        .WithLedger("""
            version: 1
            exclusions:
              - {|#0:target|}:
                  type: lambda
                  function_name: orders-worker
                scan_type: standard
                tag: { key: InspectorExclusion, value: LambdaStandardScanning }
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            """)
        .Expect(0, "PL1002", $"Ledger entry 'orders-worker' is stale: function 'Worker' (deployed as 'orders-worker') in 'services/orders/template.yaml' does not carry 'InspectorExclusion: LambdaStandardScanning'; {RemoveOrRestore}")
        .Verify();

    [Test]
    public void Reports_CodeScanningEntry_WhenTheFunctionHasNoTagAtAll() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker())
        .WithLedger(Ledger(Entry("function_name: orders-worker", "code", "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-worker' is stale: function 'Worker' (deployed as 'orders-worker') in 'template.yaml' does not carry 'InspectorCodeExclusion: LambdaCodeScanning'; {RemoveOrRestore}")
        .Verify();

    [Test]
    public void Reports_EntryForAFunctionNoTemplateDefines() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("InspectorExclusion: LambdaStandardScanning"))
        .WithLedger(Ledger(
            Entry("function_name: orders-worker"),
            Entry("function_name: orders-retired", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-retired' is stale: no analyzed template defines a function named 'orders-retired'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_EntryByArn() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithLedger(Ledger(Entry("function_arn: \"arn:aws:lambda:eu-west-1:111122223333:function:orders-retired:live\"", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-retired' is stale: no analyzed template defines a function named 'orders-retired'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_EntryWithoutAnyTemplate() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithLedger(Ledger(Entry("function_name: orders-worker", key: "[|target|]")))
        .Verify();

    [Test]
    public void Reports_TemplateTargetThatIsNotAnAnalyzedTemplate() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("InspectorExclusion: LambdaStandardScanning"), "services/orders/template.yaml")
        .WithFile("services/orders/samconfig.yaml", "version: 0.1\n")
        .WithLedger(Ledger(
            Entry("template: services/orders/template.yml, logical_id: Worker", key: "{|#0:target|}"),
            Entry("template: services/orders/samconfig.yaml, logical_id: Worker", key: "{|#1:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'services/orders/template.yml#Worker' is stale: no analyzed template is at target.template 'services/orders/template.yml'; {RemoveOrCorrect}")
        .Expect(1, "PL1002", $"Ledger entry 'services/orders/samconfig.yaml#Worker' is stale: no analyzed template is at target.template 'services/orders/samconfig.yaml'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_TemplateTargetWithoutThatLogicalId() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
              Queue:
                Type: AWS::SQS::Queue
            """, "services/orders/template.yaml")
        .WithLedger(Ledger(
            Entry("template: ./services/orders/template.yaml, logical_id: Worker"),
            Entry("template: services/orders/template.yaml, logical_id: OldWorker", key: "{|#0:target|}"),
            Entry("template: services/orders/template.yaml, logical_id: Queue", key: "{|#1:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'services/orders/template.yaml#OldWorker' is stale: template 'services/orders/template.yaml' has no resource 'OldWorker'; {RemoveOrCorrect}")
        .Expect(1, "PL1002", $"Ledger entry 'services/orders/template.yaml#Queue' is stale: 'Queue' in 'services/orders/template.yaml' is of type AWS::SQS::Queue, not a function; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_TemplateTargetWhoseFunctionLostTheTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": { "Tags": [{ "Key": "team", "Value": "orders" }] },
                  "Metadata": { "aws:cdk:path": "ShopStack/Worker/Resource" }
                }
              }
            }
            """, "cdk.out/ShopStack.template.json")
        .WithLedger(Ledger(Entry("template: cdk.out/ShopStack.template.json, logical_id: Worker", "code", "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'cdk.out/ShopStack.template.json#Worker' is stale: function 'Worker' (CDK construct 'ShopStack/Worker/Resource') in 'cdk.out/ShopStack.template.json' does not carry 'InspectorCodeExclusion: LambdaCodeScanning'; {RemoveOrRestore}")
        .Verify();

    [Test]
    public void Reports_ExpiredEntryWhoseFunctionLostTheTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker())
        .WithLedger(Ledger(Entry("function_name: orders-worker", key: "[|target|]", dates: "applied_at: 2026-01-01, expires_at: 2026-06-30")))
        .Verify();

    [Test]
    public void Reports_WhenTheFunctionCarriesOnlyALookalikeTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("InspectorExclusion: lambdastandardscanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", key: "[|target|]")))
        .Verify();

    [Test]
    public void Reports_WhenTheOtherScanTypesTagIsRecordedByAnotherEntry() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "standard", "{|#0:target|}"),
            Entry("function_name: orders-worker", "code")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-worker' is stale: function 'Worker' (deployed as 'orders-worker') in 'template.yaml' does not carry 'InspectorExclusion: LambdaStandardScanning'; {RemoveOrRestore}")
        .Verify();

    [Test]
    public void Reports_WhenNoneOfSeveralFunctionsWithTheNameCarriesTheTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker(), "dev/template.yaml")
        .WithTemplate(Worker("team: orders"), "prod/template.yaml")
        .WithLedger(Ledger(Entry("function_name: orders-worker", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-worker' is stale: none of the functions it records ('Worker' (deployed as 'orders-worker') in 'dev/template.yaml', 'Worker' (deployed as 'orders-worker') in 'prod/template.yaml') carries 'InspectorExclusion: LambdaStandardScanning'; {RemoveOrRestore}")
        .Verify();

    [Test]
    public void Reports_PL0002_ForAnEntryByNameThatMatchesNothing_WhenSomeTemplatesCouldNotBeAnalyzed() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("InspectorExclusion: LambdaStandardScanning"), "services/orders/template.yaml")
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-retired
                  Tags: { team: orders
              {|PL0001:O|}ther:
                Type: AWS::SQS::Queue
            """, "services/broken/template.yaml")
        .WithTemplate("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Names: { Type: CommaDelimitedList }
            Resources:
              {|PL0002:Fn::ForEach::Workers|}:
                - Name
                - !Ref Names
                - "${Name}Worker":
                    Type: AWS::Lambda::Function
              Api:
                Type: AWS::Lambda::Function
            """, "services/generated/template.yaml")
        .WithLedger(Ledger(
            Entry("function_name: orders-worker"),
            Entry("function_name: orders-retired", key: "{|#0:target|}")))
        .Expect(0, "PL0002", "Cannot decide whether ledger entry 'orders-retired' is stale: no analyzed template defines a function named 'orders-retired', but the function may be defined in 'services/broken/template.yaml' or 'services/generated/template.yaml', which could not be analyzed")
        .Verify();

    [Test]
    public void Reports_PL0002_ForAnEntryByArnThatMatchesNothing_WhenAJsonTemplateHasASyntaxError()
    {
        var diagnostics = RuleTest.For<StaleLedgerEntryAnalyzer>()
            .WithTemplate("""{"Resources": {"A": {"Type": "AWS::Lambda::Function",{|PL0001:}|}}}""", "services/billing/template.json")
            .WithLedger("""
                version: 1
                exclusions:
                  - {|#0:target|}:
                      type: lambda
                      function_arn: "arn:aws:lambda:eu-west-1:111122223333:function:billing-close"
                    scan_type: code
                    reason: { summary: Vendor library, ticket: SEC-1 }
                    owner: { team: billing, approved_by: appsec }
                    dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
                """)
            .Expect(0, "PL0002", "Cannot decide whether ledger entry 'billing-close' is stale: no analyzed template defines a function named 'billing-close', but the function may be defined in 'services/billing/template.json', which could not be analyzed")
            .Verify();
        var note = diagnostics.Single(d => d.Id == "PL0002");
        Assert.Multiple(() =>
        {
            Assert.That(note.Severity, Is.EqualTo(DiagnosticSeverity.Note));
            Assert.That($"{note.Location.Path}({note.Location.Start.Line},{note.Location.Start.Column})", Is.EqualTo("security/inspector-exclusions.yaml(3,5)"), "the entry's first key");
        });
    }

    [Test]
    public void Reports_PL0002_WhenNoFunctionThatMayHaveTheNameCarriesTheTag_AndSomeTemplateCouldNotBeAnalyzed() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
            """)
        .WithTemplate("Resources:\n  Api: { Type: AWS::Serverless::Function{|PL0001:|}", "broken.yaml")
        .WithLedger(Ledger(Entry("function_name: prod-worker", key: "{|#0:target|}")))
        .Expect(0, "PL0002", "Cannot decide whether ledger entry 'prod-worker' is stale: no function that may be deployed as 'prod-worker' carries 'InspectorExclusion: LambdaStandardScanning' ('Worker' in 'template.yaml', whose names are not static), but the function may be defined in 'broken.yaml', which could not be analyzed")
        .Verify();

    [Test]
    public void Reports_EntryThatRecordsAnAnalyzedFunction_EvenWhenSomeTemplateCouldNotBeAnalyzed() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("team: orders"))
        .WithTemplate("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              {|PL0001:Queue|}:
                Type: AWS::SQS::Queue
            """, "broken.yaml")
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", key: "{|#0:target|}"),
            Entry("template: template.yaml, logical_id: OldWorker", key: "{|#1:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-worker' is stale: function 'Worker' (deployed as 'orders-worker') in 'template.yaml' does not carry 'InspectorExclusion: LambdaStandardScanning'; {RemoveOrRestore}")
        .Expect(1, "PL1002", $"Ledger entry 'template.yaml#OldWorker' is stale: template 'template.yaml' has no resource 'OldWorker'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_WhenNoFunctionThatMayHaveTheNameCarriesTheTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
            """)
        .WithLedger(Ledger(Entry("function_name: prod-worker", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'prod-worker' is stale: no function that may be deployed as 'prod-worker' carries 'InspectorExclusion: LambdaStandardScanning' ('Worker' in 'template.yaml', whose names are not static); {RemoveOrRestore}")
        .Verify();

    /// <summary>Functions whose names are not static are found through keys (a literal prefix or suffix, a generated
    /// name's logical-ID part) rather than by testing each one: every kind of key finds its function, in template
    /// order, and a function whose key the name lacks is left out.</summary>
    [Test]
    public void Reports_EveryFunctionThatMayHaveTheName_WhateverItsPatternsKey() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String }
            Resources:
              ByPrefix:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: !Sub "orders-${Env}" }
              OtherPrefix:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: !Sub "billing-${Env}" }
              BySuffix:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: !Sub "${Env}-dev" }
              OtherSuffix:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: !Sub "${Env}-prod" }
              HoleOnly:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: !Sub "${Env}" }
              Api:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12 }
              Other:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12 }
            """)
        .WithLedger(Ledger(Entry("function_name: orders-Api-dev", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'orders-Api-dev' is stale: no function that may be deployed as 'orders-Api-dev' carries 'InspectorExclusion: LambdaStandardScanning' ('ByPrefix' in 'template.yaml', 'BySuffix' in 'template.yaml', 'HoleOnly' in 'template.yaml', 'Api' in 'template.yaml', whose names are not static); {RemoveOrRestore}")
        .Verify();

    [Test]
    public void Reports_WhenTheNameCannotMatchTheFunctionsPattern() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(Ledger(Entry("function_name: prod-reader", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'prod-reader' is stale: no analyzed template defines a function named 'prod-reader'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_PL0002_WhenAFunctionWhoseNameIsNotStaticMayBeTheOneRecorded() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(Ledger(Entry("function_name: prod-worker", key: "{|#0:target|}")))
        .Expect(0, "PL0002", "Cannot decide whether ledger entry 'prod-worker' records function 'Worker' in 'template.yaml', which carries 'InspectorExclusion: LambdaStandardScanning': its FunctionName is '${…}-worker', and AWS::StackName is not known offline (configure stack_name in samconfig or .policylint.yaml, or --stack-name)")
        .Verify();

    [Test]
    public void Reports_PL0002_ForAFunctionWhoseNameCloudFormationGenerates() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              OrdersWorkerFunction:
                Type: AWS::Lambda::Function
                Properties:
                  Tags: [{ Key: InspectorCodeExclusion, Value: LambdaCodeScanning }]
            """)
        .WithLedger(Ledger(
            Entry("function_name: orders-stack-OrdersWorkerFunc-1A2B3C4D5E6F", "code", "{|#0:target|}"),
            Entry("function_name: orders-stack-ReportsFunction-9Z8Y7X", "code", "{|#1:target|}")))
        .Expect(0, "PL0002", "Cannot decide whether ledger entry 'orders-stack-OrdersWorkerFunc-1A2B3C4D5E6F' records function 'OrdersWorkerFunction' in 'template.yaml', which carries 'InspectorCodeExclusion: LambdaCodeScanning': it has no FunctionName, and the name CloudFormation generates for it may be this one")
        .Expect(1, "PL1002", $"Ledger entry 'orders-stack-ReportsFunction-9Z8Y7X' is stale: no analyzed template defines a function named 'orders-stack-ReportsFunction-9Z8Y7X'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void Reports_PL0002_ForANameFromAParameterWithoutDefault() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Parameters:
              Name: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref Name
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(Ledger(Entry("function_name: orders-worker", key: "{|#0:target|}")))
        .Expect(0, "PL0002", "Cannot decide whether ledger entry 'orders-worker' records function 'Worker' in 'template.yaml', which carries 'InspectorExclusion: LambdaStandardScanning': its FunctionName cannot be known offline: parameter 'Name' has no default")
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheStackNameIsConfigured() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithSettings(new ResolutionSettings { StackName = "prod" })
        .WithLedger(Ledger(Entry("function_name: prod-worker")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionCarriesTheTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Parameters:
              Team: { Type: String, Default: orders }
              Scan: { Type: String, Default: Code }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${Team}-worker"
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
                    !Sub "Inspector${Scan}Exclusion": !Sub "Lambda${Scan}Scanning"
              Legacy:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-legacy
                  Tags:
                    - Key: InspectorCodeExclusion
                      Value: LambdaCodeScanning
            """)
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "standard"),
            Entry("function_arn: \"arn:aws:lambda:eu-west-1:111122223333:function:orders-worker\"", "code"),
            Entry("template: template.yaml, logical_id: Legacy", "code")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheTagComesFromGlobals() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithLedger(Ledger(Entry("function_name: orders-worker")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheTagIsInABranchOfIf() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    Fn::If: [IsProd, { InspectorExclusion: LambdaStandardScanning }, !Ref AWS::NoValue]
            """)
        .WithLedger(Ledger(Entry("function_name: orders-worker")))
        .Verify();

    [Test]
    public void DoesNotReport_ForANameInEitherBranchOfIf() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !If [IsProd, prod-worker, dev-worker]
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(Ledger(
            Entry("function_name: prod-worker"),
            Entry("function_name: dev-worker"),
            Entry("function_name: qa-worker", key: "{|#0:target|}")))
        .Expect(0, "PL1002", $"Ledger entry 'qa-worker' is stale: no analyzed template defines a function named 'qa-worker'; {RemoveOrCorrect}")
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionsTagsCannotBeResolved() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String }
              Tags: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: !Ref Exclusion }
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: !Ref Tags
            """)
        .WithLedger(Ledger(
            Entry("function_name: orders-worker"),
            Entry("function_name: orders-api")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionCarriesOnlyTheOtherScanTypesUnrecordedTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard")))
        .Verify();

    [Test]
    public void DoesNotReport_TemplateTargetNamingAFunctionThatAForEachGenerates() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Workers:
                - Name
                - [orders, billing]
                - "${Name}Worker":
                    Type: AWS::Lambda::Function
                    Properties:
                      Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
            """, "services/generated/template.yaml")
        .WithLedger(Ledger(
            Entry("template: services/generated/template.yaml, logical_id: ordersWorker"),
            Entry("template: services/generated/template.yaml, logical_id: billingWorker")))
        .Verify();

    [Test]
    public void DoesNotReport_TemplateTargetThatCannotBeAnalyzed() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { team: orders
              {|PL0001:O|}ther:
                Type: AWS::SQS::Queue
            """, "services/broken/template.yaml")
        .WithTemplate("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Names: { Type: CommaDelimitedList }
            Resources:
              {|PL0002:Fn::ForEach::Workers|}:
                - Name
                - !Ref Names
                - "${Name}Worker":
                    Type: AWS::Lambda::Function
              Api:
                Type: AWS::Lambda::Function
            """, "services/generated/template.yaml")
        .WithLedger(Ledger(
            Entry("template: services/broken/template.yaml, logical_id: Worker"),
            Entry("template: services/broken/template.yaml, logical_id: Other"),
            Entry("template: services/generated/template.yaml, logical_id: aWorker")))
        .Verify();

    [Test]
    public void DoesNotReport_EntriesPL3004FindsUnusable() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: both
              - target: { type: lambda, function_name: orders-worker }
              - target: { type: ecr, function_name: orders-worker }
                scan_type: standard
              - target: { type: lambda }
                scan_type: standard
              - target: { type: lambda, template: template.yaml }
                scan_type: standard
              - target: [orders-worker]
                scan_type: standard
            """)
        .Verify();

    [Test]
    public void DoesNotReport_SuppressionRuleRecords() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker())
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
              - {|PL0001:]|}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_EntryWhoseFunctionCarriesTheTagAsAStackTag() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("team: orders"), "services/orders/template.yaml")
        .WithFile("services/orders/samconfig.toml", "[default.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .WithLedger(Ledger(Entry("function_name: orders-worker")))
        .Verify();

    [Test]
    public void Reports_EntryWhoseStackTagIsOnlyInAnotherEnvironment() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker("team: orders"), "services/orders/template.yaml")
        .WithFile("services/orders/samconfig.toml", "[default.deploy.parameters]\nstack_name = \"orders\"\n[prod.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .WithLedger(Ledger(Entry("function_name: orders-worker", key: "{|#0:target|}")))
        .Expect(0, "PL1002")
        .Verify();
}
