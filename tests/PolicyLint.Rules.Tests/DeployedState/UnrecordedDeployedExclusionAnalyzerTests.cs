using NUnit.Framework;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Testing;
using static PolicyLint.Rules.Tests.DeployedState.DeployedExports;

namespace PolicyLint.Rules.Tests.DeployedState;

public sealed class UnrecordedDeployedExclusionAnalyzerTests
{
    [Test]
    public void Reports_TagInATaggingExport_AtTheTagKey() => RuleTest.For<UnrecordedDeployedExclusionAnalyzer>()
        .WithExport("deployed/tags.json", Tagging((Arn("orders-api"), MarkedTag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger(Ledger())
        .Expect(0, "PL7001", $"Deployed function orders-api ({Arn("orders-api")}) is excluded from standard scanning (tag 'InspectorExclusion: LambdaStandardScanning' in deployed/tags.json) but no ledger entry records it; add one to security/inspector-exclusions.yaml, or remove the tag")
        .Verify();

    [Test]
    public void Reports_CoverageExcludedByTag_ForCodeScanning_AtTheReason() => RuleTest.For<UnrecordedDeployedExclusionAnalyzer>()
        .WithExport("deployed/coverage.json", CoveragePage(Coverage(Arn("orders-api"), "CODE", "INACTIVE", "EXCLUDED_BY_TAG").Replace("\"EXCLUDED_BY_TAG\"", "{|#0:\"EXCLUDED_BY_TAG\"|}")))
        .Expect(0, "PL7001", $"Deployed function orders-api ({Arn("orders-api")}) is excluded from code scanning (coverage reason EXCLUDED_BY_TAG in deployed/coverage.json) but no ledger entry records it; add one to security/inspector-exclusions.yaml, or remove the tag")
        .Verify();

    [Test]
    public void Reports_EachAccountAndRegion_ThatAnArnEntryDoesNotName() => RuleTest.For<UnrecordedDeployedExclusionAnalyzer>()
        .WithExport("deployed/tags.json", Tagging(
            (Arn("orders-api"), Tag("InspectorExclusion", "LambdaStandardScanning")),
            (Arn("orders-api", "us-east-1", "444455556666"), MarkedTag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger(Ledger(Entry($"function_arn: {Arn("orders-api")}")))
        .Expect(0, "PL7001")
        .Verify();

    [Test]
    public void Matches_ByName_InEveryAccount_ByTemplateAndLogicalId_AndByArnWithAQualifier() => RuleTest.For<UnrecordedDeployedExclusionAnalyzer>()
        .WithTemplate("Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n", "services/orders/template.yaml")
        .WithExport("deployed/tags.json", Tagging(
            (Arn("orders-api"), Tag("InspectorExclusion", "LambdaStandardScanning")),
            (Arn("orders-api", "us-east-1", "444455556666"), Tag("InspectorExclusion", "LambdaStandardScanning")),
            (Arn("orders-Worker-AbC123"), $"{Tag("aws:cloudformation:logical-id", "Worker")}, {Tag("aws:cloudformation:stack-name", "orders")}, {Tag("InspectorCodeExclusion", "LambdaCodeScanning")}"),
            (Arn("billing"), Tag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger(Ledger(
            Entry("function_name: orders-api"),
            Entry("template: services/orders/template.yaml, logical_id: Worker", "code"),
            Entry($"function_arn: '{Arn("billing")}:live'")))
        .Verify();

    [Test]
    public void LookAlikeTags_AndOtherValues_DoNotExclude() => RuleTest.For<UnrecordedDeployedExclusionAnalyzer>()
        .WithExport("deployed/tags.json", Tagging(
            (Arn("a"), Tag("inspectorexclusion", "LambdaStandardScanning")),
            (Arn("b"), Tag("InspectorExclusion", "LambdaCodeScanning"))))
        .Verify();

    [Test]
    public void BrokenLedger_ReportsNothing() => RuleTest.For<UnrecordedDeployedExclusionAnalyzer>()
        .WithExport("deployed/tags.json", Tagging((Arn("a"), Tag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger("version: 1\nexclusions: [{|PL0001:|}\n")
        .Verify();
}
