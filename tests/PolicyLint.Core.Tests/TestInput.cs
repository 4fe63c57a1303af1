using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests;

/// <summary>Builds syntax trees and templates from text written in a test, and formats locations compactly.</summary>
internal static class TestInput
{
    public static SyntaxTree Yaml(string text, ParseLimits? limits = null, string path = "template.yaml") =>
        YamlSyntaxParser.Parse(SourceText.From(path, text), limits);

    public static SyntaxTree Json(string text, ParseLimits? limits = null, string path = "template.json") =>
        JsonSyntaxParser.Parse(SourceText.From(path, text), limits);

    /// <summary>The root mapping of a YAML text that must parse without problems.</summary>
    public static MappingNode YamlRoot(string text)
    {
        var tree = Yaml(text);
        Assert.That(tree.Problems, Is.Empty, "the test input must parse cleanly");
        return (MappingNode)tree.Documents[0]!;
    }

    /// <summary>Binds a YAML template that must parse without problems.</summary>
    public static TemplateModel Template(string yaml, ResolutionSettings? settings = null)
    {
        var tree = Yaml(yaml);
        Assert.That(tree.Problems.Select(p => p.Message), Is.Empty, "the test template must parse cleanly");
        var model = TemplateModel.Bind(tree, 0, settings ?? ResolutionSettings.Default);
        Assert.That(model, Is.Not.Null, "the test input must be a template");
        return model!;
    }

    /// <summary>A copied example case file (tests read only files inside the repository).</summary>
    public static string CasePath(string relative) => RepositoryPaths.Get("tests/PolicyLint.Core.Tests/TestData/" + relative);

    public static SourceText CaseSource(string relative, string path) =>
        SourceText.Decode(path, File.ReadAllBytes(CasePath(relative)), out _);

    /// <summary><c>start-end</c> as <c>line:col-line:col</c>.</summary>
    public static string Range(Location location) => $"{location.Start}-{location.End}";

    public static string Range(SyntaxNode node) => Range(node.Location);
}
