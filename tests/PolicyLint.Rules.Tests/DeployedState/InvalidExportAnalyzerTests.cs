using NUnit.Framework;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Testing;
using static PolicyLint.Rules.Tests.DeployedState.DeployedExports;

namespace PolicyLint.Rules.Tests.DeployedState;

public sealed class InvalidExportAnalyzerTests
{
    [Test]
    public void Reports_ForeignDocument_AndOtherResourceTypes_AndKeepsTheRest() => RuleTest.For<InvalidExportAnalyzer>()
        .WithExport("deployed/stacks.json", "{|#0:{|}\"StackSummaries\": []}\n")
        .WithExport("deployed/tags.json", "{\"ResourceTagMappingList\": [{\"ResourceARN\": {|#1:\"arn:aws:sqs:eu-west-1:111122223333:queue\"|}, \"Tags\": []}]}\n")
        .Expect(0, "PL7006", "Page 1 is not an export PolicyLint reads: it has the keys 'StackSummaries', and none of 'coveredResources' (aws inspector2 list-coverage), 'ResourceTagMappingList' (aws resourcegroupstaggingapi get-resources) or 'Functions' (aws lambda list-functions)")
        .Expect(1, "PL7006", "This record is 'arn:aws:sqs:eu-west-1:111122223333:queue', not a Lambda function: PolicyLint reads Lambda functions only; export with --resource-type-filters lambda:function")
        .Verify();

    [Test]
    public void TruncatedExport_IsPl0001_NotPl7006() => RuleTest.For<InvalidExportAnalyzer>()
        .WithExport("deployed/tags.json", "{\"ResourceTagMappingList\": [{|PL0001:|}")
        .Verify();

    [Test]
    public void TruncatedExport_DoesNotHideTheOtherExports() => RuleTest.ForAll()
        .WithExport("deployed/a.json", "{\"Functions\": [{|PL0001:|}")
        .WithExport("deployed/b.json", "{\"ResourceTagMappingList\": [{\"ResourceARN\": \"" + Arn("x") + "\", \"Tags\": [" + MarkedTag("InspectorExclusion", "LambdaStandardScanning") + "]}]}\n")
        .Expect(0, "PL7001")
        .Expect(0, "PL7002")
        .Verify();
}
