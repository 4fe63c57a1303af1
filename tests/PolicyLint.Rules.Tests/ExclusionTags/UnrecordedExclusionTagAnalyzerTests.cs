using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

public sealed class UnrecordedExclusionTagAnalyzerTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    /// <summary>A ledger with one valid, unexpired entry for <paramref name="target"/> (a flow mapping body).</summary>
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
    public void Reports_TagWithoutLedgerEntry() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#0:InspectorExclusion|}: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_CodeScanningTagWithoutLedgerEntry() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#0:InspectorCodeExclusion|}: LambdaCodeScanning
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorCodeExclusion' but no ledger entry records its code scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_BothTagsOnOneFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]: LambdaStandardScanning
                    [|InspectorCodeExclusion|]: LambdaCodeScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_WhenTheDefaultLedgerIsMissing() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .Verify();

    [Test]
    public void Reports_NamingAnExplicitLedgerPath() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger, "audit/ledger.yaml")
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to audit/ledger.yaml")
        .Verify();

    [Test]
    public void Reports_ListShapeOnLambdaFunction_AtTheKeyKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - Key: team
                      Value: orders
                    - [|Key|]: InspectorExclusion
                      Value: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_ListShapeWithValueFirst_AtTheKeyKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - Value: LambdaCodeScanning
                      [|Key|]: InspectorCodeExclusion
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_FlowListItem_AtTheKeyKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: [{ [|Key|]: InspectorExclusion, Value: LambdaStandardScanning }]
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_MapShapeOnLambdaFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_ListShapeOnServerlessFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - [|Key|]: InspectorCodeExclusion
                      Value: LambdaCodeScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_QuotedKeyAndValue_AtTheOpeningQuote() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: 'orders-worker'
                  Tags:
                    [|"InspectorExclusion"|]: "LambdaStandardScanning"
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_InJsonTemplate_AtTheOpeningQuoteOfKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {
                    "FunctionName": "orders-worker",
                    "Tags": [
                      { "Key": "team", "Value": "orders" },
                      { {|#0:"Key"|}: "InspectorExclusion", "Value": "LambdaStandardScanning" }
                    ]
                  }
                }
              }
            }
            """, "template.json")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_InTabIndentedJsonTemplate() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(
            "{\n\t\"AWSTemplateFormatVersion\": \"2010-09-09\",\n\t\"Resources\": {\n\t\t\"Drain\": {\n\t\t\t\"Type\": \"AWS::Lambda::Function\",\n" +
            "\t\t\t\"Properties\": {\n\t\t\t\t\"FunctionName\": \"queue-drain\",\n\t\t\t\t\"Tags\": [\n" +
            "\t\t\t\t\t{[|\"Key\"|]: \"InspectorExclusion\", \"Value\": \"LambdaStandardScanning\"}\n\t\t\t\t]\n\t\t\t}\n\t\t}\n\t}\n}\n",
            "template.json")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_MapShapeInJsonServerlessFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            {
              "Transform": "AWS::Serverless-2016-10-31",
              "Resources": {
                "Worker": {
                  "Type": "AWS::Serverless::Function",
                  "Properties": {
                    "FunctionName": "orders-worker",
                    "Tags": { [|"InspectorCodeExclusion"|]: "LambdaCodeScanning" }
                  }
                }
              }
            }
            """, "template.json")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagValueFromParameterDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String, Default: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]: !Ref Exclusion
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagValueFromParameterOverride() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]: !Ref Exclusion
            """)
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Exclusion"] = "LambdaStandardScanning" } })
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagKeyAndValueFromSubAndJoin() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Kind: { Type: String, Default: Standard }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - [|Key|]: !Join ["", [Inspector, Exclusion]]
                      Value: !Sub "Lambda${Kind}Scanning"
                    - [|Key|]:
                        Fn::Sub: InspectorCodeExclusion
                      Value:
                        Fn::Sub:
                          - "Lambda${What}Scanning"
                          - What: Code
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagsInEitherBranchOfLongFormIf() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
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
                    Fn::If:
                      - IsProd
                      - { [|InspectorExclusion|]: LambdaStandardScanning }
                      - { [|InspectorCodeExclusion|]: LambdaCodeScanning }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_ListItemInShortIf_WhateverTheCondition() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - !If
                      - IsProd
                      - [|Key|]: InspectorExclusion
                        Value: LambdaStandardScanning
                      - !Ref AWS::NoValue
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagValueInBranchOfIf_WhenTheConditionIsFalseByDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
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
                    [|InspectorExclusion|]: !If [IsProd, LambdaStandardScanning, !Ref AWS::NoValue]
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_TagValueInBranchOfIf_WhenTheConditionIsTrueByDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: prod }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]:
                      Fn::If: [IsProd, LambdaStandardScanning, none]
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_OnResourceWithAFalseCondition() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Condition: IsProd
                Properties:
                  FunctionName: orders-worker
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_FunctionNameFromParameterDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Name: { Type: String, Default: orders-worker }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref Name
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_FunctionNameFromConfiguredStackName() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithSettings(new ResolutionSettings { StackName = "orders-prod" })
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-prod-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_FunctionNameChosenByAConditionDecidedByDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: prod }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !If [IsProd, orders-worker, orders-worker-dev]
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("function_name: orders-worker-dev"))
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_TagInheritedFromGlobals_InASamTemplateWithoutItsTransformLine() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Globals:
              Function:
                Runtime: python3.12
                Tags:
                  {|#1:InspectorExclusion|}: LambdaStandardScanning
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Handler: app.handler
                  CodeUri: src/
            """)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' (from Globals.Function.Tags) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set for every function in Globals.Function.Tags")
        .Verify();

    [Test]
    public void DoesNotReport_GlobalsOfATemplateWithoutServerlessResources() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .Verify();

    [Test]
    public void Reports_TagInheritedFromGlobals_AtLogicalId() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#1:InspectorCodeExclusion|}: LambdaCodeScanning
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorCodeExclusion' (from Globals.Function.Tags) but no ledger entry records its code scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1, "Tag 'InspectorCodeExclusion' set for every function in Globals.Function.Tags")
        .Verify();

    [Test]
    public void Reports_GlobalTagMergedWithLocalTags_AtEachLogicalId() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#9:InspectorExclusion|}: LambdaStandardScanning
            Resources:
              {|#0:Api|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: { team: orders }
              {|#1:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001")
        .Expect(1, "PL1001")
        .ExpectRelated(0, 9)
        .ExpectRelated(1, 9)
        .Verify();

    [Test]
    public void Reports_LocalTagThatRepeatsTheGlobalOne_AtTheLocalKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  InspectorExclusion: LambdaStandardScanning
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_GlobalTag_WhenIgnoreGlobalsNamesAnotherProperty() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: python3.12
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              [|Worker|]:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Runtime]
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLocalValueOverridesTheGlobalTag() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: none }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalTags_WhenLocalTagsAreAnIntrinsicFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: !If [IsProd, { team: orders }, { team: orders-dev }]
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalTags_WhenIgnoreGlobalsIsStar() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                IgnoreGlobals: "*"
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalTags_WhenIgnoreGlobalsListsTags() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Runtime, Tags]
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalTags_OnLambdaFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_SectionsPropertiesAndTagKeysWrittenAsAliases() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        // A new user's commit passed the hook with `*res :` for Resources: PyYAML (sam deploy) reads an alias key as the
        // anchored scalar's value (docs/conventions.md#c16). The result is at the tag key, written as an alias here too.
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Description: &res Resources
            Metadata:
              names: [&p Properties, &t Tags, &ty Type, &k InspectorExclusion]
            *res :
              Api:
                *ty : AWS::Serverless::Function
                *p :
                  FunctionName: orders-api
                  *t :
                    {|#0:*k|} : LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Api' (deployed as 'orders-api') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_TagMapBroughtInByAMergeKey_AtTheMergeKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: &excluded
                    {|#0:InspectorExclusion|}: LambdaStandardScanning
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#1:<<|}: *excluded
                    team: orders
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Api' (deployed as 'orders-api') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Expect(1, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_TagsBroughtInByAMergeKeyOfProperties_AtTheMergeKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties: &common
                  FunctionName: orders-api
                  Tags:
                    [|InspectorExclusion|]: LambdaStandardScanning
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  [|<<|]: *common
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_PropertiesBroughtInByAMergeKeyOfTheResource_AtTheMergeKey() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Api: &function
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-api
                  Tags:
                    - [|Key|]: InspectorExclusion
                      Value: LambdaStandardScanning
              Worker:
                [|<<|]: *function
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_OnlyTheAnchor_WhenAMergedTagIsOverriddenLocally() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: &excluded
                    [|InspectorExclusion|]: LambdaStandardScanning
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    <<: *excluded
                    InspectorExclusion: none
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WhenLedgerRecordsTheFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: !Sub "${Team}-worker"
                  Tags:
                    - Key: InspectorExclusion
                      Value: LambdaStandardScanning
            Parameters:
              Team: { Type: String, Default: orders }
            """)
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenLedgerRecordsTheNameInFunctionArn() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorCodeExclusion: LambdaCodeScanning }
            """)
        .WithLedger(LedgerWith("function_arn: 'arn:aws:lambda:eu-west-1:111122223333:function:orders-worker'", "code"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenLedgerRecordsTheNameFromSubListForm() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub
                    - "${Team}-worker"
                    - Team: orders
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("function_name: orders-worker"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenLedgerRecordsTheNameFromJoin() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName:
                    Fn::Join: ["-", [orders, !Ref AWS::Partition, worker]]
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("function_name: orders-aws-worker"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenLedgerRecordsTheTemplateAndLogicalId() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """, "services/orders/template.yaml")
        .WithLedger(LedgerWith("template: ./services/orders/template.yaml, logical_id: Worker"))
        .Verify();

    [Test]
    public void Reports_WhenTheTemplateAndLogicalIdEntryNamesAnotherFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
              Other:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-other
            """)
        .WithLedger(LedgerWith("function_name: orders-worker, template: template.yaml, logical_id: Other"))
        .Verify();

    [Test]
    public void Reports_WhenTheEntryNamesTheLogicalIdInAnotherTemplate() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """, "services/orders/template.yaml")
        .WithLedger(LedgerWith("template: services/billing/template.yaml, logical_id: Worker"))
        .Verify();

    [Test]
    public void Reports_WhenTheEntryRecordsTheOtherScanType() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExclusion|]: LambdaStandardScanning
                    InspectorCodeExclusion: LambdaCodeScanning
            """)
        .WithLedger(LedgerWith("function_name: orders-worker", "code"))
        .Verify();

    [Test]
    public void Reports_WhenTheEntryNameDiffersInCase() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("function_name: Orders-Worker"))
        .Verify();

    [Test]
    public void Reports_WhenTheEntryHasAnUnknownScanType() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("function_name: orders-worker", "Standard"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheMatchingEntryHasExpired() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(LedgerWith("function_name: orders-worker", expiresAt: "2026-01-31"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheMatchingEntryIsInvalid() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker, function_arn: not-an-arn, colour: blue }
                scan_type: standard
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31T00:00:00Z }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionHasNoStaticName() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Name: { Type: String }
            Resources:
              Generated:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              FromParameter:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Ref Name
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              FromStack:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${AWS::StackName}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithLedger("""
            version: 1
            exclusions: [{|PL0001:|}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_OnNonFunctionResource() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties: { Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }] }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_LookAlikeTags() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    inspectorexclusion: LambdaStandardScanning
                    InspectorCodeExclusion: lambdacodescanning
                    "InspectorExclusion ": LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_TheOtherScanTypesValue() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion: LambdaCodeScanning
                    InspectorCodeExclusion: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_TagValueNoValueEmptyOrMissing() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - Key: InspectorExclusion
                      Value: !Ref AWS::NoValue
                    - Key: InspectorCodeExclusion
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: !Ref AWS::NoValue
              Batch:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-batch
                  Tags: { InspectorExclusion: "", InspectorCodeExclusion: }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_Unresolved_WhenTheTagValueHasNoDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#0:InspectorExclusion|}: !Ref Exclusion
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') is excluded from Lambda standard scanning: parameter 'Exclusion' has no default")
        .Verify();

    private const string StackTagRelated = "Tag 'InspectorExclusion' set for the whole stack in samconfig.toml";

    [Test]
    public void Reports_ExclusionTagFromSamconfigTags_AtTheLogicalId_WithTheSamconfigItemRelated() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { team: orders }
            """)
        .WithFile("samconfig.toml", """
            version = 0.1
            [default.deploy.parameters]
            stack_name = "orders"
            tags = "team=orders {|#1:InspectorExclusion=LambdaStandardScanning|}"
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' (a stack tag from samconfig.toml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1, StackTagRelated)
        .Verify();

    [Test]
    public void Reports_ExclusionTagFromSamconfigYamlTagsList_OnEveryFunctionOfTheStack() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:Api|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-api }
              {|#1:Legacy|}:
                Type: AWS::Lambda::Function
                Properties: { FunctionName: orders-legacy }
              Queue:
                Type: AWS::SQS::Queue
            """, "orders/template.yaml")
        .WithFile("orders/samconfig.yaml", """
            version: 0.1
            default:
              deploy:
                parameters:
                  tags:
                    - team=orders
                    - {|#2:InspectorCodeExclusion=LambdaCodeScanning|}
            """)
        .WithTemplate("""
            Resources:
              Billing:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: billing }
            """, "billing/template.yaml")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Api' (deployed as 'orders-api') has exclusion tag 'InspectorCodeExclusion' (a stack tag from orders/samconfig.yaml) but no ledger entry records its code scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Expect(1, "PL1001")
        .ExpectRelated(0, 2, "Tag 'InspectorCodeExclusion' set for the whole stack in orders/samconfig.yaml")
        .ExpectRelated(1, 2)
        .Verify();

    [Test]
    public void DoesNotReport_ExclusionTagFromSamconfigWithLedgerEntry() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .WithLedger(LedgerWith("function_name: orders-worker"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionsOwnTagOfTheSameKeyWins() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags: { InspectorExclusion: pending-review }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_SamconfigTagsOfAnotherEnvironmentOrFolder() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithFile("samconfig.toml", "[prod.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n[default.deploy.parameters]\nstack_name = \"orders\"\n")
        .WithFile("other/samconfig.toml", "[default.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_SamconfigTagsOfTheChosenEnvironment() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithFile("samconfig.toml", "[prod.deploy.parameters]\ntags = \"{|#1:InspectorExclusion=LambdaStandardScanning|}\"\n[default.deploy.parameters]\nstack_name = \"orders\"\n")
        .WithConfigEnvironment("prod")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001")
        .ExpectRelated(0, 1, StackTagRelated)
        .Verify();

    [Test]
    public void Reports_NameWithStackNameFromSamconfig_AsAStaticName() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub ${AWS::StackName}-worker
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"orders-prod\"\n")
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-prod-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void DoesNotReport_NameWithStackNameFromSamconfig_MatchedByName() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub ${AWS::StackName}-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[default.global.parameters]\nstack_name = \"orders-prod\"\n")
        .WithLedger(LedgerWith("function_name: orders-prod-worker"))
        .Verify();

    [Test]
    public void Reports_NameFromSamconfigParameterOverride() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub orders-${Stage}-worker
                  Tags: { {|#0:InspectorExclusion|}: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = \"Stage=prod\"\n")
        .WithLedger(LedgerWith("function_name: orders-dev-worker"))
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-prod-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheConfiguredParameterWinsOverSamconfig() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub orders-${Stage}-worker
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = \"Stage=prod\"\n")
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Stage"] = "dev" } })
        .WithLedger(LedgerWith("function_name: orders-dev-worker"))
        .Verify();
}
