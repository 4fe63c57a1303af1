using NUnit.Framework;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Configuration;

/// <summary>docs/conventions.md#c20: <c>.policylint.yaml</c>, then <c>.globalconfig</c>, then <c>.editorconfig</c>, then defaults; the first
/// source that sets a rule or its category decides, and within one source a per-ID setting beats a per-category one.</summary>
public sealed class SeverityPrecedenceTests
{
    private static EffectiveConfiguration Load(string? yaml = null, string? globalConfig = null, string? editorConfig = null)
    {
        using var repository = new TemporaryRepository();
        if (yaml is not null)
            repository.Write(".policylint.yaml", yaml);
        if (globalConfig is not null)
            repository.Write(".globalconfig", globalConfig);
        if (editorConfig is not null)
            repository.Write(".editorconfig", editorConfig);
        var configuration = ConfiguredRun.Load(repository.Root);
        Assert.That(ConfiguredRun.Problems(configuration), Is.Empty);
        return configuration;
    }

    private static DiagnosticSeverity? Resource(EffectiveConfiguration configuration) => configuration.SeverityOf(EveryResourceAnalyzer.Rule);

    [Test]
    public void Default_WhenNothingIsConfigured() =>
        Assert.That(Resource(Load()), Is.EqualTo(DiagnosticSeverity.Warning));

    [Test]
    public void EditorConfig_BeatsTheDefault() =>
        Assert.That(Resource(Load(editorConfig: "[*]\ndotnet_diagnostic.PL2901.severity = error\n")), Is.EqualTo(DiagnosticSeverity.Error));

    [Test]
    public void GlobalConfig_BeatsEditorConfig() =>
        Assert.That(Resource(Load(
            globalConfig: "dotnet_diagnostic.PL2901.severity = suggestion\n",
            editorConfig: "[*]\ndotnet_diagnostic.PL2901.severity = error\n")), Is.EqualTo(DiagnosticSeverity.Note));

    [Test]
    public void PolicyLintYaml_BeatsGlobalConfigAndEditorConfig() =>
        Assert.That(Resource(Load(
            yaml: "rules: { PL2901: { severity: none } }\n",
            globalConfig: "dotnet_diagnostic.PL2901.severity = suggestion\n",
            editorConfig: "[*]\ndotnet_diagnostic.PL2901.severity = error\n")), Is.Null);

    [Test]
    public void PolicyLintYaml_BeatsEditorConfig() =>
        Assert.That(Resource(Load(
            yaml: "rules: { PL2901: { severity: note } }\n",
            editorConfig: "[*]\ndotnet_diagnostic.PL2901.severity = error\n")), Is.EqualTo(DiagnosticSeverity.Note));

    [Test]
    public void LowerSource_AppliesWhenAHigherOneIsSilentOnTheRule() =>
        Assert.That(Resource(Load(
            yaml: "rules: { PL3901: { severity: error } }\n",
            editorConfig: "[*]\ndotnet_diagnostic.PL2901.severity = error\n")), Is.EqualTo(DiagnosticSeverity.Error));

    [Test]
    public void PerId_BeatsPerCategory_InPolicyLintYaml() =>
        Assert.That(Resource(Load(yaml: """
            category: { ScanCoverage: { severity: none } }
            rules: { PL2901: { severity: error } }
            """)), Is.EqualTo(DiagnosticSeverity.Error));

    [Test]
    public void PerId_BeatsPerCategory_InEditorConfig_WhateverTheOrder() =>
        Assert.That(Resource(Load(editorConfig: """
            [*]
            dotnet_diagnostic.PL2901.severity = error
            dotnet_analyzer_diagnostic.category-ScanCoverage.severity = none
            """)), Is.EqualTo(DiagnosticSeverity.Error));

    [Test]
    public void Category_AppliesToEveryRuleOfIt() =>
        Assert.That(Resource(Load(yaml: "category: { ScanCoverage: { severity: error } }\n")), Is.EqualTo(DiagnosticSeverity.Error));

    [Test]
    public void CategoryInAHigherSource_BeatsPerIdInALowerOne() =>
        Assert.That(Resource(Load(
            yaml: "category: { ScanCoverage: { severity: note } }\n",
            editorConfig: "[*]\ndotnet_diagnostic.PL2901.severity = error\n")), Is.EqualTo(DiagnosticSeverity.Note));

    [Test]
    public void DefaultInAHigherSource_RestoresTheDefaultOverALowerOne() =>
        Assert.That(Resource(Load(
            yaml: "rules: { PL2901: { severity: default } }\n",
            globalConfig: "dotnet_diagnostic.PL2901.severity = none\n")), Is.EqualTo(DiagnosticSeverity.Warning));

    [TestCase("none", null)]
    [TestCase("note", DiagnosticSeverity.Note)]
    [TestCase("warning", DiagnosticSeverity.Warning)]
    [TestCase("error", DiagnosticSeverity.Error)]
    [TestCase("default", DiagnosticSeverity.Warning)]
    public void PolicyLintYaml_SeverityWords(string word, DiagnosticSeverity? expected) =>
        Assert.That(Resource(Load(yaml: $"rules: {{ PL2901: {{ severity: {word} }} }}\n")), Is.EqualTo(expected));

    [Test]
    public void InputCategory_NeverChangesPL0001OrPL0004()
    {
        var configuration = Load(
            yaml: "category: { Input: { severity: none } }\n",
            editorConfig: "[*]\ndotnet_analyzer_diagnostic.category-Input.severity = suggestion\n");

        Assert.Multiple(() =>
        {
            Assert.That(configuration.SeverityOf(EngineDiagnostics.InvalidInput), Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(configuration.SeverityOf(EngineDiagnostics.InvalidConfiguration), Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(configuration.SeverityOf(EngineDiagnostics.Unresolved), Is.Null);
            Assert.That(configuration.SeverityOf(EngineDiagnostics.InvalidSuppression), Is.Null);
        });
    }

    [Test]
    public void SeverityOverrides_ListOnlyRulesThatDifferFromTheirDefault()
    {
        var configuration = Load(yaml: """
            rules:
              PL2901: { severity: warning }
              PL3901: { severity: none }
              PL0003: { severity: error }
            """);

        Assert.That(configuration.SeverityOverrides(ConfiguredRun.Driver().Descriptors), Is.EquivalentTo(new Dictionary<string, DiagnosticSeverity?>
        {
            ["PL3901"] = null,
            ["PL0003"] = DiagnosticSeverity.Error,
        }));
    }

    [Test]
    public void ConfiguredSeverities_ApplyToTheResults()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "rules: { PL2901: { severity: error } }\n");
        repository.Write(".editorconfig", "[*]\ndotnet_diagnostic.PL3901.severity = none\n");
        repository.Write("template.yaml", "Resources: { Queue: { Type: AWS::SQS::Queue } }\n");
        repository.Write("security/inspector-exclusions.yaml", """
            version: 1
            exclusions:
              - target: { type: lambda, function_name: worker }
                scan_type: standard
                reason: { summary: Vendor code, ticket: SEC-1 }
                owner: { team: platform, approved_by: security }
                dates: { applied_at: 2026-10-01, expires_at: 2027-03-31 }
            """);

        Assert.That(ConfiguredRun.Run(repository.Root), Is.EqualTo(new[] { "template.yaml(1,14): error PL2901: Resource 'Queue'" }));
    }
}
