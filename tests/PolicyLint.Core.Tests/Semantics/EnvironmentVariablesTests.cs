using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Semantics;

/// <summary><see cref="LambdaFunction.EnvironmentVariables"/>: own variables merged with SAM Globals as SAM merges them.</summary>
public sealed class EnvironmentVariablesTests
{
    private static TemplateModel Bind(string yaml)
    {
        var tree = YamlSyntaxParser.Parse(SourceText.From("template.yaml", yaml));
        return TemplateModel.Bind(tree, 0, ResolutionSettings.Default)!;
    }

    private static IEnumerable<string> Names(TemplateModel template, string logicalId) =>
        template.Functions.Single(f => f.LogicalId == logicalId).EnvironmentVariables.Select(v => $"{v.Name}{(v.IsInherited ? "@globals" : string.Empty)}{(v.IsConditional ? "?" : string.Empty)}");

    private const string Globals = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Environment:
              Variables: { STAGE: prod, LOG_LEVEL: info }
        """;

    [Test]
    public void MergesKeyByKey_TheFunctionWins()
    {
        var template = Bind(Globals + """

            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: { LOG_LEVEL: debug, TABLE: orders }
              NoVariables:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {}
              NoEnvironment:
                Type: AWS::Serverless::Function
            """);
        Assert.That(Names(template, "Worker"), Is.EqualTo(new[] { "STAGE@globals", "LOG_LEVEL", "TABLE" }));
        Assert.That(Names(template, "NoVariables"), Is.EqualTo(new[] { "STAGE@globals", "LOG_LEVEL@globals" }));
        Assert.That(Names(template, "NoEnvironment"), Is.EqualTo(new[] { "STAGE@globals", "LOG_LEVEL@globals" }));
    }

    [Test]
    public void AnIntrinsicFunctionReplacesTheGlobalVariables_AndBothFnIfBranchesCount()
    {
        var template = Bind(Globals + """

            Conditions:
              C: !Equals [a, b]
            Resources:
              WholeEnvironment:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: !If [C, { Variables: { A: x } }, { Variables: { B: y } }]
              VariablesOnly:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: !If [C, { A: x }, !Ref AWS::NoValue]
              Opaque:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: !Ref EnvironmentParameter
              Opted:
                Type: AWS::Serverless::Function
                IgnoreGlobals: "*"
              Plain:
                Type: AWS::Lambda::Function
                Properties:
                  Environment: { Variables: { OWN: z } }
            """);
        Assert.That(Names(template, "WholeEnvironment"), Is.EqualTo(new[] { "A?", "B?" }));
        Assert.That(Names(template, "VariablesOnly"), Is.EqualTo(new[] { "A?" }));
        Assert.That(Names(template, "Opaque"), Is.Empty);
        Assert.That(Names(template, "Opted"), Is.Empty);
        Assert.That(Names(template, "Plain"), Is.EqualTo(new[] { "OWN" }));
    }

    [Test]
    public void InheritedVariables_AreReportedAtTheLogicalId_WithTheGlobalsKeyRelated()
    {
        var template = Bind(Globals + """

            Resources:
              Worker:
                Type: AWS::Serverless::Function
            """);
        var target = template.Functions[0].EnvironmentVariables[0].Target;
        Assert.That(target.Location.Start, Is.EqualTo(new LinePosition(7, 3)));
        Assert.That(target.PropertyPath, Is.EqualTo("Properties.Environment.Variables.STAGE"));
        Assert.That(target.RelatedLocations.Single().Location.Start, Is.EqualTo(new LinePosition(5, 20)));
    }
}
