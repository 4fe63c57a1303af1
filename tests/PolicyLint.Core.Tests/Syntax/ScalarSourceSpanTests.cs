using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Syntax;

/// <summary><see cref="ScalarNode.TryGetSourceSpan"/>: where characters of a scalar's value are in the file.</summary>
public sealed class ScalarSourceSpanTests
{
    private static ScalarNode Value(string yaml, string key = "code")
    {
        var tree = yaml.TrimStart().StartsWith('{') ? JsonSyntaxParser.Parse(SourceText.From("t.json", yaml)) : YamlSyntaxParser.Parse(SourceText.From("t.yaml", yaml));
        Assert.That(tree.Problems, Is.Empty);
        return (ScalarNode)((MappingNode)tree.Documents[0]!).GetValue(key)!;
    }

    private static string SourceOf(ScalarNode scalar, string needle)
    {
        var index = scalar.Value.IndexOf(needle, StringComparison.Ordinal);
        Assert.That(scalar.TryGetSourceSpan(index, needle.Length, out var span), Is.True);
        return scalar.Tree.Source.Text[span.Start..span.End];
    }

    [TestCase("code: password = x", "password", "password")]
    [TestCase("code: 'it''s password'", "password", "password")]
    [TestCase("code: 'it''s'", "s", "s")]
    [TestCase("code: \"a\\tb \\\"q\\\" key\"", "key", "key")]
    [TestCase("code: \"a\\tb\"", "\tb", "\\tb")]
    [TestCase("code: \"\\x41\\u0042C\"", "ABC", "\\x41\\u0042C")]
    public void SingleLineScalars_MapEscapesAndQuotes(string yaml, string needle, string expected) =>
        Assert.That(SourceOf(Value(yaml), needle), Is.EqualTo(expected));

    [Test]
    public void JsonString_MapsEscapes() =>
        Assert.That(SourceOf(Value("""{"code": "import os\nKEY = \"abc\"\n"}"""), "abc\"\n"), Is.EqualTo("abc\\\"\\n"));

    [Test]
    public void LiteralBlock_MapsLineByLineWithItsIndentation()
    {
        var scalar = Value("code: |\n  first\n\n    indented = 1\r\n  last = 2\n");
        var index = scalar.Value.IndexOf("indented", StringComparison.Ordinal);
        Assert.That(scalar.TryGetSourceSpan(index, 8, out var span), Is.True);
        Assert.That(scalar.Tree.Source.GetPosition(span.Start), Is.EqualTo(new LinePosition(4, 5)));
        Assert.That(SourceOf(scalar, "last"), Is.EqualTo("last"));
        Assert.That(scalar.Tree.Source.GetPosition(scalar.TryGetSourceSpan(scalar.Value.IndexOf("last", StringComparison.Ordinal), 4, out var last) ? last.Start : 0), Is.EqualTo(new LinePosition(5, 3)));
    }

    [TestCase("code: >\n  folded\n  text\n")]
    [TestCase("code: |2\n    explicit\n")]
    [TestCase("code: plain\n  over two lines\n")]
    [TestCase("code: \"quoted\n  over two lines\"\n")]
    public void OtherScalars_CannotBeMapped(string yaml)
    {
        var scalar = Value(yaml);
        Assert.That(scalar.TryGetSourceSpan(0, 1, out _), Is.False);
    }

    [Test]
    public void OutOfRangeOrEmpty_CannotBeMapped()
    {
        var scalar = Value("code: abc");
        Assert.That(scalar.TryGetSourceSpan(2, 2, out _), Is.False);
        Assert.That(scalar.TryGetSourceSpan(0, 0, out _), Is.False);
    }

    [Test]
    public void SourceMap_LocatesEveryRangeLikeTryGetSourceSpan_AndIsCountedOncePerBuild()
    {
        var scalar = Value("code: |\n  a = 1\n  password = \"x\"\n  token = 'y'\n");
        var before = scalar.Tree.SourceMapCharacters;
        var map = scalar.GetSourceMap();

        Assert.That(map, Is.Not.Null);
        Assert.That(scalar.Tree.SourceMapCharacters - before, Is.EqualTo(scalar.Value.Length));
        foreach (var needle in new[] { "a = 1", "password", "\"x\"", "token = 'y'" })
        {
            var index = scalar.Value.IndexOf(needle, StringComparison.Ordinal);
            Assert.That(map!.TryGetSpan(index, needle.Length, out var fromMap), Is.True);
            Assert.That(scalar.TryGetSourceSpan(index, needle.Length, out var direct), Is.True);
            Assert.That(fromMap, Is.EqualTo(direct));
            Assert.That(scalar.Tree.Source.Text[fromMap.Start..fromMap.End], Is.EqualTo(needle));
        }

        Assert.That(map!.TryGetSpan(0, 0, out _), Is.False);
        Assert.That(map.TryGetSpan(scalar.Value.Length - 1, 2, out _), Is.False);
        Assert.That(map.Length, Is.EqualTo(scalar.Value.Length));
    }

    [Test]
    public void SourceMap_IsNullWhereTryGetSourceSpanGivesUp() =>
        Assert.That(Value("code: >\n  folded\n  text\n").GetSourceMap(), Is.Null);
}
