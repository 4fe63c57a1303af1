using NUnit.Framework;
using PolicyLint.Core.Semantics;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Semantics;

public sealed class TemplateModelTests
{
    [TestCase("Resources: {A: {Type: AWS::SQS::Queue}}", true)]
    [TestCase("Resources: {A: {Type: Custom::Thing}}", true)]
    [TestCase("Resources: {A: {Type: MyCompany::Thing}}", true)]
    [TestCase("Resources: {A: 1, B: {Type: X}}", true)]
    [TestCase("Resources: {A: {Type: 123}}", true)]
    [TestCase("Resources: {A: {Type: ''}}", true)]
    [TestCase("Resources: {A: {Type: }}", false)]
    [TestCase("Resources: {A: {Type: [X]}}", false)]
    [TestCase("Resources: {A: {Type: !Ref T}}", false)]
    [TestCase("Resources: {A: {Properties: {}}}", false)]
    [TestCase("Resources: {}", false)]
    [TestCase("Resources: [A]", false)]
    [TestCase("Resources: not a template", false)]
    [TestCase("resources: {A: {Type: X}}", false)]
    [TestCase("AWSTemplateFormatVersion: '2010-09-09'", false)]
    [TestCase("- Resources: {A: {Type: X}}", false)]
    [TestCase("x: {Resources: {A: {Type: X}}}", false)]
    public void IsTemplate(string yaml, bool expected)
    {
        var tree = Yaml(yaml);

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(TemplateModel.IsTemplate(tree.Documents[0]), Is.EqualTo(expected));
        });
    }

    [Test]
    public void IsTemplate_NullDocument_IsNot() => Assert.That(TemplateModel.IsTemplate(null), Is.False);

    [Test]
    public void Bind_ReadsSections()
    {
        var model = Template("""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
            Metadata: {Owner: platform}
            Parameters:
              Stage: {Type: String, Default: prod}
              Names: {Type: CommaDelimitedList}
              Untyped: {Default: x}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Mappings:
              Env: {prod: {Name: n}}
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
                Metadata: {aws:cdk:path: Stack/Queue/Resource}
              Fn:
                Type: AWS::Serverless::Function
              Plain:
                Type: AWS::Lambda::Function
              NotAResource: 1
              Fn::ForEach::Topics:
                - Name
                - [A, B]
                - Topic${Name}: {Type: AWS::SNS::Topic}
            """);
        var queue = model.GetResource("Queue")!;

        Assert.Multiple(() =>
        {
            Assert.That(model.Transforms, Is.EqualTo(new[] { "AWS::LanguageExtensions", "AWS::Serverless-2016-10-31" }));
            Assert.That(model.IsSam, Is.True);
            Assert.That(model.Metadata!.GetValue("Owner")!.AsScalar()!.Value, Is.EqualTo("platform"));
            Assert.That(model.Parameters.Keys, Is.EquivalentTo(new[] { "Stage", "Names", "Untyped" }));
            Assert.That(model.Parameters["Untyped"].Type, Is.EqualTo("String"));
            Assert.That(model.Parameters["Names"].IsList, Is.True);
            Assert.That(model.Parameters["Stage"].IsList, Is.False);
            Assert.That(model.Conditions.Keys, Is.EqualTo(new[] { "IsProd" }));
            Assert.That(model.Mappings, Is.Not.Null);
            Assert.That(model.Resources.Select(r => r.LogicalId), Is.EqualTo(new[] { "Queue", "Fn", "Plain", "TopicA", "TopicB" }), "Fn::ForEach expanded in place");
            Assert.That(model.Functions.Select(f => f.LogicalId), Is.EqualTo(new[] { "Fn", "Plain" }));
            Assert.That(model.Functions.Select(f => f.IsServerless), Is.EqualTo(new[] { true, false }));
            Assert.That(model.UnexpandedForEach, Is.Empty);
            Assert.That(queue.Condition, Is.EqualTo("IsProd"));
            Assert.That(queue.CdkPath, Is.EqualTo("Stack/Queue/Resource"));
            Assert.That(queue.LogicalLocation.FullyQualifiedName, Is.EqualTo("template.yaml#Resources/Queue"));
            Assert.That(Range(queue.Target.Location), Is.EqualTo("13:3-13:8"));
            Assert.That(Range(model.ResourcesTarget.Location), Is.EqualTo("12:1-12:10"));
            Assert.That(model.Problems, Is.Empty);
            Assert.That(model.DocumentIndex, Is.Zero);
            Assert.That(model.Path, Is.EqualTo("template.yaml"));
        });
    }

    [Test]
    public void Bind_NotATemplate_IsNull()
    {
        var tree = Yaml("on: push\njobs: {}\n");

        Assert.That(TemplateModel.Bind(tree, 0, ResolutionSettings.Default), Is.Null);
    }

    [Test]
    public void Bind_ParameterAndResourceWithOneName_IsAProblemAtTheResourceKey()
    {
        var model = Template("""
            Parameters:
              Queue: {Type: String}
            Resources:
              Queue: {Type: AWS::SQS::Queue}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(model.Problems.Select(p => $"{Range(p.Location)} {p.Message}"), Is.EqualTo(new[]
            {
                "4:3-4:8 Duplicate logical ID 'Queue': declared as a parameter (line 2) and as a resource",
            }));
            Assert.That(model.Resources.Single().LogicalId, Is.EqualTo("Queue"));
        });
    }

    [Test]
    public void Bind_RepeatedResourceKey_KeepsTheLast_AsCloudFormationDoes()
    {
        var tree = Yaml("Resources:\n  A: {Type: AWS::SQS::Queue}\n  A: {Type: AWS::SNS::Topic}\n");
        var model = TemplateModel.Bind(tree, 0, ResolutionSettings.Default)!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems.Single().Message, Is.EqualTo("Duplicate key 'A' (first defined at line 2)"));
            Assert.That(model.Resources.Single().Type, Is.EqualTo("AWS::SNS::Topic"));
            Assert.That(Range(model.Resources.Single().Entry.Key), Is.EqualTo("3:3-3:4"), "the definition in effect");
            Assert.That(model.Problems, Is.Empty, "the parser already reported the repeat");
        });
    }

    [Test]
    public void Bind_ResourcesThroughMergeKeys()
    {
        var model = Template("""
            Shared: &shared
              Queue: {Type: AWS::SQS::Queue}
            Resources:
              <<: *shared
              Fn: {Type: AWS::Lambda::Function}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(model.Resources.Select(r => r.LogicalId), Is.EqualTo(new[] { "Fn", "Queue" }));
            Assert.That(Range(model.GetResource("Queue")!.Entry.KeyLocation), Is.EqualTo("4:3-4:5"));
        });
    }

    [Test]
    public void Bind_SecondDocumentOfAStream()
    {
        var tree = Yaml("kind: ConfigMap\n---\nResources: {A: {Type: AWS::SQS::Queue}}\n");

        Assert.Multiple(() =>
        {
            Assert.That(TemplateModel.Bind(tree, 0, ResolutionSettings.Default), Is.Null);
            Assert.That(TemplateModel.Bind(tree, 1, ResolutionSettings.Default)!.DocumentIndex, Is.EqualTo(1));
        });
    }
}
