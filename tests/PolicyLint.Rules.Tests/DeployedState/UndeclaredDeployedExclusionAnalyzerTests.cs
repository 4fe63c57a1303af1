using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Testing;
using static PolicyLint.Rules.Tests.DeployedState.DeployedExports;

namespace PolicyLint.Rules.Tests.DeployedState;

public sealed class UndeclaredDeployedExclusionAnalyzerTests
{
    private const string Outside = "the exclusion was applied outside this repository's templates (by hand, a script, or another repository)";

    private static string CfnTags(string logicalId, string stack = "orders") =>
        $"{Tag("aws:cloudformation:logical-id", logicalId)}, {Tag("aws:cloudformation:stack-name", stack)}";

    [Test]
    public void Reports_TagAppliedByHand_OnAFunctionTheTemplateDefinesWithoutIt() => RuleTest.For<UndeclaredDeployedExclusionAnalyzer>()
        .WithTemplate("Resources:\n  {|#1:Worker|}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: orders-worker\n")
        .WithSettings(ResolutionSettings.Default with { StackName = "orders" })
        .WithExport("deployed/tags.json", Tagging((Arn("orders-worker"), $"{CfnTags("Worker")}, {MarkedTag("InspectorExclusion", "LambdaStandardScanning")}")))
        .Expect(0, "PL7002", $"Deployed function orders-worker ({Arn("orders-worker")}) is excluded from standard scanning (tag 'InspectorExclusion: LambdaStandardScanning' in deployed/tags.json), but 'Worker' in template.yaml declares no such tag: {Outside}")
        .ExpectRelated(0, 1, "The template's 'Worker' has no InspectorExclusion tag")
        .Verify();

    [Test]
    public void Reports_FunctionNoTemplateDefines() => RuleTest.For<UndeclaredDeployedExclusionAnalyzer>()
        .WithTemplate("Resources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: orders-api\n")
        .WithExport("deployed/coverage.json", CoveragePage(Coverage(Arn("legacy-export"), "CODE", "INACTIVE", "EXCLUDED_BY_TAG", "{|#0:\"InspectorCodeExclusion\"|}: \"LambdaCodeScanning\"")))
        .Expect(0, "PL7002", $"Deployed function legacy-export ({Arn("legacy-export")}) is excluded from code scanning (tag 'InspectorCodeExclusion: LambdaCodeScanning' in deployed/coverage.json), but no analyzed template defines it: {Outside}")
        .Verify();

    [Test]
    public void DeclaredTag_ByLogicalIdAndStackName_OrByName_IsNotReported() => RuleTest.For<UndeclaredDeployedExclusionAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorExclusion: LambdaStandardScanning }
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags: { InspectorCodeExclusion: LambdaCodeScanning }
            """)
        .WithSettings(ResolutionSettings.Default with { StackName = "orders" })
        .WithExport("deployed/tags.json", Tagging(
            (Arn("orders-Worker-1A2B3C"), $"{CfnTags("Worker")}, {Tag("InspectorExclusion", "LambdaStandardScanning")}"),
            (Arn("orders-api"), Tag("InspectorCodeExclusion", "LambdaCodeScanning"))))
        .Verify();

    [Test]
    public void SameLogicalIdInAnotherStack_IsNotTheTemplatesFunction() => RuleTest.For<UndeclaredDeployedExclusionAnalyzer>()
        .WithTemplate("Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Tags: { InspectorExclusion: LambdaStandardScanning }\n")
        .WithSettings(ResolutionSettings.Default with { StackName = "orders" })
        .WithExport("deployed/tags.json", Tagging((Arn("billing-Worker-9Z8Y7X"), $"{CfnTags("Worker", "billing")}, {MarkedTag("InspectorExclusion", "LambdaStandardScanning")}")))
        .Expect(0, "PL7002")
        .Verify();
}
