using NUnit.Framework;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Testing;
using static PolicyLint.Rules.Tests.DeployedState.DeployedExports;

namespace PolicyLint.Rules.Tests.DeployedState;

public sealed class UndeployedLedgerEntryAnalyzerTests
{
    [Test]
    public void Reports_EntryWhoseFunctionNoExportLists() => RuleTest.For<UndeployedLedgerEntryAnalyzer>()
        .WithExport("deployed/tags.json", Tagging((Arn("orders-api"), Tag("team", "orders"))))
        .WithLedger(Ledger(Entry("function_name: retired-job", key: "{|#0:target|}")))
        .Expect(0, "PL7003", "Ledger entry 'retired-job' records an exclusion that is not live: no export lists the function (exports cover 111122223333/eu-west-1); remove the entry if the exclusion has ended")
        .Verify();

    [Test]
    public void Reports_EntryWhoseFunctionIsDeployedWithoutTheTag_WithWhereItIsListed() => RuleTest.For<UndeployedLedgerEntryAnalyzer>()
        .WithExport("deployed/tags.json", "{\"ResourceTagMappingList\": [{|#1:{|}\"ResourceARN\": \"" + Arn("orders-api") + "\", \"Tags\": [" + Tag("InspectorExclusion", "LambdaStandardScanning") + "]}]}\n")
        .WithLedger(Ledger(Entry("function_name: orders-api", "code", "{|#0:target|}")))
        .Expect(0, "PL7003", $"Ledger entry 'orders-api' records an exclusion that is not live: {Arn("orders-api")} is deployed without the tag 'InspectorCodeExclusion: LambdaCodeScanning'; remove the entry if the exclusion has ended")
        .ExpectRelated(0, 1, $"Deployed as {Arn("orders-api")}, listed in deployed/tags.json")
        .Verify();

    [Test]
    public void ArnInAnAccountNoExportCovers_ListFunctionsOnly_AndLiveEntries_AreNotReported() => RuleTest.For<UndeployedLedgerEntryAnalyzer>()
        .WithExport("deployed/functions.json", $$"""{"Functions": [{"FunctionName": "billing", "FunctionArn": "{{Arn("billing")}}"}]}""")
        .WithExport("deployed/tags.json", Tagging((Arn("orders-api"), Tag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger(Ledger(
            Entry($"function_arn: {Arn("orders-api", "us-east-1", "444455556666")}"),
            Entry("function_name: billing"),
            Entry("function_name: orders-api")))
        .Verify();

    [Test]
    public void WithoutExports_NothingIsReported() => RuleTest.For<UndeployedLedgerEntryAnalyzer>()
        .WithLedger(Ledger(Entry("function_name: retired-job")))
        .Verify();
}
