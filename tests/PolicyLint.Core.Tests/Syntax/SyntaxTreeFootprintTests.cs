using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Syntax;

/// <summary>
/// What a syntax tree holds (issue 15): every tree of a run stays live until the run ends, so its nodes are kept small
/// and a text repeated in one file is kept once. Counted in bytes and string instances, never timed.
/// </summary>
public sealed class SyntaxTreeFootprintTests
{
    private const string ThreeFunctions = """
        Resources:
          A:
            Type: AWS::Serverless::Function
            Properties: {Handler: app.handler, Runtime: python3.12, Role: !Ref Role}
          B:
            Type: AWS::Serverless::Function
            Properties: {Handler: app.handler, Runtime: python3.12, Role: !Ref Role}
          C:
            Type: "AWS::Serverless::Function"
            Properties: {Handler: 'app.handler', Runtime: python3.12, Role: !Ref Role}
        """;

    [Test]
    public void Yaml_EqualScalarTexts_AreOneStringInstance()
    {
        var tree = Yaml(ThreeFunctions);

        var scalars = Scalars(tree.Documents[0]!).ToList();
        var texts = scalars.Select(s => s.Value).Distinct(StringComparer.Ordinal).Count();
        var instances = scalars.Select(s => s.Value).Distinct(ReferenceEqualityComparer.Instance).Count();

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            // Resources, A, B, C, Type, the type, Properties, Handler, app.handler, Runtime, python3.12, Role, Fn::Ref's
            // long name Ref (the static short-form table's string) and the referenced Role (the key's string).
            Assert.That(texts, Is.EqualTo(13));
            Assert.That(instances, Is.EqualTo(texts), "quoted or not, a text met again is the string met first");
        });
    }

    [Test]
    public void Json_EqualScalarTexts_AreOneStringInstance()
    {
        var tree = Json("""{"Resources": {"A": {"Type": "T", "Properties": {"N": 1, "M": true}}, "B": {"Type": "T", "Properties": {"N": 1, "M": true}}}}""");

        var scalars = Scalars(tree.Documents[0]!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(scalars, Has.Count.EqualTo(17));
            // Resources, A, B, Type, T, Properties, N, 1, M, true: numbers and literals too.
            Assert.That(scalars.Select(s => s.Value).Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(10));
            Assert.That(scalars.Select(s => s.Value).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(10));
        });
    }

    [Test]
    public void LongScalarTexts_AreNotLookedUp()
    {
        var long1 = new string('x', ScalarValueTable.MaxSharedLength + 1);
        var root = YamlRoot($"a: {long1}\nb: {long1}\nc: {long1[1..]}\nd: {long1[1..]}\n");

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("a")!.AsScalar()!.Value, Is.Not.SameAs(root.GetValue("b")!.AsScalar()!.Value));
            Assert.That(root.GetValue("c")!.AsScalar()!.Value, Is.SameAs(root.GetValue("d")!.AsScalar()!.Value), "64 characters are shared");
        });
    }

    [Test]
    public void Yaml_CollectionFrames_AreAsManyAsTheFileNestsDeep_NotOnePerCollection()
    {
        // 200 functions, each a mapping holding mappings and sequences: about 1,000 collections, 5 levels deep at most.
        var text = "Resources:\n" + string.Concat(Enumerable.Range(0, 200).Select(i =>
            $"  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Tags: {{a: b}}\n      Layers: [x, y]\n      Events:\n        E: {{Type: Api}}\n"));

        var before = YamlSyntaxParser.FramesCreatedOnThisThread;
        var tree = Yaml(text);
        var created = YamlSyntaxParser.FramesCreatedOnThisThread - before;
        var again = YamlSyntaxParser.FramesCreatedOnThisThread;
        Yaml(text);

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(created, Is.LessThanOrEqualTo(6), "frames are reused as collections close");
            Assert.That(YamlSyntaxParser.FramesCreatedOnThisThread - again, Is.Zero, "and by the next file parsed on the thread");
        });
    }

    [Test]
    public void Yaml_ScalarTable_IsPerFile_WhenReused()
    {
        var first = YamlRoot("a: shared-text\n");
        var second = YamlRoot("b: shared-text\n");

        Assert.That(second.GetValue("b")!.AsScalar()!.Value, Is.Not.SameAs(first.GetValue("a")!.AsScalar()!.Value),
            "a text is shared within one file only: the reused table holds nothing of the file before");
    }

    [Test]
    public void ScalarTable_Clear_ForgetsEveryText_AndLetsALargeTableGo()
    {
        var table = new ScalarValueTable();
        for (var i = 0; i <= ScalarValueTable.KeptCount; i++)
            table.Share(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = new string('t', 3);
        table.Share(text);

        table.Clear();

        Assert.Multiple(() =>
        {
            Assert.That(table.Count, Is.Zero);
            Assert.That(table.Share(new string('t', 3)), Is.Not.SameAs(text));
        });
    }

    [Test]
    public void ScalarNode_Takes48Bytes_OnA64BitProcess()
    {
        Assume.That(Environment.Is64BitProcess, Is.True);
        var tree = Yaml("a: b\n");
        var nodes = new ScalarNode[1000];
        var value = "v";

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < nodes.Length; i++)
            nodes[i] = new ScalarNode(tree, new TextSpan(i, i + 1), value, ScalarStyle.Plain);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // Object header and method table (16), tree, value, span (24), style and flags (3, padded): no tag, subtree size
        // or expansion cost per scalar.
        Assert.That(bytes / nodes.Length, Is.EqualTo(48));
    }

    [Test]
    public void Tags_AreKeptByTheTree_ForTheFewNodesThatHaveOne()
    {
        var tree = Yaml("a: !!str 1\nb: !Custom {x: 1}\nc: !Other [1]\nd: plain\ne: &anchor !!int 2\nf: *anchor\n");
        var root = (MappingNode)tree.Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("a")!.Tag, Is.EqualTo("tag:yaml.org,2002:str"));
            Assert.That(root.GetValue("b")!.Tag, Is.EqualTo("!Custom"));
            Assert.That(root.GetValue("c")!.Tag, Is.EqualTo("!Other"));
            Assert.That(root.GetValue("d")!.Tag, Is.Null);
            Assert.That(root.GetValue("e")!.Tag, Is.EqualTo("tag:yaml.org,2002:int"));
            Assert.That(root.Find("f")!.RawValue.Tag, Is.Null, "an alias has no tag of its own");
            Assert.That(root.GetValue("f")!.Tag, Is.EqualTo("tag:yaml.org,2002:int"));
            Assert.That(((ScalarNode)root.GetValue("a")!).WithGeneratedValue("2").Tag, Is.EqualTo("tag:yaml.org,2002:str"), "a generated copy keeps the tag");
        });
    }

    private static IEnumerable<ScalarNode> Scalars(SyntaxNode node)
    {
        switch (node)
        {
            case ScalarNode scalar:
                yield return scalar;
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                {
                    foreach (var s in Scalars(entry.Key).Concat(Scalars(entry.RawValue)))
                        yield return s;
                }

                break;
            case SequenceNode sequence:
                foreach (var s in sequence.Items.SelectMany(Scalars))
                    yield return s;
                break;
        }
    }
}
