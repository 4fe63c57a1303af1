using NUnit.Framework;
using PolicyLint.Core.Syntax;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Semantics;

/// <summary>Fn::ForEach under Resources (AWS::LanguageExtensions), expanded when its collection is static: AWS
/// CloudFormation Template Reference, "Fn::ForEach".</summary>
public sealed class ForEachExpanderTests
{
    [Test]
    public void StaticList_GeneratesOneResourcePerValue_LocatedInTheLoopsTemplate()
    {
        var model = Template("""
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Exporters:
                - Feed
                - [orders, refunds]
                - ${Feed}ExportFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      FunctionName: !Sub "export-${Feed}"
                      Description: !Ref Feed
                      Tags:
                        - Key: feed
                          Value: "&{Feed}"
            """);

        Assert.Multiple(() =>
        {
            Assert.That(model.Functions.Select(f => f.LogicalId), Is.EqualTo(new[] { "ordersExportFunction", "refundsExportFunction" }));
            Assert.That(model.Functions.Select(f => f.StaticName), Is.EqualTo(new[] { "export-orders", "export-refunds" }));
            Assert.That(model.Functions.Select(f => Range(f.Resource.Entry.Key)), Is.All.EqualTo("6:7-6:28"), "at the OutputKey as written");
            Assert.That(model.Functions.Select(f => model.Resolver.Resolve(f.Resource.Properties!.GetValue("Description")!).TryGetString(out var d) ? d : "?"), Is.EqualTo(new[] { "orders", "refunds" }));
            Assert.That(model.Functions.Select(f => Range(f.Tags.Single().KeyNode)), Is.All.EqualTo("12:20-12:24"));
            Assert.That(model.UnexpandedForEach, Is.Empty);
        });
    }

    [Test]
    public void NestedLoops_AndACollectionFromACommaDelimitedListParameter_AndNonAlphanumericValues()
    {
        var model = Template("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Stages: { Type: CommaDelimitedList, Default: "dev,prod-eu" }
            Resources:
              Fn::ForEach::Stages:
                - Stage
                - !Ref Stages
                - Fn::ForEach::Roles:
                    - Role
                    - [api, worker]
                    - "&{Stage}${Role}":
                        Type: AWS::Lambda::Function
                        Properties:
                          FunctionName: !Sub "${Role}-${Stage}"
            """);

        Assert.That(model.Functions.Select(f => $"{f.LogicalId} {f.StaticName}"), Is.EqualTo(new[]
        {
            "devapi api-dev", "devworker worker-dev", "prodeuapi api-prod-eu", "prodeuworker worker-prod-eu",
        }));
    }

    [Test]
    public void CollectionThatCannotBeKnown_IsNotExpanded_WithTheReason()
    {
        var model = Template("""
            Transform: AWS::LanguageExtensions
            Parameters:
              Feeds: { Type: CommaDelimitedList }
            Resources:
              Fn::ForEach::Exporters:
                - Feed
                - !Ref Feeds
                - ${Feed}Function:
                    Type: AWS::Lambda::Function
              Plain:
                Type: AWS::Lambda::Function
            """);

        Assert.Multiple(() =>
        {
            Assert.That(model.Functions.Select(f => f.LogicalId), Is.EqualTo(new[] { "Plain" }));
            Assert.That(model.UnexpandedForEach.Select(u => $"{u.Entry.KeyText}: {u.Reason}"), Is.EqualTo(new[]
            {
                "Fn::ForEach::Exporters: its collection cannot be known offline: parameter 'Feeds' has no default",
            }));
        });
    }

    [Test]
    public void GeneratedScalars_DoNotClaimASourceSpan()
    {
        var model = Template("""
            Resources:
              Fn::ForEach::Workers:
                - Name
                - [a]
                - ${Name}Worker:
                    Type: AWS::Lambda::Function
                    Properties: { FunctionName: "${Name}-worker" }
            """);
        var name = (ScalarNode)model.Functions.Single().FunctionName!.Value;

        Assert.That(name.IsGenerated, Is.True);
        Assert.That(name.TryGetSourceSpan(0, 1, out _), Is.False);
    }
}
