using NUnit.Framework;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Tests.Semantics.ResolvedValueFormat;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Semantics;

public sealed class LambdaFunctionTests
{
    private const string SamTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage: { Type: String, Default: prod }
          Open: { Type: String }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          Unknown: !Equals [!Ref Open, x]
        Globals:
          Function:
            KmsKeyArn: arn:global
            Tags:
              Team: platform
              Env: global
        Resources:
          Own:
            Type: AWS::Serverless::Function
            Properties:
              KmsKeyArn: arn:own
              Tags:
                Env: own
                App: orders
          Inherits:
            Type: AWS::Serverless::Function
          IfTags:
            Type: AWS::Serverless::Function
            Properties:
              Tags: !If [Unknown, {A: a}, {B: b}]
          IgnoreAll:
            Type: AWS::Serverless::Function
            IgnoreGlobals: "*"
          IgnoreTags:
            Type: AWS::Serverless::Function
            IgnoreGlobals: [Tags]
          Plain:
            Type: AWS::Lambda::Function
          Api:
            Type: AWS::Serverless::Api
        """;

    private static LambdaFunction Function(TemplateModel model, string logicalId) =>
        model.Functions.Single(f => f.LogicalId == logicalId);

    private static IEnumerable<string> Tags(LambdaFunction function) =>
        function.Tags.Select(t => $"{t.KeyText}={Show(t.ResolveValue())} {t.Origin}{(t.IsConditional ? " if" : string.Empty)} @{t.EditLocation.Start}");

    /// <summary>A SAM template whose Globals.Function.Tags is <paramref name="tags"/> (indented under <c>Tags:</c> at
    /// line 6), with <paramref name="functions"/> functions that take them and one that ignores them.</summary>
    private static string GlobalTagsTemplate(string tags, int functions)
    {
        var text = new System.Text.StringBuilder("Transform: AWS::Serverless-2016-10-31\nConditions:\n  C: !Equals [a, b]\nGlobals:\n  Function:\n    Tags:");
        text.Append(tags).Append("\nResources:\n  Ignores:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: [Tags]\n");
        for (var i = 0; i < functions; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  Fn{i}:\n    Type: AWS::Serverless::Function\n");
        return text.ToString();
    }

    private static string TagMap(string prefix, int count, string indent) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"\n{indent}{prefix}{i}: value{i}"));

    [Test]
    public void Globals_TagsMergedIntoFunctions_AtTheLimit_AreEachFunctionsTags()
    {
        // 100 tags x 1,000 functions = 100,000 tag entries: the limit, accepted.
        var model = Template(GlobalTagsTemplate(TagMap("Tag", 100, "      "), functions: 1000));

        Assert.Multiple(() =>
        {
            Assert.That(TemplateModel.MaxMergedGlobalTags, Is.EqualTo(100_000));
            Assert.That(model.LimitExceeded, Is.Null);
            Assert.That(model.Functions, Has.Count.EqualTo(1001));
            Assert.That(model.Functions.Sum(f => f.Tags.Count), Is.EqualTo(100_000));
        });
    }

    [Test]
    public void Globals_TagsMergedIntoFunctions_OverTheLimit_AreALimitProblemAtTheGlobalTagsKey_AndNothingIsAnalyzed()
    {
        // Issue 11 item 11: 8,000 global tags merged into 1,000 functions made 8,000,000 tag entries (192 s, 1.56 GB).
        // Both branches of an Fn::If count: 51 + 51 tags x 1,000 functions = 102,000.
        var tags = $" !If [C, {{{string.Join(", ", Enumerable.Range(0, 51).Select(i => $"A{i}: a"))}}}, {{{string.Join(", ", Enumerable.Range(0, 51).Select(i => $"B{i}: b"))}}}]";
        var text = GlobalTagsTemplate(tags, functions: 1000);
        var result = ProjectLoader.LoadBytes(new LoadRequest { Root = "/repo" }, "template.yaml", System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsTemplateFile, Is.True);
            Assert.That(result.Templates, Is.Empty, "no function, hence no tag entry, is materialized");
            Assert.That(result.Diagnostics.Select(d => $"{d.Location.Start} {d.Id} {d.Message}"), Is.EqualTo(new[]
            {
                "6:5 PL0001 Globals.Function.Tags holds 102 tags and 1,000 functions take them: merging them would make 102,000 tag entries, more than the limit of 100,000 per template",
            }));
        });
    }

    [Test]
    public void Globals_MapsMerge_LocalKeysWin_GlobalTagsFirst()
    {
        var own = Function(Template(SamTemplate), "Own");

        Assert.Multiple(() =>
        {
            Assert.That(Tags(own), Is.EqualTo(new[]
            {
                "Team=platform Globals @15:3",
                "Env=own Own @20:9",
                "App=orders Own @21:9",
            }));
            Assert.That(own.Tags[0].OriginLocation!.Start, Is.EqualTo(new LinePosition(12, 7)));
            Assert.That(own.UnreadableTags, Is.Empty);
        });
    }

    [Test]
    public void Globals_InheritedTag_IsReportedAtTheLogicalId_WithTheGlobalsKeyRelated()
    {
        var tag = Function(Template(SamTemplate), "Inherits").Tags[0];
        var target = tag.Target;

        Assert.Multiple(() =>
        {
            Assert.That(Range(target.Location), Is.EqualTo("22:3-22:11"));
            Assert.That(target.PropertyPath, Is.EqualTo("Properties.Tags.Team"));
            Assert.That(target.LogicalLocation!.FullyQualifiedName, Is.EqualTo("template.yaml#Resources/Inherits"));
            Assert.That(target.RelatedLocations.Select(r => $"{Range(r.Location)} {r.Message}"), Is.EqualTo(new[]
            {
                "12:7-12:11 Tag 'Team' set for every function in Globals.Function.Tags",
            }));
        });
    }

    [Test]
    public void Globals_IntrinsicTags_ReplaceTheGlobalTags_AndBothBranchesCount()
    {
        var ifTags = Function(Template(SamTemplate), "IfTags");

        Assert.That(Tags(ifTags), Is.EqualTo(new[] { "A=a Own if @27:28", "B=b Own if @27:36" }));
    }

    [Test]
    public void Globals_IgnoreGlobals_StarAndList()
    {
        var model = Template(SamTemplate);
        var ignoreAll = Function(model, "IgnoreAll");
        var ignoreTags = Function(model, "IgnoreTags");

        Assert.Multiple(() =>
        {
            Assert.That(ignoreAll.Tags, Is.Empty);
            Assert.That(ignoreAll.KmsKeyArn, Is.Null);
            Assert.That(ignoreTags.Tags, Is.Empty);
            Assert.That(ignoreTags.KmsKeyArn!.IsInherited, Is.True);
            Assert.That(ignoreTags.Resource.UsesGlobal("KmsKeyArn"), Is.True);
            Assert.That(ignoreTags.Resource.UsesGlobal("Tags"), Is.False);
        });
    }

    [Test]
    public void Globals_OnlyApplyToServerlessTypes()
    {
        var model = Template(SamTemplate);
        var plain = Function(model, "Plain");

        Assert.Multiple(() =>
        {
            Assert.That(plain.Tags, Is.Empty);
            Assert.That(plain.KmsKeyArn, Is.Null);
            Assert.That(plain.Resource.UsesGlobal("KmsKeyArn"), Is.False);
            Assert.That(model.Globals!.SectionFor("AWS::Lambda::Function"), Is.Null);
            Assert.That(model.Globals.SectionFor("AWS::Serverless::Api"), Is.Null, "this template has no Globals.Api");
            Assert.That(SamGlobals.SectionName("AWS::Serverless::HttpApi"), Is.EqualTo("HttpApi"));
        });
    }

    [Test]
    public void Globals_WithoutTheSamTransformLine_AreMergedAllTheSame_WhenTheTemplateDeclaresServerlessResources()
    {
        var model = Template(SamTemplate.Replace("Transform: AWS::Serverless-2016-10-31\n", string.Empty, StringComparison.Ordinal));
        var sam = Template(SamTemplate);

        Assert.Multiple(() =>
        {
            Assert.That(model.Transforms, Is.Empty);
            Assert.That(model.IsSam, Is.True);
            Assert.That(model.Globals, Is.Not.Null);
            Assert.That(Function(model, "Inherits").Tags.Select(t => t.KeyText), Is.EqualTo(Function(sam, "Inherits").Tags.Select(t => t.KeyText)));
        });
    }

    [Test]
    public void EffectiveProperty_OwnWins_ElseTheGlobalEntry()
    {
        var model = Template(SamTemplate);
        var own = Function(model, "Own").KmsKeyArn!;
        var inherited = Function(model, "Inherits").KmsKeyArn!;

        Assert.Multiple(() =>
        {
            Assert.That(own.IsInherited, Is.False);
            Assert.That(own.Value.AsScalar()!.Value, Is.EqualTo("arn:own"));
            Assert.That(Range(own.Target.Location), Is.EqualTo("18:7-18:16"));
            Assert.That(own.Target.RelatedLocations, Is.Empty);
            Assert.That(own.Target.PropertyPath, Is.EqualTo("Properties.KmsKeyArn"));
            Assert.That(inherited.IsInherited, Is.True);
            Assert.That(inherited.Value.AsScalar()!.Value, Is.EqualTo("arn:global"));
            Assert.That(Range(inherited.Target.Location), Is.EqualTo("22:3-22:11"));
            Assert.That(inherited.Target.RelatedLocations.Select(r => $"{Range(r.Location)} {r.Message}"), Is.EqualTo(new[]
            {
                "10:5-10:14 KmsKeyArn set for every function in Globals",
            }));
            Assert.That(Function(model, "Own").FunctionName, Is.Null);
        });
    }

    [Test]
    public void Globals_ListTags_Concatenate_GlobalsFirst()
    {
        var model = Template("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  - {Key: G, Value: g}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    - {Key: G, Value: own}
                    - {Key: L, Value: l}
            """);

        Assert.That(Tags(Function(model, "Fn")), Is.EqualTo(new[] { "G=g Globals @7:3", "G=own Own @11:12", "L=l Own @12:12" }));
    }

    [Test]
    public void Globals_ShapeMismatch_LocalReplaces()
    {
        var model = Template("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: {G: g}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: [{Key: L, Value: l}]
            """);

        Assert.That(Tags(Function(model, "Fn")), Is.EqualTo(new[] { "L=l Own @9:15" }));
    }

    [Test]
    public void Globals_IntrinsicGlobalTags_AreReplacedByLocalTags()
    {
        var model = Template("""
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Open: { Type: String }
            Conditions:
              Unknown: !Equals [!Ref Open, x]
            Globals:
              Function:
                Tags: !If [Unknown, {G: g}, {H: h}]
            Resources:
              Local:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: {L: l}
              Inherits:
                Type: AWS::Serverless::Function
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Tags(Function(model, "Local")), Is.EqualTo(new[] { "L=l Own @13:14" }));
            Assert.That(Tags(Function(model, "Inherits")), Is.EqualTo(new[] { "G=g Globals if @14:3", "H=h Globals if @14:3" }));
        });
    }

    [Test]
    public void Tags_ListShape_OnLambdaFunction_WithConditionalItemsAndNoValue()
    {
        var model = Template("""
            Parameters:
              Open: { Type: String }
            Conditions:
              Unknown: !Equals [!Ref Open, x]
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Tags:
                    - Key: InspectorExclusion
                      Value: LambdaStandardScanning
                    - !If [Unknown, {Key: A, Value: a}, !Ref AWS::NoValue]
                    - !Ref AWS::NoValue
                    - Key: NoValueTag
                    - Key: !Sub "${AWS::Partition}-key"
                      Value: !Ref Open
            """);
        var function = Function(model, "Fn");

        Assert.Multiple(() =>
        {
            Assert.That(Tags(function), Is.EqualTo(new[]
            {
                "InspectorExclusion=LambdaStandardScanning Own @10:11",
                "A=a Own if @12:26",
                "NoValueTag=<NoValue> Own @14:11",
                "=?(parameter 'Open' has no default) Own @15:11",
            }));
            Assert.That(Range(function.Tags[0].EditLocation), Is.EqualTo("10:11-10:14"), "the Key key of the list item");
            Assert.That(function.Tags[0].ValueNode!.AsScalar()!.Value, Is.EqualTo("LambdaStandardScanning"));
            Assert.That(function.Tags[2].ValueNode, Is.Null);
            Assert.That(Show(function.Tags[3].ResolveKey()), Is.EqualTo("aws-key"));
            Assert.That(function.Tags[3].Target.PropertyPath, Is.EqualTo("Properties.Tags.aws-key"));
            Assert.That(function.UnreadableTags, Is.Empty);
        });
    }

    [Test]
    public void Tags_MapShape_OnLambdaFunction_AndListShapeOnServerlessFunction_AreBothRead()
    {
        var model = Template("""
            Resources:
              Lambda:
                Type: AWS::Lambda::Function
                Properties:
                  Tags: {InspectorCodeExclusion: LambdaCodeScanning}
              Sam:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: [{Key: InspectorExclusion, Value: LambdaStandardScanning}]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Tags(Function(model, "Lambda")), Is.EqualTo(new[] { "InspectorCodeExclusion=LambdaCodeScanning Own @5:14" }));
            Assert.That(Tags(Function(model, "Sam")), Is.EqualTo(new[] { "InspectorExclusion=LambdaStandardScanning Own @9:15" }));
        });
    }

    [Test]
    public void Tags_WholeListIf_BothBranchesCount()
    {
        var model = Template("""
            Parameters:
              Stage: { Type: String, Default: prod }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Tags:
                    Fn::If:
                      - IsProd
                      - - {Key: A, Value: a}
                      - - {Key: B, Value: b}
            """);

        Assert.That(Tags(Function(model, "Fn")), Is.EqualTo(new[] { "A=a Own if @12:16", "B=b Own if @13:16" }), "a tag counts in either branch, whatever the condition (docs/conventions.md#c8)");
    }

    [Test]
    public void Tags_ThatCannotBeRead_AreUnreadable()
    {
        var model = Template("""
            Parameters:
              TagList: { Type: String }
            Resources:
              Whole:
                Type: AWS::Lambda::Function
                Properties:
                  Tags: !Ref TagList
              Item:
                Type: AWS::Lambda::Function
                Properties:
                  Tags:
                    - {Key: A, Value: a}
                    - !ImportValue shared-tags
              NoValue:
                Type: AWS::Lambda::Function
                Properties:
                  Tags: !Ref AWS::NoValue
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Function(model, "Whole").UnreadableTags.Select(u => $"{Range(u.Target.Location)} {u.Reason}"), Is.EqualTo(new[]
            {
                "7:7-7:11 parameter 'TagList' has no default",
            }));
            Assert.That(Function(model, "Item").UnreadableTags.Select(u => $"{Range(u.Target.Location)} {u.Reason}"), Is.EqualTo(new[]
            {
                "13:11-13:35 a tag is given by Fn::ImportValue",
            }));
            Assert.That(Tags(Function(model, "Item")), Is.EqualTo(new[] { "A=a Own @12:12" }));
            Assert.That(Function(model, "NoValue").Tags, Is.Empty);
            Assert.That(Function(model, "NoValue").UnreadableTags, Is.Empty);
        });
    }

    [Test]
    public void Tags_BroughtInByAMergeKey_AreLocatedAtTheMergeKey()
    {
        var model = Template("""
            Metadata:
              Common: &common
                InspectorExclusion: LambdaStandardScanning
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Tags:
                    <<: *common
                    Team: t
            """);

        Assert.That(Tags(Function(model, "Fn")), Is.EqualTo(new[] { "Team=t Own @10:9", "InspectorExclusion=LambdaStandardScanning Own @9:9" }));
    }

    [Test]
    public void Tags_InJson_ListItemKeyIsAtTheOpeningQuoteOfKey()
    {
        var tree = Json("""
            {
              "Resources": {
                "Fn": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {"Tags": [{"Key": "InspectorExclusion", "Value": "LambdaStandardScanning"}]}
                }
              }
            }
            """);
        var function = TemplateModel.Bind(tree, 0, ResolutionSettings.Default)!.Functions.Single();

        Assert.That(Range(function.Tags.Single().EditLocation), Is.EqualTo("5:32-5:37"));
    }

    [TestCase("FunctionName: orders-worker", null, "orders-worker")]
    [TestCase("FunctionName: !Sub '${Stage}-worker'", null, "prod-worker")]
    [TestCase("FunctionName: !Join ['-', [!Ref AWS::Partition, w]]", null, "aws-w")]
    [TestCase("FunctionName: !Sub '${AWS::Region}-worker'", null, null)]
    [TestCase("FunctionName: !Sub '${AWS::Region}-worker'", "eu-west-1", "eu-west-1-worker")]
    [TestCase("FunctionName: !Ref Open", null, null)]
    [TestCase("FunctionName: !If [Unknown, a, b]", null, null)]
    [TestCase("FunctionName: !If [IsProd, a, b]", null, "a")]
    [TestCase("FunctionName: ''", null, null)]
    [TestCase("FunctionName: '{{resolve:ssm:/name}}'", null, null)]
    [TestCase("Handler: x", null, null)]
    public void StaticName_IsExactlyOneKnownString(string property, string? region, string? expected)
    {
        var model = Template($$"""
            Parameters:
              Stage: { Type: String, Default: prod }
              Open: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              Unknown: !Equals [!Ref Open, x]
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  {{property}}
            """, new ResolutionSettings { Region = region });

        Assert.That(model.Functions.Single().StaticName, Is.EqualTo(expected));
    }
}
