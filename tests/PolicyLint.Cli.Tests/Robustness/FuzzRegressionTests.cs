using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Every input the fuzzer (tests/fuzz) found failing, kept under tests/fuzz/regressions/TARGET/, runs here on
/// every test run: it must not throw and must report locations inside its file.</summary>
public sealed class FuzzRegressionTests
{
    private static IEnumerable<TestCaseData> Inputs() =>
        Directory.EnumerateFiles(RepositoryPaths.Get("tests/fuzz/regressions"), "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(f)!), Path.GetFileName(f)).SetName($"{{m}}({Path.GetFileName(Path.GetDirectoryName(f)!)}/{Path.GetFileName(f)})"));

    [TestCaseSource(nameof(Inputs))]
    public void FuzzFinding_IsHandled(string target, string file)
    {
        var bytes = File.ReadAllBytes(RepositoryPaths.Get("tests/fuzz/regressions", target, file));
        var diagnostics = target switch
        {
            "template-json" => EngineRun.Template("template.json", bytes),
            "template-yaml" => EngineRun.Template("template.yaml", bytes),
            "ledger" => EngineRun.LedgerFile(bytes),
            "config" => EngineRun.Configured(".policylint.yaml", bytes),
            "editorconfig" => EngineRun.Configured(".editorconfig", bytes),
            "samconfig-toml" => EngineRun.Configured("samconfig.toml", bytes),
            "samconfig-yaml" => EngineRun.Configured("samconfig.yaml", bytes),
            "deployed-export" => EngineRun.DeployedExport(bytes),
            _ => throw new AssertionException($"unknown fuzz target folder '{target}'"),
        };

        // A seed (a valid example kept so that the folder is not empty) must load without input or configuration errors,
        // so that the fuzzer starts from inputs that reach the rules.
        if (file.StartsWith("seed-", StringComparison.Ordinal))
            Assert.That(diagnostics.Where(d => d.Id is "PL0001" or "PL0004" or "PL7006").Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void UnescapedLineBreakAtTheEndOfAJsonFile_IsPL0001OnTheLastLine()
    {
        var diagnostics = EngineRun.Template("template.json", "{\n  \"Resources\": \"abc\n"u8.ToArray());

        var pl0001 = diagnostics.Single(d => d.Id == "PL0001");
        Assert.That((pl0001.Location.Start.Line, pl0001.Location.Start.Column, pl0001.Location.End.Line, pl0001.Location.End.Column), Is.EqualTo((2, 20, 2, 20)));
    }

    [Test]
    public void UnescapedCarriageReturnBeforeALineFeed_IsAtTheEndOfItsLine()
    {
        var diagnostics = EngineRun.Template("template.json", "{\n  \"Resources\": \"abc\r\n\"}\n"u8.ToArray());

        var pl0001 = diagnostics.Single(d => d.Id == "PL0001");
        Assert.That((pl0001.Location.Start.Line, pl0001.Location.Start.Column, pl0001.Location.End.Line, pl0001.Location.End.Column), Is.EqualTo((2, 20, 3, 1)));
    }
}
