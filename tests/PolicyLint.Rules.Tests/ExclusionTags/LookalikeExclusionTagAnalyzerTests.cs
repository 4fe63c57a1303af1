using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

public sealed class LookalikeExclusionTagAnalyzerTests
{
    /// <summary>A SAM function 'Worker' deployed as 'orders-worker' with one map-shaped tag line (markup included).</summary>
    private static string FunctionWithTag(string tagLine) => $"""
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-worker
              Tags:
                {tagLine}
        """;

    [Test]
    public void Reports_KeyInWrongCase() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:inspectorexclusion|}: LambdaStandardScanning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'inspectorexclusion: LambdaStandardScanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the key differs in case; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_MisspeltKey() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorCodeExclusions|}: LambdaCodeScanning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorCodeExclusions: LambdaCodeScanning', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but the key is misspelt ('InspectorCodeExclusion' expected); Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_KeysTwoEditsAway_NotThree() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    [|InspectorExlcusion|]: LambdaStandardScanning
                    [|inspector-exclusions|]: LambdaCodeScanning
                    Inspector-Exclusion-X: LambdaStandardScanning
            """)
        .Verify();

    [Test]
    public void Reports_KeyWithTrailingWhiteSpace() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:\"InspectorExclusion \"|}: LambdaStandardScanning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion : LambdaStandardScanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the key has trailing white space; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_ValueInWrongCase() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorCodeExclusion|}: lambdacodescanning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorCodeExclusion: lambdacodescanning', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but the value differs in case; Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_MisspeltValue() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: LambdaStandardScaning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: LambdaStandardScaning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value is misspelt ('LambdaStandardScanning' expected); Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_ValueWithLeadingWhiteSpace() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: ' LambdaStandardScanning'"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion:  LambdaStandardScanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value has leading white space; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_ValueWithTrailingWhiteSpace_AsInCase034() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: \"LambdaStandardScanning \""))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: LambdaStandardScanning ', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value has trailing white space; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_KeyAndValueBothOff() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:Inspectorexclusion|}: lambdaStandardScanning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'Inspectorexclusion: lambdaStandardScanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the key differs in case and the value differs in case; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_UnquotedBooleanTrue() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: true"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: true', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the unquoted boolean true, deployed as 'true'; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_UnquotedBooleanFalse() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorCodeExclusion|}: False"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorCodeExclusion: False', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but its value is the unquoted boolean False, deployed as 'false' (or, by older SAM versions, as an empty value); Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_Yaml11BooleanYes() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: yes"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: yes', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value yes is unquoted, so YAML 1.1 parsers such as SAM's read it as a boolean; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_QuotedBooleanText() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: \"true\""))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: true', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the string 'true', which looks like a boolean, not an exclusion value; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_QuotedFalse_AsAStringThatReadsAsABoolean() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorCodeExclusion|}: 'false'"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorCodeExclusion: false', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but its value is the string 'false', which looks like a boolean, not an exclusion value; Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_QuotedNumber_AsAStringThatReadsAsANumber() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: \"1\""))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: 1', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the string '1', which looks like a number, not an exclusion value; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_Number() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: 1"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: 1', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the number 1; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_TheOtherScanTypesValue() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorCodeExclusion|}: LambdaStandardScanning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorCodeExclusion: LambdaStandardScanning', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but its value is the standard scanning value 'LambdaStandardScanning'; Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_ValueCloseToTheOtherScanTypesValue() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:InspectorExclusion|}: LambdaCodeScaning"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: LambdaCodeScaning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is close to the code scanning value 'LambdaCodeScanning'; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_KeyAndValueSwapped() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(FunctionWithTag("{|#0:LambdaCodeScanning|}: InspectorCodeExclusion"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'LambdaCodeScanning: InspectorCodeExclusion', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but its key and value are swapped; Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_ListShapeOnLambdaFunction_AtTheKeyKey() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              ListFunction:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: geo-list
                  Tags:
                    - Key: team
                      Value: geo
                    - {|#0:Key|}: InspectorExclusion
                      Value: lambdastandardscanning
            """)
        .Expect(0, "PL1003", "Function 'ListFunction' (deployed as 'geo-list') has tag 'InspectorExclusion: lambdastandardscanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value differs in case; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_InJsonTemplate_AtTheOpeningQuoteOfKey() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {
                    "Tags": [
                      { {|#0:"Key"|}: "InspectorExclusion", "Value": true },
                      { [|"Key"|]: "inspectorExclusion", "Value": "LambdaStandardScanning" }
                    ]
                  }
                }
              }
            }
            """, "template.json")
        .Expect(0, "PL1003", "Function 'Worker' has tag 'InspectorExclusion: true', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the unquoted boolean true, deployed as 'true'; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_MapShapeInJsonServerlessFunction() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            {
              "Transform": "AWS::Serverless-2016-10-31",
              "Resources": {
                "Worker": {
                  "Type": "AWS::Serverless::Function",
                  "Properties": { "Tags": { [|"InspectorCodeExclusion"|]: 0 } }
                }
              }
            }
            """, "template.json")
        .Verify();

    [Test]
    public void Reports_TagInheritedFromGlobals_AtTheLogicalIdOfEachFunction() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#9:InspectorExclusion|}: TRUE
            Resources:
              {|#0:Api|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-api }
              {|#1:Worker|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker, Tags: { team: orders } }
              Legacy:
                Type: AWS::Lambda::Function
                Properties: { FunctionName: orders-legacy }
            """)
        .Expect(0, "PL1003", "Function 'Api' (deployed as 'orders-api') has tag 'InspectorExclusion: TRUE' (from Globals.Function.Tags), which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the unquoted boolean TRUE, deployed as 'true'; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Expect(1, "PL1003")
        .ExpectRelated(0, 9, "Tag 'InspectorExclusion' set for every function in Globals.Function.Tags")
        .ExpectRelated(1, 9)
        .Verify();

    [Test]
    public void Reports_TagBroughtInByAMergeKey_AtTheMergeKey() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: &tags
                    {|#0:InspectorExclusion|}: Lambdastandardscanning
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#1:<<|}: *tags
                    team: orders
            """)
        .Expect(0, "PL1003")
        .Expect(1, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: Lambdastandardscanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value differs in case; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_LookalikeInEitherBranchOfLongFormIf() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
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
                      - { InspectorExclusion: LambdaStandardScanning }
                      - { {|#0:InspectorExclusion|}: LambdaStandardScannin }
            """)
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: LambdaStandardScannin', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value is misspelt ('LambdaStandardScanning' expected); Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_LookalikeValueInABranchOfShortIf() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Env: { Type: String, Default: prod }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - [|Key|]: InspectorCodeExclusion
                      Value: !If [IsProd, LambdaCodeScanning, lambdaCodeScanning]
            """)
        .Verify();

    [Test]
    public void Reports_ValueFromParameterDefault() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String, Default: "true" }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#0:InspectorExclusion|}: !Ref Exclusion
            """)
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: true', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but its value is the string 'true', which looks like a boolean, not an exclusion value; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void Reports_KeyAndValueFromSub() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Kind: { Type: String, Default: Code }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - {|#0:Key|}: !Sub "Inspector${Kind}Exclusion"
                      Value: !Sub "Lambda${Kind}Scaning"
            """)
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorCodeExclusion: LambdaCodeScaning', which looks like the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning' but the value is misspelt ('LambdaCodeScanning' expected); Amazon Inspector does not honour it, so Lambda code scanning still runs")
        .Verify();

    [Test]
    public void Reports_ValueFromParameterOverride() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
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
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Exclusion"] = "LambdaStandardscanning" } })
        .Verify();

    [Test]
    public void Reports_EachLookalike_NextToAnExactTag() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
                    [|inspectorExclusion|]: LambdaStandardScanning
                    [|InspectorCodeExclusion|]: "yes"
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ExactExclusionTags() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
                    "InspectorCodeExclusion": 'LambdaCodeScanning'
              Legacy:
                Type: AWS::Lambda::Function
                Properties:
                  Tags:
                    - Key: !Sub "Inspector${AWS::NoValue}Exclusion"
                      Value: LambdaStandardScanning
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ExclusionKeyWithAnUnrelatedValue() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion: pending-review
                    InspectorCodeExclusion: ""
                    inspectorexclusion: see SEC-1234
            """)
        .Verify();

    [Test]
    public void DoesNotReport_UnrelatedTags() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    team: orders
                    InspectorExclusionReason: LambdaStandardScanning
                    InspectorScanning: enabled
                    LambdaStandardScanning: enabled
                    cost-center: 1234
                    lambda:createdBy: SAM
            """)
        .Verify();

    [Test]
    public void DoesNotReport_OnOtherResourceTypes() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  Tags:
                    - Key: inspectorexclusion
                      Value: LambdaStandardScanning
              Layer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  Tags: { InspectorExclusion: true }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ValuesThatCannotBeResolved() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    inspectorexclusion: !Ref Exclusion
                    InspectorExclusion: !ImportValue shared-exclusion
            """)
        .Verify();

    [Test]
    public void DoesNotReport_GlobalsTagTheFunctionOverrides() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  InspectorExclusion: "True"
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Tags]
                Properties: { FunctionName: orders-worker }
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .Verify();

    [Test]
    public void Reports_LookalikeStackTagFromSamconfig_AtTheLogicalId_WithTheSamconfigItemRelated() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"team=orders {|#1:inspectorexclusion=LambdaStandardScanning|}\"\n")
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'inspectorexclusion: LambdaStandardScanning' (a stack tag from samconfig.toml), which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the key differs in case; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .ExpectRelated(0, 1, "Tag 'inspectorexclusion' set for the whole stack in samconfig.toml")
        .Verify();

    [Test]
    public void DoesNotReport_ExactStackTagFromSamconfig() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"InspectorExclusion=LambdaStandardScanning\"\n")
        .Verify();
}
