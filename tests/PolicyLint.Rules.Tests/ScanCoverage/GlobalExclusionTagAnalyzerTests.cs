using NUnit.Framework;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ScanCoverage;

public sealed class GlobalExclusionTagAnalyzerTests
{
    [Test]
    public void Reports_GlobalTag_OnceAtTheGlobalsKey() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: python3.12
                Tags:
                  team: orders
                  {|#0:InspectorExclusion|}: LambdaStandardScanning
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-api, Tags: { tier: web } }
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .Expect(0, "PL2002", "Globals.Function.Tags sets the exclusion tag 'InspectorExclusion: LambdaStandardScanning', so Amazon Inspector skips Lambda standard scanning for every function of the template (2 functions: 'Api', 'Worker'); tag only the functions that need the exclusion")
        .Verify();

    [Test]
    public void Reports_CodeScanningTag_WithOneFunction() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { {|#0:InspectorCodeExclusion|}: LambdaCodeScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { Handler: app.handler }
            """)
        .Expect(0, "PL2002", "Globals.Function.Tags sets the exclusion tag 'InspectorCodeExclusion: LambdaCodeScanning', so Amazon Inspector skips Lambda code scanning for every function of the template (1 function: 'Worker'); tag only the functions that need the exclusion")
        .Verify();

    [Test]
    public void Reports_BothTags_OnceEach() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  [|InspectorExclusion|]: LambdaStandardScanning
                  [|InspectorCodeExclusion|]: LambdaCodeScanning
            Resources:
              Api: { Type: AWS::Serverless::Function, Properties: { FunctionName: orders-api } }
              Worker: { Type: AWS::Serverless::Function, Properties: { FunctionName: orders-worker } }
              Reports: { Type: AWS::Serverless::Function, Properties: { FunctionName: orders-reports } }
            """)
        .Verify();

    [Test]
    public void Reports_NamingFiveFunctionsAndCountingTheRest() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#0:InspectorExclusion|}: LambdaStandardScanning
            Resources:
              A: { Type: AWS::Serverless::Function }
              B: { Type: AWS::Serverless::Function }
              C: { Type: AWS::Serverless::Function }
              D: { Type: AWS::Serverless::Function }
              E: { Type: AWS::Serverless::Function }
              F: { Type: AWS::Serverless::Function }
              G: { Type: AWS::Serverless::Function }
            """)
        .Expect(0, "PL2002", "Globals.Function.Tags sets the exclusion tag 'InspectorExclusion: LambdaStandardScanning', so Amazon Inspector skips Lambda standard scanning for every function of the template (7 functions: 'A', 'B', 'C', 'D', 'E' and 2 more); tag only the functions that need the exclusion")
        .Verify();

    [Test]
    public void Reports_CountingOnlyTheFunctionsThatInheritTheTag() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#0:InspectorExclusion|}: LambdaStandardScanning
            Resources:
              Inheriting:
                Type: AWS::Serverless::Function
              Overriding:
                Type: AWS::Serverless::Function
                Properties: { Tags: { InspectorExclusion: none } }
              OptingOut:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Tags]
              Replacing:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: !If [Never, { team: orders }, !Ref AWS::NoValue]
              Plain:
                Type: AWS::Lambda::Function
                Properties: { FunctionName: orders-plain }
            Conditions:
              Never: !Equals [a, b]
            """)
        .Expect(0, "PL2002", "Globals.Function.Tags sets the exclusion tag 'InspectorExclusion: LambdaStandardScanning', so Amazon Inspector skips Lambda standard scanning for every function of the template (1 function: 'Inheriting'); tag only the functions that need the exclusion")
        .Verify();

    [Test]
    public void Reports_QuotedKeyAtTheOpeningQuote() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  [|"InspectorExclusion"|]: "LambdaStandardScanning"
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """)
        .Verify();

    [Test]
    public void Reports_ValueFromParameterDefaultAndSub() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Scan: { Type: String, Default: Standard }
            Globals:
              Function:
                Tags:
                  [|InspectorExclusion|]: !Sub "Lambda${Scan}Scanning"
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """)
        .Verify();

    [Test]
    public void Reports_TagInEitherBranchOfLongFormIf() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Env: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Globals:
              Function:
                Tags:
                  Fn::If:
                    - IsProd
                    - { team: orders }
                    - { team: orders, [|InspectorCodeExclusion|]: LambdaCodeScanning }
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """)
        .Verify();

    [Test]
    public void Reports_TagBroughtInByAMergeKey_AtTheMergeKey() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Metadata:
              Common: &common
                InspectorExclusion: LambdaStandardScanning
            Globals:
              Function:
                Tags:
                  [|<<|]: *common
                  team: orders
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """)
        .Verify();

    [Test]
    public void Reports_InJsonTemplate() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            {
              "Transform": "AWS::Serverless-2016-10-31",
              "Globals": { "Function": { "Tags": { [|"InspectorExclusion"|]: "LambdaStandardScanning" } } },
              "Resources": { "Worker": { "Type": "AWS::Serverless::Function" } }
            }
            """, "template.json")
        .Verify();

    [Test]
    public void Reports_OncePerTemplate() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """, "services/a/template.yaml")
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """, "services/b/template.yaml")
        .Verify();

    [Test]
    public void Reports_PL0002_WhenTheGlobalValueCannotBeResolved() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Exclusion: { Type: String }
            Globals:
              Function:
                Tags:
                  InspectorExclusion: !Ref Exclusion
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' (deployed as 'orders-worker') is excluded from Lambda standard scanning: parameter 'Exclusion' has no default")
        .Verify();

    [Test]
    public void DoesNotReport_TagOnTheFunctionItself() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { team: orders }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_LookalikeOrOtherSectionsOfGlobals() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { inspectorexclusion: LambdaStandardScanning, InspectorCodeExclusion: LambdaStandardScanning }
              Api:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker: { Type: AWS::Serverless::Function }
              Api: { Type: AWS::Serverless::Api, Properties: { StageName: prod } }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenNoFunctionInheritsTheTag() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorExclusion: LambdaStandardScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                IgnoreGlobals: "*"
              Plain:
                Type: AWS::Lambda::Function
              Table:
                Type: AWS::Serverless::SimpleTable
            """)
        .Verify();

    [Test]
    public void Reports_GlobalsOfASamTemplateWithoutItsTransformLine() => RuleTest.For<GlobalExclusionTagAnalyzer>()
        .WithTemplate("""
            Globals:
              Function:
                Tags: { [|InspectorExclusion|]: LambdaStandardScanning }
            Resources:
              Worker: { Type: AWS::Serverless::Function }
            """)
        .Verify();
}
