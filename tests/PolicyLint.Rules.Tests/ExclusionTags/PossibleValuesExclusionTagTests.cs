using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

/// <summary>
/// A tag whose value (or key) is one of a set known offline counts when any of them is the exclusion value, as a tag in
/// either branch of Fn::If does (docs/conventions.md#c8): a parameter's AllowedValues, Fn::FindInMap with a key that
/// cannot be known, Fn::Select with an index that cannot be known. PL0002 only when the set itself is unknown.
/// </summary>
public sealed class PossibleValuesExclusionTagTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";


    private const string Undecided = "Cannot decide whether function 'Worker' (deployed as 'orders-worker') is excluded from Lambda standard scanning: ";

    private static string Pl1001(string possibility) =>
        $"Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion'{possibility} but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml";

    private const string RegionMap = """
        Mappings:
          RegionMap:
            us-east-1: { scan: LambdaStandardScanning }
            eu-west-1: { scan: "off" }
        """;

    /// <summary>A SAM function 'Worker' deployed as 'orders-worker' whose tag line (indented under Tags) is given.</summary>
    private static string Worker(string head, string tag) => $"""
        {head}
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-worker
              Tags:
                {tag}
        """;

    private static string LedgerFor(string target) => $$"""
        version: 1
        exclusions:
          - target: { type: lambda, {{target}} }
            scan_type: standard
            reason: { summary: Vendor library, ticket: SEC-1 }
            owner: { team: orders, approved_by: appsec }
            dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
        """;

    [Test]
    public void Reports_FindInMapOverAnUnknownRegion_WhenARowIsTheExclusionValue() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker(RegionMap, """{|#0:InspectorExclusion|}: !FindInMap [RegionMap, !Ref "AWS::Region", scan]"""))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (Fn::FindInMap over RegionMap with an unknown AWS::Region)"))
        .Verify();

    [Test]
    public void DoesNotReport_FindInMap_WhenTheConfiguredRegionPinsARowWithoutTheExclusionValue() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker(RegionMap, """InspectorExclusion: !FindInMap [RegionMap, !Ref "AWS::Region", scan]"""))
        .WithSettings(new ResolutionSettings { Region = "eu-west-1" })
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_FindInMap_WhenTheConfiguredRegionPinsTheExclusionRow_AsAPlainTag() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker(RegionMap, """{|#0:InspectorExclusion|}: !FindInMap [RegionMap, !Ref "AWS::Region", scan]"""))
        .WithSettings(new ResolutionSettings { Region = "us-east-1" })
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(string.Empty))
        .Verify();

    [Test]
    public void DoesNotReport_FindInMapOverAnUnknownRegion_WhenNoRowIsTheExclusionValue_NorPL0002() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Mappings:
              RegionMap:
                us-east-1: { scan: "off" }
                eu-west-1: { scan: "on" }
            """, """InspectorExclusion: !FindInMap [RegionMap, !Ref "AWS::Region", scan]"""))
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_FindInMapWithAnUnknownSecondLevelKey_InAnIfBranch() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              Mode: { Type: String }
            Conditions:
              Scanned: !Equals [!Ref Mode, scanned]
            Mappings:
              Modes:
                all: { quiet: LambdaStandardScanning, loud: "off" }
            """, """{|#0:InspectorExclusion|}: !If [Scanned, "off", !FindInMap [Modes, all, !Ref Mode]]"""))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (Fn::FindInMap over Modes with an unknown Mode)"))
        .Verify();

    [Test]
    public void Reports_RefToAParameterWhoseOnlyAllowedValueIsTheExclusionValue() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [LambdaStandardScanning] }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (parameter 'ScanMode' allows it)"))
        .Verify();

    [Test]
    public void Reports_RefToAParameterWithAllowedValues_WhateverItsDefault() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: String, Default: "off", AllowedValues: [LambdaStandardScanning, "off"] }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (parameter 'ScanMode' allows it)"))
        .Verify();

    [Test]
    public void DoesNotReport_AParameterWithAllowedValues_WhenAnOverridePinsAnotherValue() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [LambdaStandardScanning, "off"] }
            """, "InspectorExclusion: !Ref ScanMode"))
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["ScanMode"] = "off" } })
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void DoesNotReport_AParameterWithAllowedValues_WhenALedgerEntryRecordsTheFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [LambdaStandardScanning, "off"] }
            """, "InspectorExclusion: !Ref ScanMode"))
        .WithLedger(LedgerFor("function_name: orders-worker"))
        .Verify();

    [Test]
    public void Reports_SubOverAParameterWithAllowedValues() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              Kind: { Type: String, AllowedValues: [Standard, Code] }
            """, "{|#0:InspectorExclusion|}: !Sub Lambda${Kind}Scanning"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (parameter 'Kind' allows it)"))
        .Verify();

    [Test]
    public void Reports_SelectWithAnUnknownIndexOverALiteralList() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              Tier: { Type: String }
            """, "{|#0:InspectorExclusion|}: !Select [!Ref Tier, [LambdaStandardScanning, LambdaStandardScanning]]"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (Fn::Select with an unknown index)"))
        .Verify();

    [Test]
    public void Reports_AListItemWhoseKeyIsSelectedWithAnUnknownIndex() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Tier: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    - {|#0:Key|}: !Select [!Ref Tier, [team, InspectorExclusion]]
                      Value: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" (its key may be it: Fn::Select with an unknown index)"))
        .Verify();

    [Test]
    public void Reports_AGlobalsTagFromAFindInMap_WithItsOrigin() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Mappings:
              RegionMap:
                us-east-1: { scan: LambdaStandardScanning }
            Globals:
              Function:
                Tags:
                  {|#1:InspectorExclusion|}: !FindInMap [RegionMap, !Ref AWS::Region, scan]
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" (from Globals.Function.Tags) whose value may be 'LambdaStandardScanning' (Fn::FindInMap over RegionMap with an unknown AWS::Region)"))
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set for every function in Globals.Function.Tags")
        .Verify();

    [Test]
    public void ReportsUnresolved_AParameterWithoutDefaultOrAllowedValues() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: String }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0002", Undecided + "parameter 'ScanMode' has no default")
        .Verify();

    [Test]
    public void ReportsUnresolved_AnSsmParameter_EvenWithAllowedValues() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: "AWS::SSM::Parameter::Value<String>", Default: /scan/mode, AllowedValues: [/scan/mode] }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0002", Undecided + "parameter 'ScanMode' is read from SSM parameter '/scan/mode' at deploy time")
        .Verify();

    [Test]
    public void ReportsUnresolved_AMappingRowThatIsImported() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Mappings:
              RegionMap:
                us-east-1: { scan: "off" }
                eu-west-1: { scan: !ImportValue ScanMode }
            """, """{|#0:InspectorExclusion|}: !FindInMap [RegionMap, !Ref "AWS::Region", scan]"""))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0002", Undecided + "it is the value imported from export 'ScanMode', known only at deploy time")
        .Verify();

    [Test]
    public void ReportsUnresolved_BeyondTheCap() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker($$"""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [{{string.Join(", ", Enumerable.Range(1, ResolvedValue.MaxAlternatives).Select(i => $"v{i}"))}}, LambdaStandardScanning] }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL0002", Undecided + $"parameter 'ScanMode' allows more than {ResolvedValue.MaxAlternatives} values")
        .Verify();

    [Test]
    public void Reports_AtTheCap() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker($$"""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [{{string.Join(", ", Enumerable.Range(1, ResolvedValue.MaxAlternatives - 1).Select(i => $"v{i}"))}}, LambdaStandardScanning] }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (parameter 'ScanMode' allows it)"))
        .Verify();

    [Test]
    public void ReportsLookalike_AmongAParametersAllowedValues() => RuleTest.For<LookalikeExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [none, lambdastandardscanning] }
            """, "{|#0:InspectorExclusion|}: !Ref ScanMode"))
        .Expect(0, "PL1003", "Function 'Worker' (deployed as 'orders-worker') has tag 'InspectorExclusion: lambdastandardscanning', which looks like the exclusion tag 'InspectorExclusion: LambdaStandardScanning' but the value differs in case; Amazon Inspector does not honour it, so Lambda standard scanning still runs")
        .Verify();

    [Test]
    public void DoesNotReportStaleEntry_WhenARegionMapRowMayBeTheExclusionValue() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(Worker(RegionMap, """InspectorExclusion: !FindInMap [RegionMap, !Ref "AWS::Region", scan]"""))
        .WithLedger(LedgerFor("function_name: orders-worker"))
        .Verify();

    [Test]
    public void ReportsNoStaticName_ForAFunctionWithoutFunctionName_WhoseRegionMapRowMayBeTheExclusionValue() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate($"""
            {RegionMap}
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    {"{|#0:InspectorExclusion|}"}: !FindInMap [RegionMap, !Ref "AWS::Region", scan]
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'Worker' has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (it has no FunctionName, so CloudFormation generates one); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Worker'")
        .Verify();

    [Test]
    public void DoesNotReportNoStaticName_WhenNoAllowedValueIsTheExclusionValue() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              ScanMode: { Type: String, AllowedValues: [none, partial] }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    InspectorExclusion: !Ref ScanMode
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Reports_FindInMapKeyedByAParameterWithAllowedValues() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
            Mappings:
              Envs:
                dev: { scan: "none" }
                prod: { scan: LambdaStandardScanning }
            """, "{|#0:InspectorExclusion|}: !FindInMap [Envs, !Ref Env, scan]"))
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", Pl1001(" whose value may be 'LambdaStandardScanning' (Fn::FindInMap over Envs with an unknown Env)"))
        .Verify();

    [Test]
    public void DoesNotReport_FindInMapKeyedByAParameterWithAllowedValues_WhenOverridden() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(Worker("""
            Parameters:
              Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
            Mappings:
              Envs:
                dev: { scan: "none" }
                prod: { scan: LambdaStandardScanning }
            """, "InspectorExclusion: !FindInMap [Envs, !Ref Env, scan]"))
        .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Env"] = "dev" } })
        .WithLedger(EmptyLedger)
        .Verify();
}
