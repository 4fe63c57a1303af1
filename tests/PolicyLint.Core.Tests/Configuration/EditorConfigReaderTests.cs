using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Configuration;

public sealed class EditorConfigReaderTests
{
    private static DiagnosticSeverity? SeverityIn(string file, string text)
    {
        using var repository = new TemporaryRepository();
        repository.Write(file, text);
        var configuration = ConfiguredRun.Load(repository.Root);
        Assert.That(ConfiguredRun.Problems(configuration), Is.Empty);
        return configuration.SeverityOf(EveryResourceAnalyzer.Rule);
    }

    private static IReadOnlyList<string> ProblemsIn(string file, string text)
    {
        using var repository = new TemporaryRepository();
        repository.Write(file, text);
        return ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root));
    }

    [TestCase("error", DiagnosticSeverity.Error)]
    [TestCase("warning", DiagnosticSeverity.Warning)]
    [TestCase("suggestion", DiagnosticSeverity.Note)]
    [TestCase("silent", null)]
    [TestCase("none", null)]
    [TestCase("default", DiagnosticSeverity.Warning)]
    [TestCase("ERROR", DiagnosticSeverity.Error)]
    public void MapsRoslynSeverities(string value, DiagnosticSeverity? expected)
    {
        Assert.That(SeverityIn(".editorconfig", $"[*]\ndotnet_diagnostic.PL2901.severity = {value}\n"), Is.EqualTo(expected));
        Assert.That(SeverityIn(".globalconfig", $"is_global = true\ndotnet_diagnostic.PL2901.severity = {value}\n"), Is.EqualTo(expected));
    }

    [Test]
    public void EditorConfig_ReadsTheGlobalSectionAndStarOnly()
    {
        Assert.That(SeverityIn(".editorconfig", "root = true\ndotnet_diagnostic.PL2901.severity = error\n"), Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(SeverityIn(".editorconfig", "[*.yaml]\ndotnet_diagnostic.PL2901.severity = error\n"), Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(SeverityIn(".editorconfig", "[*]\ndotnet_diagnostic.PL2901.severity = error\n[*.cs]\ndotnet_diagnostic.PL2901.severity = none\n"), Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void EditorConfig_LaterSettingInTheFileWins() =>
        Assert.That(SeverityIn(".editorconfig", "dotnet_diagnostic.PL2901.severity = error\n[*]\ndotnet_diagnostic.PL2901.severity = suggestion\n"), Is.EqualTo(DiagnosticSeverity.Note));

    [Test]
    public void GlobalConfig_ReadsTheGlobalSectionOnly() =>
        Assert.That(SeverityIn(".globalconfig", "is_global = true\n[*]\ndotnet_diagnostic.PL2901.severity = error\n"), Is.EqualTo(DiagnosticSeverity.Warning));

    [Test]
    public void ReadsIdsAndCategoriesCaseInsensitivelyAsRoslynDoes()
    {
        Assert.That(SeverityIn(".editorconfig", "[*]\ndotnet_diagnostic.pl2901.severity = error\n"), Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(SeverityIn(".editorconfig", "[*]\ndotnet_analyzer_diagnostic.category-scancoverage.severity = error\n"), Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void ReadsCategorySeverities() =>
        Assert.That(SeverityIn(".globalconfig", "dotnet_analyzer_diagnostic.category-ScanCoverage.severity = suggestion # quieter\n"), Is.EqualTo(DiagnosticSeverity.Note));

    [Test]
    public void IgnoresOtherAnalyzersKeysAndCategories() =>
        Assert.That(ProblemsIn(".editorconfig", """
            root = true
            [*]
            indent_style = space
            dotnet_diagnostic.CA1000.severity = none
            dotnet_diagnostic.IDE0079.severity = bogus
            dotnet_diagnostic.PLC0414.severity = bogus
            dotnet_analyzer_diagnostic.category-Design.severity = warning
            dotnet_analyzer_diagnostic.severity = none
            dotnet_diagnostic.severity = none
            ; a comment
            # another
            [*.cs]
            dotnet_diagnostic.PL9999.severity = error
            """), Is.Empty);

    [Test]
    public void Reports_UnknownPolicyLintId()
    {
        Assert.That(ProblemsIn(".editorconfig", "[*]\n  dotnet_diagnostic.PL9999.severity = error\n"), Is.EqualTo(new[]
        {
            ".editorconfig(2,3): Unknown rule ID 'PL9999' in dotnet_diagnostic.PL9999.severity",
        }));
        Assert.That(ProblemsIn(".globalconfig", "is_global = true\ndotnet_diagnostic.pl9999.severity = error\n"), Is.EqualTo(new[]
        {
            ".globalconfig(2,1): Unknown rule ID 'PL9999' in dotnet_diagnostic.pl9999.severity",
        }));
    }

    [TestCase("PL0001")]
    [TestCase("PL0004")]
    public void Reports_ASeverityForAnUnconfigurableId(string id) =>
        Assert.That(ProblemsIn(".globalconfig", $"dotnet_diagnostic.{id}.severity = none\n"), Is.EqualTo(new[]
        {
            $".globalconfig(1,1): The severity of {id} cannot be changed",
        }));

    [Test]
    public void Reports_ABadSeverityMasked() =>
        Assert.That(ProblemsIn(".editorconfig", "[*]\ndotnet_diagnostic.PL2901.severity = sk-live-4eC39HqLyjWDarjtT1zdp7dc\n"), Is.EqualTo(new[]
        {
            ".editorconfig(2,37): Severity 'sk-l…' (32 characters) is not one of error, warning, suggestion, silent, none, default",
        }));

    [TestCase("note", "'note'")]
    [TestCase("info", "'info'")]
    [TestCase("hidden", "'hidd…' (6 characters)")]
    [TestCase("", "''")]
    public void Reports_ABadSeverityWordAtTheValue(string value, string shown) =>
        Assert.That(ProblemsIn(".editorconfig", $"[*]\ndotnet_diagnostic.PL2901.severity =  {value}\n"), Is.EqualTo(new[]
        {
            $".editorconfig(2,38): Severity {shown} is not one of error, warning, suggestion, silent, none, default",
        }));

    [Test]
    public void Reports_ABadSeverityWordOfACategory() =>
        Assert.That(ProblemsIn(".globalconfig", "dotnet_analyzer_diagnostic.category-LedgerHygiene.severity = loud\n"), Is.EqualTo(new[]
        {
            ".globalconfig(1,62): Severity 'loud' is not one of error, warning, suggestion, silent, none, default",
        }));
}
