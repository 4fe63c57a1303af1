using System.Collections.Immutable;
using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using static PolicyLint.Core.Tests.Semantics.ResolvedValueFormat;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Semantics;

public sealed class ValueResolverTests
{
    private const string Declarations = """
        Parameters:
          Stage: { Type: String, Default: prod }
          NoDefault: { Type: String }
          Subnets: { Type: CommaDelimitedList, Default: "a, b,c" }
          Ids: { Type: "List<AWS::EC2::Subnet::Id>", Default: "s-1,s-2" }
          SsmName: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/name }
          Count: { Type: Number, Default: 3 }
          ListDefault: { Type: CommaDelimitedList, Default: [x, y] }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsDev: !Equals [dev, !Ref Stage]
          Unknown: !Equals [!Ref NoDefault, x]
          NotProd: !Not [!Condition IsProd]
          ProdAndUnknown: !And [!Condition IsProd, !Condition Unknown]
          DevAndUnknown: !And [!Condition IsDev, !Condition Unknown]
          ProdOrUnknown: !Or [!Condition IsProd, !Condition Unknown]
          DevOrUnknown: !Or [!Condition IsDev, !Condition Unknown]
          DevOrProd: !Or [!Condition IsDev, !Condition IsProd]
          CycleA: !Condition CycleB
          CycleB: !Not [!Condition CycleA]
          Literal: true
          ListEquals: !Equals [!Ref Subnets, x]
        Mappings:
          Env:
            prod: { Name: orders-prod }
            dev: { Name: orders-dev }
        Resources:
          Fn: { Type: AWS::Lambda::Function }
          Key: { Type: AWS::KMS::Key }
          Stack: { Type: AWS::CloudFormation::Stack }

        """;

    private static TemplateModel Model(string expression, ResolutionSettings? settings = null) =>
        Template(Declarations + "Test: " + expression + "\n", settings);

    private static ResolvedValue Resolve(string expression, ResolutionSettings? settings = null)
    {
        var model = Model(expression, settings);
        return model.Resolver.Resolve(model.Root.GetValue("Test")!);
    }

    private static string Eval(string expression, ResolutionSettings? settings = null) => Show(Resolve(expression, settings));

    private static ResolutionSettings Overrides(params (string Name, string Value)[] values) =>
        new() { ParameterOverrides = values.ToImmutableDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal) };

    [TestCase("plain", "plain")]
    [TestCase("'quoted'", "quoted")]
    [TestCase("42", "42")]
    [TestCase("", "<NoValue>")]
    [TestCase("~", "<NoValue>")]
    [TestCase("[a, !Ref Stage]", "[a, prod]")]
    [TestCase("{a: b}", "{…}")]
    public void Literals(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [TestCase("!Ref Stage", "prod")]
    [TestCase("{Ref: Stage}", "prod")]
    [TestCase("!Ref Count", "3")]
    [TestCase("!Ref NoDefault", "?(parameter 'NoDefault' has no default)")]
    [TestCase("!Ref Subnets", "[a, b, c]")]
    [TestCase("!Ref Ids", "[s-1, s-2]")]
    [TestCase("!Ref ListDefault", "[x, y]")]
    [TestCase("!Ref SsmName", "?(parameter 'SsmName' is read from SSM parameter '/app/name' at deploy time)")]
    [TestCase("!Ref Fn", "Ref(Fn)")]
    [TestCase("!Ref Nope", "?('Nope' is not declared in the template)")]
    public void Ref(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void Ref_ParameterOverride_WinsOverTheDefault_AndFillsAMissingOne()
    {
        var settings = Overrides(("Stage", "dev"), ("NoDefault", "given"), ("Subnets", "p,q"));

        Assert.Multiple(() =>
        {
            Assert.That(Eval("!Ref Stage", settings), Is.EqualTo("dev"));
            Assert.That(Eval("!Ref NoDefault", settings), Is.EqualTo("given"));
            Assert.That(Eval("!Ref Subnets", settings), Is.EqualTo("[p, q]"));
        });
    }

    [TestCase("!Ref AWS::Partition", "aws")]
    [TestCase("!Ref AWS::URLSuffix", "amazonaws.com")]
    [TestCase("!Ref AWS::NoValue", "<NoValue>")]
    [TestCase("!Ref AWS::Region", "?(AWS::Region is not known offline (configure region in samconfig))")]
    [TestCase("!Ref AWS::AccountId", "?(AWS::AccountId is not known offline (configure an account ID))")]
    [TestCase("!Ref AWS::StackName", "?(AWS::StackName is not known offline (configure stack_name in samconfig or .policylint.yaml, or --stack-name))")]
    [TestCase("!Ref AWS::StackId", "?(AWS::StackId is known only at deploy time)")]
    [TestCase("!Ref AWS::NotificationARNs", "?(AWS::NotificationARNs is known only at deploy time)")]
    public void PseudoParameters_Unconfigured(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void PseudoParameters_Configured()
    {
        var settings = new ResolutionSettings { Region = "eu-west-1", AccountId = "123456789012", StackName = "orders" };

        Assert.That(Eval("!Sub ${AWS::StackName}-${AWS::Region}-${AWS::AccountId}", settings), Is.EqualTo("orders-eu-west-1-123456789012"));
    }

    [TestCase("!GetAtt Stack.Outputs.KeyArn", "GetAtt(Stack.Outputs.KeyArn)")]
    [TestCase("!GetAtt Key.Arn", "GetAtt(Key.Arn)")]
    [TestCase("{Fn::GetAtt: [Key, Arn]}", "GetAtt(Key.Arn)")]
    [TestCase("{Fn::GetAtt: [Stack, Outputs.KeyArn]}", "GetAtt(Stack.Outputs.KeyArn)")]
    [TestCase("!GetAtt [Key, !Ref Stage]", "GetAtt(Key.prod)")]
    [TestCase("!GetAtt Nope.Arn", "?('Nope' is not declared in the template)")]
    [TestCase("!GetAtt Nope.Outputs.X", "?('Nope' is not declared in the template)")]
    public void GetAtt(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void GetAtt_KeepsTheResourceType()
    {
        var value = (ResourceReferenceValue)Resolve("!GetAtt Stack.Outputs.KeyArn").Alternatives.Single();

        Assert.Multiple(() =>
        {
            Assert.That(value.ResourceType, Is.EqualTo("AWS::CloudFormation::Stack"));
            Assert.That(value.Describe(), Is.EqualTo("attribute Outputs.KeyArn of AWS::CloudFormation::Stack 'Stack'"));
        });
    }

    [TestCase("!Sub ${Stage}-fn", "prod-fn")]
    [TestCase("!Sub 'no variables'", "no variables")]
    [TestCase("!Sub ''", "")]
    [TestCase("!Sub ${AWS::Partition}.${AWS::URLSuffix}", "aws.amazonaws.com")]
    [TestCase("!Sub ${!Literal}-${Stage}", "${Literal}-prod")]
    [TestCase("!Sub '${ Stage }'", "prod")]
    [TestCase("!Sub x-${Stage", "x-${Stage")]
    [TestCase("!Sub arn-${Key.Arn}", "~'arn-${…}'")]
    [TestCase("!Sub ${NoDefault}-fn-${AWS::Region}", "~'${…}-fn-${…}'")]
    [TestCase("!Sub ${Nope}", "~'${…}'")]
    [TestCase("!Sub ${Nope.Arn}", "~'${…}'")]
    [TestCase("!Sub [\"${Prefix}-${Stage}\", {Prefix: !Ref Stage}]", "prod-prod")]
    [TestCase("!Sub [\"${Stage}\", {Stage: local}]", "local")]
    [TestCase("{Fn::Sub: [\"${A}${B}\", {A: !If [Unknown, x, y], B: z}]}", "xz | yz")]
    public void Sub(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void Sub_UnknownParts_AreHolesWithReasons()
    {
        var value = (PartialStringValue)Resolve("!Sub fn-${NoDefault}-x-${Key.Arn}").Alternatives.Single();

        Assert.Multiple(() =>
        {
            Assert.That(value.Pattern, Is.EqualTo("fn-${…}-x-${…}"));
            Assert.That(value.KnownPrefix, Is.EqualTo("fn-"));
            Assert.That(value.KnownSuffix, Is.Empty);
            Assert.That(value.Holes.Select(h => h.Reason), Is.EqualTo(new[]
            {
                "parameter 'NoDefault' has no default",
                "attribute Arn of AWS::KMS::Key 'Key'",
            }));
            Assert.That(Resolve("!Sub fn-${NoDefault}-x-${Key.Arn}").FirstUnresolvedReason, Is.EqualTo("parameter 'NoDefault' has no default"));
        });
    }

    [TestCase("!Join ['-', [a, !Ref Stage, b]]", "a-prod-b")]
    [TestCase("!Join ['-', [a, !Ref AWS::NoValue, b]]", "a-b")]
    [TestCase("!Join ['-', [a, !If [IsDev, x, !Ref AWS::NoValue], b]]", "a-b")]
    [TestCase("!Join ['', [x, !Ref NoDefault]]", "~'x${…}'")]
    [TestCase("!Join [',', !Ref Subnets]", "a,b,c")]
    [TestCase("!Join [',', []]", "")]
    [TestCase("!Join [',', !Ref NoDefault]", "?(Fn::Join of parameter 'NoDefault' has no default)")]
    public void Join(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [TestCase("!If [IsProd, a, b]", "a")]
    [TestCase("!If [IsDev, a, b]", "b")]
    [TestCase("!If [Unknown, a, b]", "a | b")]
    [TestCase("!If [Unknown, a, a]", "a")]
    [TestCase("!If [Undeclared, a, !Ref AWS::NoValue]", "a | <NoValue>")]
    [TestCase("!If [Unknown, !If [Unknown, a, b], c]", "a | b | c")]
    public void If(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void If_WithOverrides_FollowsTheDecidedBranch() =>
        Assert.That(Eval("!If [IsDev, a, b]", Overrides(("Stage", "dev"))), Is.EqualTo("a"));

    [TestCase("IsProd", TriState.True)]
    [TestCase("IsDev", TriState.False)]
    [TestCase("Unknown", TriState.Unknown)]
    [TestCase("NotProd", TriState.False)]
    [TestCase("ProdAndUnknown", TriState.Unknown)]
    [TestCase("DevAndUnknown", TriState.False)]
    [TestCase("ProdOrUnknown", TriState.True)]
    [TestCase("DevOrUnknown", TriState.Unknown)]
    [TestCase("DevOrProd", TriState.True)]
    [TestCase("CycleA", TriState.Unknown)]
    [TestCase("CycleB", TriState.Unknown)]
    [TestCase("Literal", TriState.True)]
    [TestCase("ListEquals", TriState.Unknown)]
    [TestCase("Undeclared", TriState.Unknown)]
    public void Conditions(string name, TriState expected)
    {
        var model = Model("x");

        Assert.That(model.Resolver.EvaluateCondition(name), Is.EqualTo(expected));
    }

    [Test]
    public void Conditions_FollowParameterOverrides()
    {
        var model = Model("x", Overrides(("Stage", "dev"), ("NoDefault", "x")));

        Assert.Multiple(() =>
        {
            Assert.That(model.Resolver.EvaluateCondition("IsProd"), Is.EqualTo(TriState.False));
            Assert.That(model.Resolver.EvaluateCondition("IsDev"), Is.EqualTo(TriState.True));
            Assert.That(model.Resolver.EvaluateCondition("Unknown"), Is.EqualTo(TriState.True));
            Assert.That(model.Resolver.EvaluateCondition("DevAndUnknown"), Is.EqualTo(TriState.True));
        });
    }

    [Test]
    public void ConditionExpression_IsEvaluatedDirectly()
    {
        var model = Model("!Equals [!Ref Stage, prod]");

        Assert.That(model.Resolver.EvaluateConditionExpression(model.Root.GetValue("Test")!), Is.EqualTo(TriState.True));
    }

    [TestCase("!FindInMap [Env, !Ref Stage, Name]", "orders-prod")]
    [TestCase("!FindInMap [Env, dev, Name]", "orders-dev")]
    [TestCase("!FindInMap [Env, qa, Name, {DefaultValue: fallback}]", "fallback")]
    [TestCase("!FindInMap [Env, qa, Name]", "?(mapping 'Env' has no entry [qa][Name])")]
    [TestCase("!FindInMap [Nope, prod, Name]", "?(mapping 'Nope' has no entry [prod][Name])")]
    [TestCase("!FindInMap [Env, !Ref NoDefault, Name]", "?(Fn::FindInMap key parameter 'NoDefault' has no default)")]
    public void FindInMap(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [TestCase("!Select [1, [a, b, c]]", "b")]
    [TestCase("!Select ['0', !Ref Subnets]", "a")]
    [TestCase("!Select [1, !Split [',', 'x,y']]", "y")]
    [TestCase("!Select [5, [a]]", "?(Fn::Select index 5 is past the end of a list of 1)")]
    [TestCase("!Select [-1, [a]]", "?(Fn::Select index '-1')")]
    [TestCase("!Select [!Ref NoDefault, [a]]", "?(Fn::Select index parameter 'NoDefault' has no default)")]
    [TestCase("!Select [0, !Ref NoDefault]", "?(Fn::Select from parameter 'NoDefault' has no default)")]
    public void Select(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [TestCase("!Split [',', 'a,b,,c']", "[a, b, , c]")]
    [TestCase("!Split ['-', !Ref Stage]", "[prod]")]
    [TestCase("!Split ['-', !Ref NoDefault]", "?(Fn::Split of parameter 'NoDefault' has no default)")]
    [TestCase("!Split ['', abc]", "?(Fn::Split of 'abc')")]
    public void Split(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [TestCase("!Base64 abc", "YWJj")]
    [TestCase("!Base64 é", "w6k=")]
    [TestCase("{Fn::Base64: !Ref NoDefault}", "?(Fn::Base64 of parameter 'NoDefault' has no default)")]
    public void Base64(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void ImportValue_IsAnImportedValueWithItsExportName()
    {
        var value = Resolve("!ImportValue shared-kms-key");
        var imported = (ImportedValue)value.Alternatives.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Show(value), Is.EqualTo("Import(shared-kms-key)"));
            Assert.That(imported.Describe(), Is.EqualTo("the value imported from export 'shared-kms-key'"));
            Assert.That(Eval("!ImportValue {Fn::Sub: '${Stage}-key'}"), Is.EqualTo("Import(prod-key)"));
            Assert.That(value.HasUnresolved, Is.False);
        });
    }

    [TestCase("!GetAZs ''", "?(Fn::GetAZs lists Availability Zones at deploy time)")]
    [TestCase("!Cidr [10.0.0.0/16, 2, 8]", "?(Fn::Cidr is computed at deploy time)")]
    [TestCase("!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}", "?(Fn::Transform runs a macro at deploy time)")]
    [TestCase("!ToJsonString {a: b}", "?(Fn::ToJsonString is not evaluated)")]
    [TestCase("!Rain::Embed handler.py", "?(tag '!Rain::Embed' is not CloudFormation: another tool (a pre-processor or macro) replaces it before deployment)")]
    public void NotEvaluatedOffline(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [TestCase("'{{resolve:ssm:/app/name}}'", "?(the dynamic reference '{{resolve:ssm:/app/name}}' is resolved at deploy time)")]
    [TestCase("'{{resolve:secretsmanager:MySecret:SecretString:password}}'", "?(the dynamic reference '{{resolve:secretsmanager:MySecret:SecretString:password}}' is resolved at deploy time)")]
    [TestCase("'prefix-{{resolve:ssm:/a/very/long/parameter/name/that/goes/on/and/on/and/on}}'", "?(the dynamic reference 'prefix-{{resolve:ssm:/a/very/long/parameter/name/that/goe...' is resolved at deploy time)")]
    [TestCase("!Sub '{{resolve:ssm:/app/${Stage}/name}}'", "?(the dynamic reference '{{resolve:ssm:/app/${Stage}/name}}' is resolved at deploy time)")]
    [TestCase("!Join ['', ['{{resolve:ssm:/a}}', x]]", "~'${…}x'")]
    public void DynamicReferences_AreResolvedAtDeployTime(string expression, string expected) => Assert.That(Eval(expression), Is.EqualTo(expected));

    [Test]
    public void Alternatives_AreCappedAtThirtyTwo()
    {
        static string Ifs(int count) => "!Join ['', [" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"!If [Unknown, a{i}, b{i}]")) + "]]";

        var thirtyTwo = Resolve(Ifs(5));
        var sixtyFour = Resolve(Ifs(6));

        Assert.Multiple(() =>
        {
            Assert.That(ResolvedValue.MaxAlternatives, Is.EqualTo(32));
            Assert.That(thirtyTwo.Alternatives, Has.Length.EqualTo(32));
            Assert.That(thirtyTwo.Alternatives, Has.All.TypeOf<LiteralValue>());
            Assert.That(Show(sixtyFour), Is.EqualTo("?(the value has more than 32 possible combinations)"));
        });
    }

    [Test]
    public void Union_BeyondTheCap_IsUnresolved()
    {
        var node = YamlRoot("a: 1").GetValue("a")!;
        var many = Enumerable.Range(0, 33).Select(i => ResolvedValue.Literal(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(ResolvedValue.Union(node, many[..32]).Alternatives, Has.Length.EqualTo(32));
            Assert.That(Show(ResolvedValue.Union(node, many)), Is.EqualTo("?(the value has more than 32 possible combinations)"));
        });
    }

    [TestCase("!Ref [a]", "1:7-1:11", "Invalid Ref: Ref takes a name (a string)")]
    [TestCase("{Ref: [a]}", "1:13-1:16", "Invalid Ref: Ref takes a name (a string)")]
    [TestCase("!GetAtt Fn", "1:7-1:14", "Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute")]
    [TestCase("!GetAtt [Fn]", "1:7-1:14", "Invalid Fn::GetAtt: Fn::GetAtt takes [LogicalId, Attribute] or 'LogicalId.Attribute'")]
    [TestCase("{Fn::Sub: [a]}", "1:17-1:20", "Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]")]
    [TestCase("!If [IsProd, a]", "1:7-1:10", "Invalid Fn::If: Fn::If takes [condition name, value if true, value if false]")]
    [TestCase("{Fn::Join: [',']}", "1:18-1:23", "Invalid Fn::Join: Fn::Join takes [delimiter, [values]]")]
    [TestCase("!Select [0]", "1:7-1:14", "Invalid Fn::Select: Fn::Select takes [index, [values]]")]
    [TestCase("!Split [',']", "1:7-1:13", "Invalid Fn::Split: Fn::Split takes [delimiter, string]")]
    [TestCase("!FindInMap [Env, prod]", "1:7-1:17", "Invalid Fn::FindInMap: Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey] and an optional {DefaultValue: …}")]
    [TestCase("!Base64 [a]", "1:7-1:14", "Invalid Fn::Base64: Fn::Base64 takes one value")]
    [TestCase("{Fn::Foo: x}", "1:17-1:18", "Invalid Fn::Foo: 'Fn::Foo' is not an intrinsic function")]
    public void InvalidForms_AreReportedOnceAtTheArgument_WhenBound(string expression, string range, string message)
    {
        // In an output, whose value a deployment evaluates: "    Value: " is 5 characters wider than "Test: ".
        var model = Template(Declarations + "Outputs:\n  Test:\n    Value: " + expression + "\n");
        var boundProblems = model.Problems.ToList();
        var node = ((MappingNode)((MappingNode)model.Root.GetValue("Outputs")!).GetValue("Test")!).GetValue("Value")!;

        var first = model.Resolver.Resolve(node);
        model.Resolver.Resolve(node);

        Assert.Multiple(() =>
        {
            Assert.That(Show(first), Does.StartWith("?("), "a value that depends on an invalid form is unknown");
            Assert.That(boundProblems.Select(p => $"{Shift(Range(p.Location).Replace($"{p.Location.Start.Line}:", "1:", StringComparison.Ordinal), -5)} {p.Message}"), Is.EqualTo(new[] { $"{range} {message}" }));
            Assert.That(model.Problems, Is.EqualTo(boundProblems), "resolving adds nothing: the model is immutable");
            Assert.That(model.Problems.Single().Location.Start.Line, Is.EqualTo(Declarations.Count(c => c == '\n') + 3));
        });
    }

    private static string Shift(string range, int columns) =>
        string.Join("-", range.Split('-').Select(p => $"{p.Split(':')[0]}:{int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) + columns}"));

    [Test]
    public void InvalidForms_InAConditionAreReportedWhenBound()
    {
        var model = Template("""
            Conditions:
              Bad: !Equals [a]
            Resources:
              Fn: { Type: AWS::Lambda::Function }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(model.Problems.Select(p => $"{Range(p.Location)} {p.Message}"), Is.EqualTo(new[] { "2:8-2:15 Invalid Fn::Equals: Fn::Equals takes [value, value]" }));
            Assert.That(model.Resolver.EvaluateCondition("Bad"), Is.EqualTo(TriState.Unknown));
            Assert.That(model.Problems, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void InvalidForms_InEveryPlaceADeploymentEvaluates_AreProblems_ButNotUnderMetadata()
    {
        var model = Template("""
            Metadata:
              Notes: !Sub [a]
            Conditions:
              Nested: !And [!Condition Other, !Not [a, b]]
              Other: !Equals [x, x]
            Resources:
              Role:
                Type: AWS::IAM::Role
                Metadata:
                  Tooling: !GetAtt NoAttribute
                Properties:
                  Policies: [{PolicyDocument: !Sub [a]}]
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Condition: {StringEquals: {"aws:SourceAccount": "111122223333"}}
                      - Condition: {Bool: {"aws:SecureTransport": "true"}}
            Outputs:
              RoleArn:
                Value: !GetAtt [Role]
            """);

        Assert.That(model.Problems.Select(p => $"{Range(p.Location)} {p.Message}"), Is.EquivalentTo(new[]
        {
            "4:35-4:39 Invalid Fn::Not: Fn::Not takes [condition]",
            "12:35-12:39 Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]",
            "20:12-20:19 Invalid Fn::GetAtt: Fn::GetAtt takes [LogicalId, Attribute] or 'LogicalId.Attribute'",
        }), "a one-key Condition mapping in a property is an IAM condition, not a function");
    }

    [Test]
    public void PreprocessorDirectives_AreUnknownValues_NotInvalidForms()
    {
        var model = Template("""
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  UserData: {Fn::Base64: {Fn::Sub: {"Rain::Embed": server.sh}}}
                  Other: !Sub {"Rain::Embed": other.sh}
            """);

        Assert.That(model.Problems, Is.Empty);
        Assert.That(Show(model.Resolver.Resolve(model.Resources[0].Properties!.GetValue("Other")!)), Does.StartWith("?("));
    }

    [Test]
    public void ForEach_IsNotAFunction() =>
        Assert.That(IntrinsicFunction.IsFunctionName("Fn::ForEach::Topics"), Is.False);

    [Test]
    public void Resolve_DeeplyNestedExpression_IsUnresolvedNotAStackOverflow()
    {
        var expression = string.Concat(Enumerable.Repeat("!Base64 {Fn::Base64: ", 40)) + "x" + new string('}', 40);
        var shallow = Eval("{Fn::Base64: {Fn::Base64: x}}");

        Assert.Multiple(() =>
        {
            Assert.That(shallow, Is.EqualTo("ZUE9PQ=="));
            Assert.That(Eval(expression), Does.Contain("the expression nests too deeply"));
        });
    }
}
