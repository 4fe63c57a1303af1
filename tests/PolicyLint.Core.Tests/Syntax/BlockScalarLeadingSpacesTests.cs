using NUnit.Framework;
using PolicyLint.Core.Syntax;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Syntax;

/// <summary>
/// A literal block scalar whose leading empty lines hold spaces (no more than its content's indentation) is valid
/// YAML 1.2 (§8.1.1.1) that YamlDotNet rejects (aaubry/YamlDotNet#523); the parser reads it, with every position
/// in the file unchanged and every value the one PyYAML gives (the values below are PyYAML 6's, checked by hand).
/// </summary>
public sealed class BlockScalarLeadingSpacesTests
{
    [TestCase("a: |\n    \n    x\nb: 1\n", "\nx\n", TestName = "As many spaces as the content")]
    [TestCase("a: |\n  \n    x\nb: 1\n", "\nx\n", TestName = "Fewer spaces than the content")]
    [TestCase("a: |\n  \n    \n    x\nb: 1\n", "\n\nx\n", TestName = "Two such lines")]
    [TestCase("a: |+\n    \n    x\nb: 1\n", "\nx\n", TestName = "Keep chomping")]
    [TestCase("a: |-\n    \n    x\nb: 1\n", "\nx", TestName = "Strip chomping")]
    [TestCase("a: | # comment\n    \n    x\nb: 1\n", "\nx\n", TestName = "Comment after the indicator")]
    [TestCase("a: |\r\n    \r\n    x\r\nb: 1\r\n", "\nx\n", TestName = "CRLF line ends")]
    [TestCase("a: |\n    \n\n    x\n      y\nb: 1\n", "\n\nx\n  y\n", TestName = "Then an empty line and a more indented line")]
    public void LeadingSpaceOnlyLines_AreEmptyLines_AndPositionsAreUnchanged(string yaml, string expected)
    {
        var tree = Yaml(yaml);
        var root = (MappingNode)tree.Documents[0]!;
        var b = root.Find("b")!;
        var lineOfB = yaml.Split('\n').ToList().FindIndex(l => l.StartsWith("b:", StringComparison.Ordinal)) + 1;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(((ScalarNode)root.GetValue("a")!).Value, Is.EqualTo(expected));
            Assert.That(Range(root.Find("a")!.Value).Split('-')[0], Is.EqualTo("1:4"), "the scalar starts at its indicator");
            Assert.That(Range(b.Key), Is.EqualTo($"{lineOfB}:1-{lineOfB}:2"));
            Assert.That(Range(b.Value), Is.EqualTo($"{lineOfB}:4-{lineOfB}:5"));
        });
    }

    [Test]
    public void InASequence_AndSeveralBlockScalarsInOneFile()
    {
        var tree = Yaml("- |\n    \n    one\n- k: |\n      \n      two\n  after: &x |\n      \n      three\n- *x\n");
        var items = (SequenceNode)tree.Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(((ScalarNode)items[0]).Value, Is.EqualTo("\none\n"));
            Assert.That(((ScalarNode)((MappingNode)items[1]).GetValue("k")!).Value, Is.EqualTo("\ntwo\n"));
            Assert.That(((ScalarNode)((MappingNode)items[1]).GetValue("after")!).Value, Is.EqualTo("\nthree\n"));
            Assert.That(Range(((MappingNode)items[1]).Find("after")!.Key), Is.EqualTo("7:3-7:8"));
            Assert.That(Range(items.Items[2]), Is.EqualTo("10:3-10:5"), "the alias after the third block scalar");
        });
    }

    [Test]
    public void LiteralSpanMapping_StillFindsTheTextInTheFile()
    {
        var tree = Yaml("Code:\n  ZipFile: |\n    \n    import os\n    password = 'x'\n");
        var code = (ScalarNode)((MappingNode)((MappingNode)tree.Documents[0]!).GetValue("Code")!).GetValue("ZipFile")!;
        var at = code.Value.IndexOf("password", StringComparison.Ordinal);

        Assert.That(code.TryGetSourceSpan(at, 8, out var span), Is.True);
        Assert.That(Range(new PolicyLint.Core.Text.Location(tree.Source, span)), Is.EqualTo("5:5-5:13"));
    }

    [Test]
    public void MoreSpacesThanTheContent_IsStillAnError()
    {
        // yaml-test-suite W9L4: a leading empty line may not hold more spaces than the first non-empty line.
        var tree = Yaml("a: |\n      \n    x\n");

        Assert.That(tree.Problems.Select(p => $"{Range(p.Location)} {p.Message}"), Is.EqualTo(new[]
        {
            "3:1-3:2 Invalid YAML: while scanning a literal block scalar, found extra spaces in first line",
        }));
    }

    [Test]
    public void AnErrorAfterTheWorkaround_IsLocatedAsInTheSameFileWithoutTheSpaces()
    {
        var withSpaces = Yaml("a: |\n    \n    x\nb: c: d\n");
        var withoutSpaces = Yaml("a: |\n\n    x\nb: c: d\n");

        Assert.That(withSpaces.Problems.Select(p => $"{Range(p.Location)} {p.Message}"), Is.EqualTo(withoutSpaces.Problems.Select(p => $"{Range(p.Location)} {p.Message}")));
        Assert.That(withSpaces.Problems.Single().Location.Start.Line, Is.EqualTo(4));
    }

    [Test]
    public void ManyBlockScalars_AreBoundedScans_ThenTheErrorIsReported()
    {
        var yaml = string.Concat(Enumerable.Range(0, BlockScalarLeadingSpaces.MaxBlockScalars + 1).Select(i => $"k{i}: |\n  \n  v\n"));
        var tree = Yaml(yaml);

        Assert.That(tree.Problems.Select(p => p.Location.Start.Line), Is.EqualTo(new[] { (BlockScalarLeadingSpaces.MaxBlockScalars * 3) + 3 }));
    }
}
