using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Syntax;

public sealed class YamlSyntaxParserTests
{
    private static IEnumerable<TestCaseData> AllShortFormTags() =>
        ShortFormTags.All.Select(tag => new TestCaseData(tag, ShortFormTags.GetLongName(tag)).SetArgDisplayNames(tag));

    [TestCaseSource(nameof(AllShortFormTags))]
    public void ShortFormTag_OnScalar_BecomesLongFormMapping(string tag, string longName)
    {
        var root = YamlRoot($"k: {tag} v\n");
        var call = (MappingNode)root.GetValue("k")!;
        var entry = call.Entries.Single();
        var valueColumn = 5 + tag.Length;

        Assert.Multiple(() =>
        {
            Assert.That(call.IsShortFormIntrinsic, Is.True);
            Assert.That(entry.KeyText, Is.EqualTo(longName));
            Assert.That(((ScalarNode)entry.Key).Style, Is.EqualTo(ScalarStyle.Synthetic));
            Assert.That(Range(entry.Key), Is.EqualTo($"1:4-1:{4 + tag.Length}"), "the key is located at the tag");
            Assert.That(entry.RawValue, Is.TypeOf<ScalarNode>());
            Assert.That(((ScalarNode)entry.RawValue).Value, Is.EqualTo("v"));
            Assert.That(entry.RawValue.Tag, Is.Null, "the value keeps no tag");
            Assert.That(Range(entry.RawValue), Is.EqualTo($"1:{valueColumn}-1:{valueColumn + 1}"));
            Assert.That(Range(call), Is.EqualTo($"1:4-1:{valueColumn + 1}"));
        });
    }

    [Test]
    public void ShortFormSub_QuotedString_ValueSpanIncludesQuotes()
    {
        var root = YamlRoot("Name: !Sub \"x-${Stage}\"\n");
        var entry = ((MappingNode)root.GetValue("Name")!).Entries[0];

        Assert.Multiple(() =>
        {
            Assert.That(entry.KeyText, Is.EqualTo("Fn::Sub"));
            Assert.That(Range(entry.Key), Is.EqualTo("1:7-1:11"));
            Assert.That(((ScalarNode)entry.Value).Value, Is.EqualTo("x-${Stage}"));
            Assert.That(((ScalarNode)entry.Value).Style, Is.EqualTo(ScalarStyle.DoubleQuoted));
            Assert.That(Range(entry.Value), Is.EqualTo("1:12-1:24"));
        });
    }

    [Test]
    public void ShortFormGetAtt_DottedString_StaysOneScalar()
    {
        var root = YamlRoot("Arn: !GetAtt KeyStack.Outputs.KeyArn\n");
        var entry = ((MappingNode)root.GetValue("Arn")!).Entries[0];

        Assert.Multiple(() =>
        {
            Assert.That(entry.KeyText, Is.EqualTo("Fn::GetAtt"));
            Assert.That(((ScalarNode)entry.Value).Value, Is.EqualTo("KeyStack.Outputs.KeyArn"));
            Assert.That(Range(entry.Value), Is.EqualTo("1:14-1:37"));
        });
    }

    [Test]
    public void ShortFormSub_ListForm_IsASequenceOfStringAndVariables()
    {
        var root = YamlRoot("""
            Name: !Sub
              - "${Prefix}-fn"
              - Prefix: orders
            """);
        var call = (MappingNode)root.GetValue("Name")!;
        var arguments = (SequenceNode)call.Entries[0].Value;

        Assert.Multiple(() =>
        {
            Assert.That(call.Entries[0].KeyText, Is.EqualTo("Fn::Sub"));
            Assert.That(Range(call.Entries[0].Key), Is.EqualTo("1:7-1:11"));
            Assert.That(arguments.Count, Is.EqualTo(2));
            Assert.That(((ScalarNode)arguments[0]).Value, Is.EqualTo("${Prefix}-fn"));
            Assert.That(((MappingNode)arguments[1]).GetValue("Prefix")!.AsScalar()!.Value, Is.EqualTo("orders"));
            Assert.That(Range(arguments), Is.EqualTo("2:3-3:19"), "a block sequence runs from its first '-' to the end of its last item");
            Assert.That(arguments.Tag, Is.Null);
        });
    }

    [Test]
    public void ShortFormTag_OnFlowSequence_And_OnMapping()
    {
        var root = YamlRoot("""
            A: !If [IsProd, a, b]
            B: !Transform {Name: AWS::Include, Parameters: {Location: s3://bucket/x.yaml}}
            """);
        var ifCall = (MappingNode)root.GetValue("A")!;
        var transform = (MappingNode)root.GetValue("B")!;

        Assert.Multiple(() =>
        {
            Assert.That(ifCall.Entries[0].KeyText, Is.EqualTo("Fn::If"));
            Assert.That(Range(ifCall.Entries[0].Key), Is.EqualTo("1:4-1:7"));
            Assert.That(ifCall.Entries[0].Value, Is.TypeOf<SequenceNode>());
            Assert.That(Range(ifCall.Entries[0].Value), Is.EqualTo("1:8-1:22"));
            Assert.That(Range(ifCall), Is.EqualTo("1:4-1:22"));
            Assert.That(transform.Entries[0].KeyText, Is.EqualTo("Fn::Transform"));
            Assert.That(Range(transform.Entries[0].Key), Is.EqualTo("2:4-2:14"));
            Assert.That(((MappingNode)transform.Entries[0].Value).GetValue("Name")!.AsScalar()!.Value, Is.EqualTo("AWS::Include"));
        });
    }

    [Test]
    public void ShortFormTags_Nested_EachBecomesLongForm()
    {
        var root = YamlRoot("V: !Join ['-', [!Ref Stage, !GetAtt Fn.Arn]]\n");
        var join = (MappingNode)root.GetValue("V")!;
        var list = (SequenceNode)((SequenceNode)join.Entries[0].Value)[1];
        var reference = (MappingNode)list[0];
        var getAtt = (MappingNode)list[1];

        Assert.Multiple(() =>
        {
            Assert.That(join.Entries[0].KeyText, Is.EqualTo("Fn::Join"));
            Assert.That(reference.Entries[0].KeyText, Is.EqualTo("Ref"));
            Assert.That(Range(reference.Entries[0].Key), Is.EqualTo("1:17-1:21"));
            Assert.That(Range(reference.Entries[0].Value), Is.EqualTo("1:22-1:27"));
            Assert.That(getAtt.Entries[0].KeyText, Is.EqualTo("Fn::GetAtt"));
            Assert.That(Range(getAtt.Entries[0].Key), Is.EqualTo("1:29-1:36"));
        });
    }

    [Test]
    public void AnchoredShortForm_KeyIsLocatedAtTheTagNotTheAnchor()
    {
        var root = YamlRoot("a: &r !Ref X\nb: *r\n");
        var call = (MappingNode)root.GetValue("a")!;

        Assert.Multiple(() =>
        {
            Assert.That(Range(call.Entries[0].Key), Is.EqualTo("1:7-1:11"));
            Assert.That(root.Find("b")!.RawValue, Is.TypeOf<AliasNode>());
            Assert.That(root.GetValue("b"), Is.SameAs(call));
        });
    }

    [Test]
    public void AliasAsKey_IsTheAnchoredScalarsValue_LocatedAtTheAlias()
    {
        // PyYAML, which `sam deploy` reads templates with, builds `*r :` as the key 'Resources' (docs/conventions.md#c16).
        var tree = Yaml("Description: &r Resources\n*r :\n  Fn: {Type: AWS::Serverless::Function}\n&k 'Fn': 1\n*k : 2\nobj: &m {a: 1}\n*m : 3\n");
        var root = (MappingNode)tree.Documents[0]!;
        var key = (ScalarNode)root.Entries[1].Key;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("Resources"), Is.TypeOf<MappingNode>());
            Assert.That(key.Value, Is.EqualTo("Resources"));
            Assert.That(Range(key), Is.EqualTo("2:1-2:3"));
            Assert.That(key.TryGetSourceSpan(0, 1, out _), Is.False, "its text is not the file's");
            Assert.That(((ScalarNode)root.Entries[3].Key).Style, Is.EqualTo(ScalarStyle.SingleQuoted), "the anchored scalar's style");
            Assert.That(tree.Problems.Select(p => p.Message), Is.EqualTo(new[] { "Duplicate key 'Fn' (first defined at line 4)" }));
            Assert.That(tree.Problems[0].Location.Span.Start, Is.EqualTo(tree.Source.Text.IndexOf("*k", StringComparison.Ordinal)));
            Assert.That(root.Entries[5].Key, Is.TypeOf<AliasNode>(), "an alias to a mapping stays an alias");
        });
    }

    [Test]
    public void Alias_IsAReferenceNotACopy_AndKnowsWhatReadingThroughItCosts()
    {
        var tree = Yaml("""
            base: &b {x: 1, y: [2, 3]}
            use: *b
            """);
        var root = (MappingNode)tree.Documents[0]!;
        var alias = (AliasNode)root.Find("use")!.RawValue;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(alias.Name, Is.EqualTo("b"));
            Assert.That(alias.Kind, Is.EqualTo(SyntaxNodeKind.Alias));
            Assert.That(Range(alias), Is.EqualTo("2:6-2:8"));
            Assert.That(alias.Target, Is.SameAs(root.Find("base")!.RawValue));
            Assert.That(alias.Target.SubtreeSize, Is.EqualTo(7), "mapping, 2 keys, scalar 1, sequence and its 2 items");
            Assert.That(alias.ExpansionCost, Is.EqualTo(7), "following it reads the 7 nodes it names");
            Assert.That(alias.Target.ExpansionCost, Is.Zero, "no alias inside what it names");
            Assert.That(root.ExpansionCost, Is.EqualTo(7));
            Assert.That(root.GetValue("use"), Is.SameAs(alias.Target));
        });
    }

    [Test]
    public void MergeKey_LocalEntriesWin_AndMergedEntriesNameTheMergeKey()
    {
        var root = YamlRoot("""
            base: &base
              x: 1
              y: 2
            m:
              <<: *base
              y: 20
            """);
        var m = (MappingNode)root.GetValue("m")!;
        var own = m.Find("y")!;
        var merged = m.Find("x")!;

        Assert.Multiple(() =>
        {
            Assert.That(m.HasMergeKeys, Is.True);
            Assert.That(own.Value.AsScalar()!.Value, Is.EqualTo("20"));
            Assert.That(own.MergeKey, Is.Null);
            Assert.That(Range(own.KeyLocation), Is.EqualTo("6:3-6:4"));
            Assert.That(merged.Value.AsScalar()!.Value, Is.EqualTo("1"));
            Assert.That(merged.MergeKey, Is.Not.Null);
            Assert.That(merged.MergeKey!.KeyText, Is.EqualTo("<<"));
            Assert.That(Range(merged.KeyLocation), Is.EqualTo("5:3-5:5"), "located at the << key inside m");
            Assert.That(Range(merged.Key), Is.EqualTo("2:3-2:4"), "the key as written stays in base");
            Assert.That(m.EffectiveEntries().Select(e => e.KeyText), Is.EqualTo(new[] { "y", "x" }));
            Assert.That(m.Find("z"), Is.Null);
        });
    }

    [Test]
    public void MergeKey_ListOfSources_EarlierSourceWins()
    {
        var tree = Yaml("""
            a: &a {x: from-a}
            b: &b {x: from-b, z: from-b}
            m:
              <<: [*a, *b]
              w: own
            """);
        var m = (MappingNode)((MappingNode)tree.Documents[0]!).GetValue("m")!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(m.GetValue("x")!.AsScalar()!.Value, Is.EqualTo("from-a"));
            Assert.That(m.GetValue("z")!.AsScalar()!.Value, Is.EqualTo("from-b"));
            Assert.That(Range(m.Find("z")!.KeyLocation), Is.EqualTo("4:3-4:5"));
            Assert.That(m.EffectiveEntries().Select(e => e.KeyText), Is.EqualTo(new[] { "w", "x", "z" }));
        });
    }

    [Test]
    public void MergeKey_RepeatedAndOverridden_IsNotADuplicateKey()
    {
        var tree = Yaml("""
            a: &a {x: 1}
            b: &b {y: 2}
            m:
              <<: *a
              <<: *b
              x: 3
            """);

        Assert.That(tree.Problems, Is.Empty);
    }

    [Test]
    public void QuotedMergeKey_IsAnOrdinaryKey()
    {
        var root = YamlRoot("""
            a: &a {x: 1}
            m:
              "<<": *a
            """);
        var m = (MappingNode)root.GetValue("m")!;

        Assert.Multiple(() =>
        {
            Assert.That(m.HasMergeKeys, Is.False);
            Assert.That(m.Find("x"), Is.Null);
            Assert.That(m.Find("<<"), Is.Not.Null);
        });
    }

    [Test]
    public void DuplicateKey_EachRepeatIsAProblemAtTheRepeat()
    {
        var tree = Yaml("""
            a: 1
            b: 2
            a: 3
            c:
              a: nested-is-fine
            a: 4
            """);

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems.Select(p => p.Kind), Is.EqualTo(new[] { SyntaxProblemKind.DuplicateKey, SyntaxProblemKind.DuplicateKey }));
            Assert.That(tree.Problems.Select(p => Range(p.Location)), Is.EqualTo(new[] { "3:1-3:2", "6:1-6:2" }));
            Assert.That(tree.Problems.Select(p => p.Message), Is.EqualTo(new[]
            {
                "Duplicate key 'a' (first defined at line 1)",
                "Duplicate key 'a' (first defined at line 1)",
            }));
            Assert.That(tree.Problems[0].Parent, Is.SameAs(tree.Documents[0]));
            Assert.That(tree.FatalError, Is.Null);
            Assert.That(tree.Documents, Has.Count.EqualTo(1), "the document is still read");
            Assert.That(((MappingNode)tree.Documents[0]!).Find("a")!.Value.AsScalar()!.Value, Is.EqualTo("4"), "lookups find the last occurrence, the value CloudFormation and PyYAML use");
            Assert.That(((MappingNode)tree.Documents[0]!).EffectiveEntries().Select(e => $"{e.KeyText}={e.Value.AsScalar()?.Value}"), Is.EqualTo(new[] { "b=2", "c=", "a=4" }));
        });
    }

    [Test]
    public void DuplicateKey_InALargeMapping_NamesTheFirstLine()
    {
        var lines = Enumerable.Range(0, 12).Select(i => $"k{i}: {i}").ToList();
        lines.Add("k3: again");
        lines.Add("k11: again");
        lines.Add("k12: new");
        lines.Add("k12: again");
        var tree = Yaml(string.Join("\n", lines) + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems.Select(p => Range(p.Location)), Is.EqualTo(new[] { "13:1-13:3", "14:1-14:4", "16:1-16:4" }));
            Assert.That(tree.Problems.Select(p => p.Message), Is.EqualTo(new[]
            {
                "Duplicate key 'k3' (first defined at line 4)",
                "Duplicate key 'k11' (first defined at line 12)",
                "Duplicate key 'k12' (first defined at line 15)",
            }));
        });
    }

    [Test]
    public void DuplicateKey_QuotedAndPlainSpellingsOfOneKey_AreDuplicates()
    {
        var tree = Yaml("Type: a\n\"Type\": b\n");

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems.Select(p => Range(p.Location)), Is.EqualTo(new[] { "2:1-2:7" }), "located at the opening quote");
            Assert.That(tree.Problems[0].Message, Is.EqualTo("Duplicate key 'Type' (first defined at line 1)"));
        });
    }

    [Test]
    public void Scalars_KeepStyleAndUnescapedValue()
    {
        var root = YamlRoot("""
            plain: hello world
            single: 'it''s'
            double: "tab\there \u00e9"
            literal: |
              line one
              line two
            folded: >
              one
              two
            empty:
            number: 0012
            on: off
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Scalar(root, "plain"), Is.EqualTo(("hello world", ScalarStyle.Plain)));
            Assert.That(Scalar(root, "single"), Is.EqualTo(("it's", ScalarStyle.SingleQuoted)));
            Assert.That(Scalar(root, "double"), Is.EqualTo(("tab\there é", ScalarStyle.DoubleQuoted)));
            Assert.That(Scalar(root, "literal"), Is.EqualTo(("line one\nline two\n", ScalarStyle.Literal)));
            Assert.That(Scalar(root, "folded"), Is.EqualTo(("one two\n", ScalarStyle.Folded)));
            Assert.That(Scalar(root, "empty"), Is.EqualTo((string.Empty, ScalarStyle.Plain)));
            Assert.That(root.GetValue("empty")!.AsScalar()!.IsNull, Is.True);
            Assert.That(Scalar(root, "number"), Is.EqualTo(("0012", ScalarStyle.Plain)), "scalars are kept as written");
            Assert.That(Scalar(root, "on"), Is.EqualTo(("off", ScalarStyle.Plain)), "YAML 1.1 booleans stay strings, keys too");
            Assert.That(root.GetValue("on")!.AsScalar()!.IsBooleanLiteral, Is.True);
            Assert.That(Range(root.GetValue("single")!), Is.EqualTo("2:9-2:16"));
            Assert.That(Range(root.GetValue("double")!), Is.EqualTo("3:9-3:27"));
            Assert.That(root.GetValue("literal")!.Location.Start, Is.EqualTo(new LinePosition(4, 10)));
        });
    }

    [Test]
    public void Scalar_CrlfText_HasNoCarriageReturnInValues()
    {
        var root = YamlRoot("a: |\r\n  x\r\n  y\r\nb: v\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(root.GetValue("a")!.AsScalar()!.Value, Is.EqualTo("x\ny\n"));
            Assert.That(root.GetValue("b")!.AsScalar()!.Value, Is.EqualTo("v"));
            Assert.That(Range(root.GetValue("b")!), Is.EqualTo("4:4-4:5"));
        });
    }

    [Test]
    public void EmptyStream_HasNoDocuments()
    {
        var tree = Yaml(string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(tree.Documents, Is.Empty);
            Assert.That(tree.Problems, Is.Empty);
        });
    }

    [Test]
    public void CommentOnlyStream_HasNoDocumentContent()
    {
        var tree = Yaml("# just a comment\n");

        Assert.Multiple(() =>
        {
            Assert.That(tree.Documents.Where(d => d is not null), Is.Empty);
            Assert.That(tree.Problems, Is.Empty);
        });
    }

    [Test]
    public void MultiDocumentStream_EmptyAndCommentOnlyDocumentsAreNull()
    {
        var tree = Yaml("""
            ---
            # comment only
            ---
            a: 1
            ---
            ---
            - b
            ...
            """);

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(tree.Documents.Select(d => d?.Kind), Is.EqualTo(new SyntaxNodeKind?[] { null, SyntaxNodeKind.Mapping, null, SyntaxNodeKind.Sequence }));
            Assert.That(Range(tree.Documents[1]!), Is.EqualTo("4:1-4:5"));
        });
    }

    [Test]
    public void AnchorsAreScopedToTheirDocument()
    {
        var tree = Yaml("a: &x 1\n---\nb: *x\n");

        Assert.Multiple(() =>
        {
            Assert.That(tree.FatalError, Is.Not.Null);
            Assert.That(tree.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.SyntaxError));
            Assert.That(Range(tree.FatalError.Location), Is.EqualTo("3:4-3:5"));
        });
    }

    [Test]
    public void UnknownTags_AreKeptOnTheNode_AndAreNotProblems()
    {
        var tree = Yaml("""
            code: !Rain::Embed handler.py
            config: !Custom {x: 1}
            list: !Other [1]
            text: !!str 123
            """);
        var root = (MappingNode)tree.Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(root.GetValue("code")!.Tag, Is.EqualTo("!Rain::Embed"));
            Assert.That(root.GetValue("code")!.AsScalar()!.Value, Is.EqualTo("handler.py"));
            Assert.That(Range(root.GetValue("code")!), Is.EqualTo("1:20-1:30"), "the value starts after the tag");
            Assert.That(root.GetValue("config")!.Tag, Is.EqualTo("!Custom"));
            Assert.That(root.GetValue("config")!.Kind, Is.EqualTo(SyntaxNodeKind.Mapping));
            Assert.That(root.GetValue("list")!.Tag, Is.EqualTo("!Other"));
            Assert.That(root.GetValue("text")!.Tag, Is.EqualTo("tag:yaml.org,2002:str"));
        });
    }

    [Test]
    public void SyntaxError_BannerBeforeTemplate_IsAtTheColonAfterResources()
    {
        var tree = YamlSyntaxParser.Parse(CaseSource("012-synth-banner-in-template/infra/template.yml", "infra/template.yml"));
        var error = tree.FatalError!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Has.Count.EqualTo(1));
            Assert.That(error.Kind, Is.EqualTo(SyntaxProblemKind.SyntaxError));
            Assert.That(Range(error.Location), Is.EqualTo("4:10-4:11"));
            Assert.That(error.Message, Is.EqualTo("Invalid YAML: found a mapping value ':' inside a multi-line plain scalar (the lines above it are read as one unquoted text)"));
            Assert.That(tree.Documents, Is.Empty);
        });
    }

    [Test]
    public void SyntaxError_Crlf_MissingSequenceDash_IsAtTheKey()
    {
        var tree = YamlSyntaxParser.Parse(CaseSource("035-crlf-line-endings/b/template.yaml", "b/template.yaml"));
        var error = tree.FatalError!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Source.Text, Does.Contain("\r\n"), "the case file keeps its CRLF line ends");
            Assert.That(Range(error.Location), Is.EqualTo("9:9-9:10"));
            Assert.That(error.Message, Is.EqualTo("Invalid YAML: the block sequence started at 7:9 continues with a mapping key where a '-' item was expected"));
        });
    }

    [Test]
    public void SyntaxError_EndOfStream_IsClampedToTheLastLine_AndEmpty()
    {
        var tree = YamlSyntaxParser.Parse(CaseSource("023-sarif-region-columns-at-eof/broken/template.yaml", "broken/template.yaml"));
        var error = tree.FatalError!;

        Assert.Multiple(() =>
        {
            Assert.That(tree.Source.LineCount, Is.EqualTo(11));
            Assert.That(tree.Source.GetLineText(11), Has.Length.EqualTo(55));
            Assert.That(Range(error.Location), Is.EqualTo("11:56-11:56"));
            Assert.That(error.Location.Span.Length, Is.Zero);
            Assert.That(error.Message, Is.EqualTo("Invalid YAML: the file ends inside the flow mapping opened at 11:13 (expected ',' or '}')"));
        });
    }

    [Test]
    public void SyntaxError_EndOfStream_WithFinalNewline_IsStillOnTheLastLine()
    {
        var tree = Yaml("a: 1\nb: {x: 1\n");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("2:9-2:9"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid YAML: the file ends inside the flow mapping opened at 2:4 (expected ',' or '}')"));
        });
    }

    [Test]
    public void SyntaxError_UnclosedFlowSequenceAtEnd()
    {
        var tree = Yaml("a: [1, 2");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("1:9-1:9"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid YAML: the file ends inside the flow sequence opened at 1:4 (expected ',' or ']')"));
        });
    }

    [Test]
    public void SyntaxError_TabIndentation_IsAtTheTab()
    {
        var tree = Yaml("Resources:\n  Fn:\n  \tType: x\n");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("3:3-3:4"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid YAML: a tab character is used as indentation (YAML indents with spaces only)"));
        });
    }

    [Test]
    public void SyntaxError_TabIndentation_AtLineStart()
    {
        var tree = Yaml("a:\n\tb: 1\n");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("2:1-2:2"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid YAML: a tab character is used as indentation (YAML indents with spaces only)"));
        });
    }

    [Test]
    public void SyntaxError_UndefinedAlias_IsAtTheAlias()
    {
        var tree = Yaml("a: 1\nb: *missing\n");

        Assert.Multiple(() =>
        {
            Assert.That(Range(tree.FatalError!.Location), Is.EqualTo("2:4-2:5"));
            Assert.That(tree.FatalError.Message, Is.EqualTo("Invalid YAML: alias '*missing' names no anchor defined before it"));
        });
    }

    [Test]
    public void Depth_ExactlyTheLimit_IsAccepted()
    {
        var tree = Yaml("[[[x]]]", new ParseLimits(MaxDepth: 3));

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(tree.Documents, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Depth_BeyondTheLimit_IsALimitProblemAtTheNodeThatCrossesIt()
    {
        var tree = Yaml("a:\n  b:\n    - [x]\n", new ParseLimits(MaxDepth: 3));
        var problem = tree.FatalError!;

        Assert.Multiple(() =>
        {
            Assert.That(problem.Kind, Is.EqualTo(SyntaxProblemKind.LimitExceeded));
            Assert.That(Range(problem.Location), Is.EqualTo("3:7-3:8"));
            Assert.That(problem.Message, Is.EqualTo("Nesting is deeper than the limit of 3 levels"));
            Assert.That(tree.Documents, Is.Empty);
        });
    }

    [Test]
    public void Nodes_BeyondTheLimit_AreALimitProblemAtTheNodeThatCrossesIt_AndNoMoreNodesAreBuilt()
    {
        // Issue 11 item 11: 5,200 flow sequences 995 deep under Metadata (10 MB) built 10 million nodes (152 s, 908 MB);
        // YamlDotNet's scanner works in proportion to the open flow collections for every token.
        var line = new string('[', 995) + new string(']', 995);
        var text = "Metadata:\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"  k{i}: {line}\n")) + "Resources: {}\n";
        var tree = Yaml(text, new ParseLimits(MaxNodes: 10_000));
        var problem = tree.FatalError!;

        Assert.Multiple(() =>
        {
            Assert.That(problem.Kind, Is.EqualTo(SyntaxProblemKind.LimitExceeded));
            // Nodes as written: the root, Metadata and its mapping, then per line a key and 995 sequences: the 10,001st
            // is the 37th '[' of line 12.
            Assert.That(Range(problem.Location), Is.EqualTo("12:44-12:45"));
            Assert.That(problem.Message, Is.EqualTo("The file holds more than the limit of 10,000 nodes (mappings, sequences and scalars)"));
            Assert.That(tree.Documents, Is.Empty);
            Assert.That(tree.NodeCount, Is.LessThanOrEqualTo(10_000));
        });
    }

    [Test]
    public void Nodes_ExactlyTheLimit_AreAccepted_AndCountedOncePerNode()
    {
        var tree = Yaml("a: [b, {c: d}]\ne: !Ref f\n", new ParseLimits(MaxNodes: 9));

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            // Written: the root, a, the sequence, b, the mapping, c, d, e, f; the short form adds its long-form key and mapping.
            Assert.That(tree.NodeCount, Is.EqualTo(11));
            Assert.That(ParseLimits.Default.MaxNodes, Is.EqualTo(1_000_000));
        });
    }

    [Test]
    public void Depth_DefaultLimitIsOneThousand()
    {
        var accepted = Yaml(new string('[', 1000) + new string(']', 1000));
        var rejected = Yaml(new string('[', 1001) + new string(']', 1001));

        Assert.Multiple(() =>
        {
            Assert.That(ParseLimits.Default.MaxDepth, Is.EqualTo(1000));
            Assert.That(accepted.Problems, Is.Empty);
            Assert.That(rejected.FatalError!.Kind, Is.EqualTo(SyntaxProblemKind.LimitExceeded));
            Assert.That(Range(rejected.FatalError.Location), Is.EqualTo("1:1001-1:1002"));
            Assert.That(rejected.FatalError.Message, Is.EqualTo("Nesting is deeper than the limit of 1,000 levels"));
        });
    }

    [Test]
    public void AliasBomb_ParsesWithoutExpanding_AndKnowsWhatAFullReadWouldCost()
    {
        var tree = YamlSyntaxParser.Parse(CaseSource("037-alias-amplification-and-deep-nesting/template.yaml", "template.yaml"));
        var l9 = LolLevel(tree, 9);

        Assert.Multiple(() =>
        {
            Assert.That(tree.Problems, Is.Empty);
            Assert.That(l9.Items, Has.All.TypeOf<AliasNode>());
            Assert.That(l9.SubtreeSize, Is.EqualTo(10), "aliases count as one node each");
            Assert.That(tree.Documents[0]!.SubtreeSize, Is.LessThan(300));
            // Level k: nine aliases to level k-1, each costing its 10 nodes plus its own cost: c(k) = 9 × (10 + c(k-1)).
            Assert.That(LolLevel(tree, 1).ExpansionCost, Is.EqualTo(90));
            Assert.That(l9.ExpansionCost, Is.EqualTo(4_358_480_490));
        });
    }

    [Test]
    public void AliasBudget_ChargesEachAliasWithWhatItNames_AndNamesTheFirstOneOverTheLimit()
    {
        var tree = YamlSyntaxParser.Parse(CaseSource("037-alias-amplification-and-deep-nesting/template.yaml", "template.yaml"));
        var budget = new AliasBudget(new ParseLimits(MaxAliasExpansion: 100));

        var withinLimit = budget.ChargeAll(LolLevel(tree, 1));
        var l2 = budget.ChargeAll(LolLevel(tree, 2));

        Assert.Multiple(() =>
        {
            Assert.That(withinLimit, Is.True, "l1's nine aliases to l0 read 90 nodes");
            Assert.That(l2, Is.False, "l2's first alias to l1 reads 100 more");
            Assert.That(Range(budget.CrossedAt!), Is.EqualTo("7:14-7:17"));
            Assert.That(budget.Problem!.Message, Is.EqualTo("YAML alias '*l1' expands beyond the limit of 100 nodes read through aliases (possible alias bomb)"));
            Assert.That(budget.Charge((AliasNode)LolLevel(tree, 1).Items[0]), Is.False, "once exceeded, every later charge fails");
        });
    }

    [Test]
    public void Source_ByteOrderMark_IsNotAColumn()
    {
        var root = (MappingNode)YamlSyntaxParser.Parse(SourceText.Decode("t.yaml", [0xEF, 0xBB, 0xBF, .. "a: b\n"u8], out _)).Documents[0]!;

        Assert.Multiple(() =>
        {
            Assert.That(Range(root.Entries[0].Key), Is.EqualTo("1:1-1:2"));
            Assert.That(Range(root.Entries[0].Value), Is.EqualTo("1:4-1:5"));
        });
    }

    [Test]
    public void Positions_NonAsciiAndSurrogatePairs_CountUtf16Units()
    {
        var root = YamlRoot("é𝄞: x\nk: \"中文\" # c\n");

        Assert.Multiple(() =>
        {
            Assert.That(Range(root.Entries[0].Key), Is.EqualTo("1:1-1:4"));
            Assert.That(Range(root.Entries[0].Value), Is.EqualTo("1:6-1:7"));
            Assert.That(Range(root.Entries[1].Value), Is.EqualTo("2:4-2:8"));
        });
    }

    [Test]
    public void Spans_KeyWithMappingValue_BlockMappingEndsAtItsLastValue()
    {
        var root = YamlRoot("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function

            Other: 1
            """);
        var resources = root.Find("Resources")!;

        Assert.Multiple(() =>
        {
            Assert.That(Range(resources.Key), Is.EqualTo("1:1-1:10"));
            Assert.That(Range(resources.Value), Is.EqualTo("2:3-3:32"));
            Assert.That(Range(root), Is.EqualTo("1:1-5:9"));
        });
    }

    private static (string, ScalarStyle) Scalar(MappingNode root, string key)
    {
        var scalar = root.GetValue(key)!.AsScalar()!;
        return (scalar.Value, scalar.Style);
    }

    private static SequenceNode LolLevel(SyntaxTree tree, int level)
    {
        var lol = (MappingNode)((MappingNode)((MappingNode)tree.Documents[0]!).GetValue("Metadata")!).GetValue("Lol")!;
        return (SequenceNode)lol.Find($"l{level}")!.RawValue;
    }

    private static void Walk(SyntaxNode node)
    {
        switch (node.Resolve())
        {
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                    Walk(item);
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                    Walk(entry.RawValue);
                break;
        }
    }
}
