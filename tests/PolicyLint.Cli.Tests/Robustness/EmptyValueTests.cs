using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Property: an empty string where a value was (<c>function_name: ""</c>, <c>FunctionName: ""</c>, an empty tag
/// key, an empty event pattern value…) never makes an analyzer fail: each scalar value of every sample and example case
/// ledger and template is emptied in turn, and the whole rule pack runs over the result.</summary>
public sealed class EmptyValueTests
{
    private static IEnumerable<string> Files(string name) =>
        new[] { "samples", "tests/cases" }
            .SelectMany(d => Directory.EnumerateFiles(RepositoryPaths.Get(d), name, SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<TestCaseData> Ledgers() =>
        Files("inspector-exclusions.yaml").Select(f => new TestCaseData(Path.GetRelativePath(RepositoryPaths.Root, f)));

    private static IEnumerable<TestCaseData> Templates() =>
        Files("*.yaml").Concat(Files("*.json")).Where(f => !f.EndsWith("inspector-exclusions.yaml", StringComparison.Ordinal) && !f.Contains("samconfig", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Resources", StringComparison.Ordinal))
            .Select(f => new TestCaseData(Path.GetRelativePath(RepositoryPaths.Root, f)));

    [TestCaseSource(nameof(Ledgers))]
    public void EachLedgerValueEmptied_NoAnalyzerFails(string path)
    {
        foreach (var variant in Emptied(RepositoryPaths.Get(path)))
            Assert.DoesNotThrow(() => EngineRun.LedgerFile(variant), Encoding.UTF8.GetString(variant));
    }

    [TestCaseSource(nameof(Templates))]
    public void EachTemplateValueEmptied_NoAnalyzerFails(string path)
    {
        foreach (var variant in Emptied(RepositoryPaths.Get(path)))
            Assert.DoesNotThrow(() => EngineRun.Template(Path.GetFileName(path), variant), Encoding.UTF8.GetString(variant));
    }

    /// <summary>The file once per single-line scalar value (not key), with that value replaced by <c>""</c>.</summary>
    private static IEnumerable<byte[]> Emptied(string file)
    {
        var text = File.ReadAllText(file);
        var tree = file.EndsWith(".json", StringComparison.Ordinal)
            ? JsonSyntaxParser.Parse(SourceText.From("f", text))
            : YamlSyntaxParser.Parse(SourceText.From("f", text));
        var spans = new List<TextSpan>();
        foreach (var document in tree.Documents)
            Collect(document, spans);
        foreach (var span in spans.Distinct())
        {
            var value = text[span.Start..span.End];
            if (value.Contains('\n', StringComparison.Ordinal) || value == "\"\"")
                continue;
            yield return Encoding.UTF8.GetBytes(text[..span.Start] + "\"\"" + text[span.End..]);
        }
    }

    private static void Collect(SyntaxNode? node, List<TextSpan> spans)
    {
        switch (node)
        {
            case ScalarNode { Style: not ScalarStyle.Synthetic } scalar when scalar.Span.End > scalar.Span.Start:
                spans.Add(scalar.Span);
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                    Collect(entry.Value, spans);
                break;
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                    Collect(item, spans);
                break;
        }
    }
}
