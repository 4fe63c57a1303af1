using NUnit.Framework;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Semantics;

/// <summary><see cref="Core.Semantics.LambdaFunction.NameDependencies"/>: what makes a function's deployed name differ
/// from one stage or stack to another (what <c>ledger add</c> records by template and logical ID).</summary>
public sealed class NameDependencyTests
{
    private static IReadOnlyList<string> Dependencies(string functionName, string extra = "") =>
        Template($$"""
            Parameters:
              Stage: { Type: String, Default: dev }
              Team: { Type: String, Default: core }
            {{extra}}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: {{functionName}}
            """).Functions.Single().NameDependencies();

    [TestCase("api", new string[0])]
    [TestCase("!Sub api-${Stage}", new[] { "parameter Stage" })]
    [TestCase("!Sub ${AWS::StackName}-${Team}-${Stage}", new[] { "pseudo parameter AWS::StackName", "parameter Team", "parameter Stage" })]
    [TestCase("!Sub api-${!Stage}", new string[0])]
    [TestCase("!Sub [ 'api-${Name}', { Name: !Ref Team } ]", new[] { "parameter Team" })]
    [TestCase("!Sub [ 'api-${Stage}', { Stage: fixed } ]", new string[0])]
    [TestCase("!Sub api-${Bucket.Arn}", new string[0])]
    [TestCase("!Ref Bucket", new string[0])]
    [TestCase("!Join [ '-', [ api, !Ref AWS::Region, !Ref Stage, !Ref Stage ] ]", new[] { "pseudo parameter AWS::Region", "parameter Stage" })]
    [TestCase("!If [ IsProd, api, !Ref AWS::NoValue ]", new[] { "parameter Stage" })]
    [TestCase("!FindInMap [ Names, !Ref Stage, name ]", new[] { "parameter Stage" })]
    public void NameDependencies_AreTheParametersAndPseudoParametersTheNameRefersTo(string functionName, string[] expected)
    {
        var conditions = """
            Conditions:
              IsProd: !And [ !Equals [ !Ref Stage, prod ], { Condition: Always } ]
              Always: !Equals [ a, a ]
            Mappings:
              Names: { dev: { name: api-dev }, prod: { name: api-prod } }
            """;

        Assert.That(Dependencies(functionName, conditions), Is.EqualTo(expected));
    }

    [Test]
    public void NoFunctionName_HasNoDependency()
    {
        var template = Template("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: index.handler
            """);

        Assert.That(template.Functions.Single().NameDependencies(), Is.Empty);
    }
}
