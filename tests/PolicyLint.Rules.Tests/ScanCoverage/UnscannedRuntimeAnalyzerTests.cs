using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ScanCoverage;

public sealed class UnscannedRuntimeAnalyzerTests
{
    private const string Deprecated39 = "AWS Lambda deprecated it on 2025-12-15, so it no longer receives security updates; move to a supported runtime";
    private const string NotScanned = "Amazon Inspector supports it for neither Lambda standard nor Lambda code scanning, so the function's vulnerabilities go unreported";
    private const string NotCodeScanned = "Amazon Inspector Lambda code scanning does not support it (standard scanning of its packages does), so its own code is not scanned";

    [Test]
    public void Reports_DeprecatedRuntime() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  {|#0:Runtime|}: python3.9
            """)
        .Expect(0, "PL2003", $"Function 'Worker' (deployed as 'orders-worker') runs on runtime 'python3.9': {Deprecated39}")
        .Verify();

    [Test]
    public void Reports_RuntimeInspectorDoesNotScan_AndItsDeprecation() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: python2.7
            """)
        .Expect(0, "PL2003", $"Function 'Worker' runs on runtime 'python2.7': {NotScanned}; AWS Lambda deprecated it on 2021-07-15, so it no longer receives security updates; move to a supported runtime")
        .Verify();

    [Test]
    public void Reports_RuntimeInspectorDoesNotScan_BeforeItsDeprecation() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: ruby3.4
            """)
        .Expect(0, "PL2003", $"Function 'Worker' runs on runtime 'ruby3.4': {NotScanned}")
        .Verify();

    [Test]
    public void Reports_RuntimeWithoutCodeScanning() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: nodejs24.x
            """)
        .Expect(0, "PL2003", $"Function 'Worker' runs on runtime 'nodejs24.x': {NotCodeScanned}")
        .Verify();

    [Test]
    public void Reports_RuntimeWithoutCodeScanning_AndItsDeprecation() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: go1.x
            """)
        .Expect(0, "PL2003", $"Function 'Worker' runs on runtime 'go1.x': {NotCodeScanned}; AWS Lambda deprecated it on 2024-01-08, so it no longer receives security updates; move to a supported runtime")
        .Verify();

    [TestCase("python3.12")]
    [TestCase("python3.13")]
    [TestCase("nodejs22.x")]
    [TestCase("java21")]
    [TestCase("ruby3.3")]
    public void DoesNotReport_CurrentRuntimeBothScanTypesSupport(string runtime) => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate($"""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: {runtime}
            """)
        .Verify();

    [TestCase("java17", Description = "deprecation date unknown (the sources disagree), both scan types supported")]
    [TestCase("provided.al2", Description = "deprecation date unknown; code scanning unsupported is still reported")]
    public void DoesNotReport_UnknownDeprecationDate(string runtime)
    {
        var test = RuleTest.For<UnscannedRuntimeAnalyzer>().WithTemplate($"""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {(runtime == "provided.al2" ? "[|Runtime|]" : "Runtime")}: {runtime}
            """);
        var diagnostics = test.Verify();
        Assert.That(diagnostics.Select(d => d.Message), Has.None.Contains("deprecated"));
    }

    [TestCase("python3.99")]
    [TestCase("Python3.9", Description = "Lambda runtime identifiers are case-sensitive")]
    [TestCase("")]
    public void DoesNotReport_RuntimeTheDataDoesNotList(string runtime) => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate($"""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: "{runtime}"
            """)
        .Verify();

    [Test]
    public void DoesNotReport_TheDayBeforeTheDeprecationDate() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.10
            """)
        .WithToday("2026-10-30")
        .Verify();

    [Test]
    public void Reports_OnTheDeprecationDate() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: python3.10
            """)
        .WithToday("2026-10-31")
        .Expect(0, "PL2003", "Function 'Worker' runs on runtime 'python3.10': AWS Lambda deprecated it on 2026-10-31, so it no longer receives security updates; move to a supported runtime")
        .Verify();

    [Test]
    public void Reports_RuntimeFromGlobals_AtTheLogicalId() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                {|#9:Runtime|}: nodejs18.x
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
              {|#1:Api|}:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: api.handler
              Modern:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
              Opted:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Runtime]
                Properties:
                  Handler: app.handler
              Plain:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: app.handler
            """)
        .Expect(0, "PL2003", "Function 'Worker' runs on runtime 'nodejs18.x' (set in Globals): AWS Lambda deprecated it on 2025-09-01, so it no longer receives security updates; move to a supported runtime")
        .Expect(1, "PL2003")
        .ExpectRelated(0, 9, "Runtime set for every function in Globals")
        .ExpectRelated(1, 9)
        .Verify();

    [Test]
    public void Reports_ParameterDefault() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Parameters:
              Rt: { Type: String, Default: python3.9 }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: !Ref Rt
            """)
        .Expect(0, "PL2003", $"Function 'Worker' runs on runtime 'python3.9': {Deprecated39}")
        .Verify();

    [Test]
    public void Reports_ParameterOverride_AndNotTheDefault()
    {
        const string template = """
            Parameters:
              Rt: { Type: String, Default: python3.12 }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  [|Runtime|]: !Ref Rt
            """;
        RuleTest.For<UnscannedRuntimeAnalyzer>()
            .WithTemplate(template)
            .WithSettings(new ResolutionSettings { ParameterOverrides = new Dictionary<string, string> { ["Rt"] = "python3.9" } })
            .Verify();
        RuleTest.For<UnscannedRuntimeAnalyzer>()
            .WithTemplate(template.Replace("[|Runtime|]", "Runtime", StringComparison.Ordinal))
            .Verify();
    }

    [Test]
    public void Reports_Unresolved_ForAParameterWithoutDefault() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Parameters:
              Rt: { Type: String }
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}: !Ref Rt
            """)
        .Expect(0, "PL0002", "Cannot decide whether function 'Worker' runs on a runtime Amazon Inspector scans: parameter 'Rt' has no default")
        .Verify();

    [Test]
    public void Reports_RuntimeInEitherBranchOfFnIf_LongForm() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsLegacy: !Equals [!Ref Stage, legacy]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:Runtime|}:
                    Fn::If: [IsLegacy, python3.9, python3.12]
            """)
        .Expect(0, "PL2003", $"Function 'Worker' runs on runtime 'python3.9' in a branch of Fn::If: {Deprecated39}")
        .Verify();

    [Test]
    public void DoesNotReport_WhenNeitherBranchIsAProblem() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Conditions:
              IsArm: !Equals [!Ref "AWS::Region", eu-west-1]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: !If [IsArm, python3.13, python3.12]
            """)
        .Verify();

    [Test]
    public void Reports_JsonTemplate() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": { {|#0:"Runtime"|}: "nodejs16.x" }
                }
              }
            }
            """, "template.json")
        .Expect(0, "PL2003", "Function 'Worker' runs on runtime 'nodejs16.x': AWS Lambda deprecated it on 2024-06-12, so it no longer receives security updates; move to a supported runtime")
        .Verify();

    [Test]
    public void Reports_ContainerImage_AtPackageType() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: python2.7
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  {|#0:PackageType|}: Image
                  ImageUri: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders:1
            """)
        .Expect(0, "PL2003", "Function 'Worker' runs on a container image (PackageType: Image): Amazon Inspector Lambda scanning may not cover container-image functions (not confirmed by AWS documentation); check the function's coverage in the Inspector console, and scan its image in Amazon ECR")
        .Verify();

    [Test]
    public void Reports_ContainerImageInABranch_AndTheZipBranchRuntime() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Parameters:
              AsImage: { Type: String, Default: "no" }
            Conditions:
              UseImage: !Equals [!Ref AsImage, "yes"]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  {|#0:PackageType|}: !If [UseImage, Image, Zip]
                  {|#1:Runtime|}: python3.9
            """)
        .Expect(0, "PL2003", "Function 'Worker' runs on a container image (PackageType: Image) in a branch of Fn::If: Amazon Inspector Lambda scanning may not cover container-image functions (not confirmed by AWS documentation); check the function's coverage in the Inspector console, and scan its image in Amazon ECR")
        .Expect(1, "PL2003", $"Function 'Worker' runs on runtime 'python3.9': {Deprecated39}")
        .Verify();

    [Test]
    public void DoesNotReport_ZipPackageOnACurrentRuntime() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Zip
                  Runtime: python3.12
            """)
        .Verify();

    [Test]
    public void DoesNotReport_RuntimeOnOtherResourceTypes() => RuleTest.For<UnscannedRuntimeAnalyzer>()
        .WithTemplate("""
            Resources:
              Resolver:
                Type: AWS::AppSync::FunctionConfiguration
                Properties:
                  Runtime: { Name: APPSYNC_JS, RuntimeVersion: 1.0.0 }
              Layer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  CompatibleRuntimes: [python2.7]
              Canary:
                Type: AWS::Synthetics::Canary
                Properties:
                  RuntimeVersion: syn-nodejs-puppeteer-3.1
            """)
        .Verify();
}
