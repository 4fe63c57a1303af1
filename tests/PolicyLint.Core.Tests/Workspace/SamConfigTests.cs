using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Workspace;

public sealed class SamConfigTests
{
    private static SamConfig Read(string text, string path = "samconfig.toml", string environment = SamConfig.DefaultEnvironment) =>
        SamConfig.Read(SourceText.From(path, text), environment);

    private static string[] Parameters(SamConfig config) => [.. config.ParameterOverrides.Select(p => $"{p.Name}={p.Value}")];

    private static string[] Tags(SamConfig config) => [.. config.Tags.Select(t => $"{t.Key.Value}={t.Value.Value}")];

    private static string[] Problems(SamConfig config) => [.. config.Problems.Select(p => $"{Range(p.Location)} {p.Message}")];

    /// <summary>The text a location covers.</summary>
    private static string Text(Location location) => location.Source.Text[location.Span.Start..location.Span.End];

    // Fuzzing (tests/fuzz/regressions/samconfig-toml): a TOML error at a lone carriage return that ends the file was a
    // one-character region over that line break, ending on a line the file does not have.
    [TestCase("\r", 1, 1)]
    [TestCase("L\r", 1, 2)]
    public void Toml_ErrorAtTheFinalLineBreak_IsEmptyAtTheEndOfTheContent(string text, int line, int column)
    {
        var config = Read(text);

        var problem = config.Problems.Single();
        Assert.That((problem.Location.Span.Start, problem.Location.Span.End), Is.EqualTo((column - 1, column - 1)));
        Assert.That((problem.Location.Start.Line, problem.Location.Start.Column, problem.Location.End.Line, problem.Location.End.Column), Is.EqualTo((line, column, line, column)));
        Assert.That(config.IsUsable, Is.False);
    }

    [Test]
    public void Toml_ReadsTheDeploySettingsOfTheDefaultEnvironment()
    {
        var config = Read("""
            version = 0.1
            [default.deploy.parameters]
            stack_name = "orders"
            region = "eu-west-1"
            capabilities = "CAPABILITY_IAM"
            confirm_changeset = true
            parameter_overrides = "Env=prod"
            tags = "team=orders"
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.True);
            Assert.That(config.Environments, Is.EqualTo(new[] { "default" }), "version is not an environment");
            Assert.That(config.HasEnvironment, Is.True);
            Assert.That(config.StackName, Is.EqualTo("orders"));
            Assert.That(config.Region, Is.EqualTo("eu-west-1"));
            Assert.That(config.TemplateFile, Is.Null);
            Assert.That(Parameters(config), Is.EqualTo(new[] { "Env=prod" }));
            Assert.That(Tags(config), Is.EqualTo(new[] { "team=orders" }));
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [TestCase("samconfig.yaml")]
    [TestCase("samconfig.yml")]
    public void Yaml_ReadsTheDeploySettingsOfTheDefaultEnvironment(string path)
    {
        var config = Read("""
            version: 0.1
            default:
              deploy:
                parameters:
                  stack_name: orders
                  region: eu-west-1
                  confirm_changeset: true
                  parameter_overrides: Env=prod
                  tags: team=orders
            """, path);

        Assert.Multiple(() =>
        {
            Assert.That(config.Environments, Is.EqualTo(new[] { "default" }), "version is not an environment");
            Assert.That(config.StackName, Is.EqualTo("orders"));
            Assert.That(config.Region, Is.EqualTo("eu-west-1"));
            Assert.That(Parameters(config), Is.EqualTo(new[] { "Env=prod" }));
            Assert.That(Tags(config), Is.EqualTo(new[] { "team=orders" }));
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [TestCase("samconfig.toml", """
        [default.global.parameters]
        stack_name = "from-global"
        region = "us-east-1"
        parameter_overrides = "A=global B=global"
        [default.deploy.parameters]
        stack_name = "from-deploy"
        parameter_overrides = "B=deploy"
        [default.build.parameters]
        stack_name = "from-build"
        """)]
    [TestCase("samconfig.yaml", """
        default:
          deploy:
            parameters:
              stack_name: from-deploy
              parameter_overrides: B=deploy
          global:
            parameters:
              stack_name: from-global
              region: us-east-1
              parameter_overrides: A=global B=global
          build:
            parameters:
              stack_name: from-build
        """)]
    public void DeploySection_WinsOverGlobal_KeyByKey_AndOtherCommandsAreNotRead(string path, string text)
    {
        var config = Read(text, path);

        Assert.Multiple(() =>
        {
            Assert.That(config.StackName, Is.EqualTo("from-deploy"));
            Assert.That(config.Region, Is.EqualTo("us-east-1"), "a key only the global section sets is kept");
            Assert.That(Parameters(config), Is.EqualTo(new[] { "B=deploy" }), "parameter_overrides is one value: deploy's replaces global's");
        });
    }

    [TestCase("samconfig.toml", """
        [default.deploy.parameters]
        stack_name = "dev-stack"
        [prod.deploy.parameters]
        stack_name = "prod-stack"
        [staging.build.parameters]
        cached = true
        """)]
    [TestCase("samconfig.yaml", """
        default:
          deploy:
            parameters:
              stack_name: dev-stack
        prod:
          deploy:
            parameters:
              stack_name: prod-stack
        staging:
          build:
            parameters:
              cached: true
        """)]
    public void Environment_IsChosenByName(string path, string text)
    {
        var prod = Read(text, path, "prod");
        var staging = Read(text, path, "staging");
        var missing = Read(text, path, "qa");

        Assert.Multiple(() =>
        {
            Assert.That(Read(text, path).StackName, Is.EqualTo("dev-stack"));
            Assert.That(prod.StackName, Is.EqualTo("prod-stack"));
            Assert.That(prod.HasEnvironment, Is.True);
            Assert.That(staging.HasEnvironment, Is.True, "an environment without deploy settings still exists");
            Assert.That(staging.StackName, Is.Null);
            Assert.That(missing.HasEnvironment, Is.False);
            Assert.That(missing.Environments, Is.EqualTo(new[] { "default", "prod", "staging" }));
            Assert.That(missing.StackName, Is.Null);
            Assert.That(missing.Problems, Is.Empty);
        });
    }

    [TestCase("[ prod . \"deploy\" . parameters ]\nstack_name = \"p\"\n")]
    [TestCase("[\"prod\".deploy.parameters]\nstack_name = 'p'\n")]
    [TestCase("[prod]\ndeploy.parameters.stack_name = \"p\"\n")]
    [TestCase("[prod.deploy]\nparameters = { stack_name = \"p\" }\n")]
    [TestCase("prod.deploy.parameters.stack_name = \"p\"\n")]
    public void Toml_KeysMayBeQuotedSpacedDottedOrInline(string text)
    {
        var config = Read(text, environment: "prod");

        Assert.Multiple(() =>
        {
            Assert.That(config.HasEnvironment, Is.True);
            Assert.That(config.StackName, Is.EqualTo("p"));
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [Test]
    public void ParameterOverrides_StringForms()
    {
        var config = Read("""
            [default.deploy.parameters]
            parameter_overrides = "Env=prod Name=\"my app\" Single='a b' Escaped=a\\ b Quote=\"say \\\"hi\\\"\" Empty=\"\" Url=https://x.example/a=b"
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Parameters(config), Is.EqualTo(new[] { "Env=prod", "Name=my app", "Single=a b", "Escaped=a b", "Quote=say \"hi\"", "Empty=", "Url=https://x.example/a=b" }));
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [Test]
    public void ParameterOverrides_ParameterKeyForm()
    {
        var config = Read("""
            [default.deploy.parameters]
            parameter_overrides = "ParameterKey=Env,ParameterValue=prod ParameterKey=Name,ParameterValue=\"my app\""
            """);

        Assert.That(Parameters(config), Is.EqualTo(new[] { "Env=prod", "Name=my app" }));
    }

    [TestCase("ParameterKey=,ParameterValue=x", "2:24-2:54 samconfig 'parameter_overrides' item has an empty key; it is not used")]
    [TestCase("ParameterKey=Env", "2:24-2:40 samconfig 'parameter_overrides' item is not Key=Value or ParameterKey=Key,ParameterValue=Value; it is not used")]
    [TestCase("ParameterKey=Env,Value=x", "2:24-2:48 samconfig 'parameter_overrides' item is not Key=Value or ParameterKey=Key,ParameterValue=Value; it is not used")]
    public void ParameterOverrides_IncompleteParameterKeyForm_IsReported(string item, string expected)
    {
        var config = Read($"[default.deploy.parameters]\nparameter_overrides = \"{item}\"\n");

        Assert.Multiple(() =>
        {
            Assert.That(config.ParameterOverrides, Is.Empty);
            Assert.That(Problems(config), Is.EqualTo(new[] { expected }));
        });
    }

    [TestCase("samconfig.toml", "[default.deploy.parameters]\nparameter_overrides = [\"Env=prod\", \"Name='my app' Size=2\"]\n")]
    [TestCase("samconfig.yaml", "default:\n  deploy:\n    parameters:\n      parameter_overrides:\n        - Env=prod\n        - Name='my app' Size=2\n")]
    public void ParameterOverrides_ListForm_EachItemHoldsOneOrMorePairs(string path, string text) =>
        Assert.That(Parameters(Read(text, path)), Is.EqualTo(new[] { "Env=prod", "Name=my app", "Size=2" }));

    [Test]
    public void ParameterOverrides_ALaterPairWins()
    {
        var config = Read("[default.deploy.parameters]\nparameter_overrides = \"A=1 B=2 A=3\"\n");

        Assert.That(Parameters(config), Is.EqualTo(new[] { "B=2", "A=3" }));
    }

    [Test]
    public void Tags_StringForms()
    {
        var config = Read("""
            [default.deploy.parameters]
            tags = "project=\"my-app\" stage='prod' owner=platform"
            """);

        Assert.That(Tags(config), Is.EqualTo(new[] { "project=my-app", "stage=prod", "owner=platform" }));
    }

    [Test]
    public void Tags_AStringWithOneEqualsSignIsOneTag_SpacesIncluded()
    {
        var config = Read("[default.deploy.parameters]\ntags = \"Owner=Platform Team\"\n");

        Assert.Multiple(() =>
        {
            Assert.That(Tags(config), Is.EqualTo(new[] { "Owner=Platform Team" }));
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [TestCase("samconfig.toml", "[default.deploy.parameters]\ntags = [\"team=orders\", \"InspectorExclusion=LambdaStandardScanning\"]\n", "2:25-2:66")]
    [TestCase("samconfig.yaml", "default:\n  deploy:\n    parameters:\n      tags:\n        - team=orders\n        - InspectorExclusion=LambdaStandardScanning\n", "6:11-6:52")]
    [TestCase("samconfig.yaml", "default:\n  deploy:\n    parameters:\n      tags: [team=orders, \"InspectorExclusion=LambdaStandardScanning\"]\n", "4:28-4:69")]
    public void Tags_ListForm_EachItemLocatedAtItsText(string path, string text, string range)
    {
        var config = Read(text, path);

        Assert.Multiple(() =>
        {
            Assert.That(Tags(config), Is.EqualTo(new[] { "team=orders", "InspectorExclusion=LambdaStandardScanning" }));
            Assert.That(Range(config.Tags[1].Location), Is.EqualTo(range));
            Assert.That(Text(config.Tags[1].Location), Is.EqualTo("InspectorExclusion=LambdaStandardScanning"));
        });
    }

    [Test]
    public void Tags_AreLocatedAtTheirItem_KeyAndValueAtTheirText()
    {
        var config = Read("""
            [default.deploy.parameters]
            stack_name = "orders"
            tags = "team=orders InspectorExclusion=LambdaStandardScanning"
            """);
        var tag = config.Tags[1];

        Assert.Multiple(() =>
        {
            Assert.That(Range(tag.Location), Is.EqualTo("3:21-3:62"));
            Assert.That(Text(tag.Location), Is.EqualTo("InspectorExclusion=LambdaStandardScanning"));
            Assert.That(Text(tag.Key.Location), Is.EqualTo("InspectorExclusion"));
            Assert.That(Text(tag.Value.Location), Is.EqualTo("LambdaStandardScanning"));
        });
    }

    [TestCase("[default.deploy.parameters]\ntags = 'a=b InspectorExclusion=LambdaStandardScanning'\n")]
    [TestCase("[default.deploy.parameters]\ntags = \"\"\"\na=b\nInspectorExclusion=LambdaStandardScanning\"\"\"\n")]
    [TestCase("[default.deploy.parameters]\ntags = '''a=b InspectorExclusion=LambdaStandardScanning'''\n")]
    public void Tags_InLiteralAndMultiLineStrings_AreLocatedAtTheirText(string text)
    {
        var config = Read(text);

        Assert.That(Text(config.Tags[1].Location), Is.EqualTo("InspectorExclusion=LambdaStandardScanning"));
    }

    [Test]
    public void Tags_InAStringWithEscapes_AreLocatedAtTheString()
    {
        var config = Read("[default.deploy.parameters]\ntags = \"a=\\\"b c\\\" InspectorExclusion=LambdaStandardScanning\"\n");

        Assert.Multiple(() =>
        {
            Assert.That(Tags(config), Is.EqualTo(new[] { "a=b c", "InspectorExclusion=LambdaStandardScanning" }));
            Assert.That(Range(config.Tags[1].Location), Is.EqualTo("2:8-2:61"), "the whole string, quotes included");
        });
    }

    [Test]
    public void Yaml_QuotedScalarsWithEscapes_AreLocatedExactly()
    {
        var config = Read("default:\n  deploy:\n    parameters:\n      tags: \"a=\\\"b\\\" InspectorExclusion=LambdaStandardScanning\"\n", "samconfig.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(Tags(config), Is.EqualTo(new[] { "a=b", "InspectorExclusion=LambdaStandardScanning" }));
            Assert.That(Text(config.Tags[1].Location), Is.EqualTo("InspectorExclusion=LambdaStandardScanning"));
        });
    }

    [TestCase("", "", null)]
    [TestCase("services/orders/", "template.yaml", "services/orders/template.yaml")]
    [TestCase("services/orders/", "./template.yaml", "services/orders/template.yaml")]
    [TestCase("services/orders/", "../shared/template.yaml", "services/shared/template.yaml")]
    [TestCase("services/orders/", "infra\\\\template.yaml", "services/orders/infra/template.yaml")]
    [TestCase("", "infra/template.yaml", "infra/template.yaml")]
    [TestCase("", "../template.yaml", null)]
    [TestCase("", "/abs/template.yaml", null)]
    public void TemplateFile_IsRelativeToTheFilesFolder(string folder, string templateFile, string? expected)
    {
        var text = templateFile.Length == 0 ? "[default.deploy.parameters]\n" : $"[default.deploy.parameters]\ntemplate_file = \"{templateFile}\"\n";

        Assert.That(Read(text, folder + "samconfig.toml").TemplateFile, Is.EqualTo(expected));
    }

    [Test]
    public void AppliesTo_TheFolder_OrTheTemplateFileWhenItIsAnalyzed()
    {
        var folder = Read("[default.deploy.parameters]\nstack_name = \"s\"\n", "app/samconfig.toml");
        var named = Read("[default.deploy.parameters]\ntemplate_file = \"infra/stack.yaml\"\n", "app/samconfig.toml");

        Assert.Multiple(() =>
        {
            Assert.That(folder.AppliesTo("app/template.yaml", false), Is.True);
            Assert.That(folder.AppliesTo("app/other.yaml", false), Is.True);
            Assert.That(folder.AppliesTo("app/sub/template.yaml", false), Is.False, "not to subfolders");
            Assert.That(folder.AppliesTo("template.yaml", false), Is.False);
            Assert.That(named.AppliesTo("app/infra/stack.yaml", true), Is.True);
            Assert.That(named.AppliesTo("app/template.yaml", true), Is.False);
            Assert.That(named.AppliesTo("app/template.yaml", false), Is.True, "a template_file that names no analyzed template leaves the folder rule");
        });
    }

    [TestCase("[default.deploy.parameters]\nstack_name = \"abc\nregion = \"x\"\n", "2:18-3:1", "Invalid TOML: invalid newline in a string")]
    [TestCase("[default.deploy.parameters]\r\nstack_name = \"abc\r\nregion = \"x\"\r\n", "2:18-3:1", "Invalid TOML: invalid newline in a string")]
    [TestCase("[default.deploy.parameters]\nstack_name = = 3\n", "2:14-2:15", "Invalid TOML: unexpected token `=` for a value")]
    [TestCase("[default.deploy.parameters\nstack_name = 1\n", "1:27-2:1", "Invalid TOML: unexpected token found a line break (token: `newline`) while expecting `]` (token: `closebracket`)")]
    [TestCase("[default.deploy.parameters]\nstack_name = ", "2:14-2:14", "Invalid TOML: unexpected token `<eof>` for a value")]
    [TestCase("[default.deploy.parameters]\nstack_name = \"abc", "2:18-2:18", "Invalid TOML: invalid End-Of-File found on string literal")]
    [TestCase("[default.deploy.parameters]\nstack_name = \"a\"\nstack_name = \"b\"\n", "3:1-3:2", "Duplicate key 'default.deploy.parameters.stack_name' (first defined at line 2)")]
    [TestCase("[default.deploy.parameters]\na = 1\n[default.deploy.parameters]\nb = 2\n", "3:1-3:2", "Duplicate key 'default.deploy.parameters' (first defined at line 1)")]
    [TestCase("# é😀\nstack_name = \"😀\" x\n", "2:19-2:20", "Invalid TOML: unexpected token found `x` while expecting token `newline`")]
    public void Toml_SyntaxError_IsLocatedAtTheFirstCharacterItCannotAccept_AndTheFileIsNotUsed(string text, string range, string message)
    {
        var config = Read(text);

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.False);
            Assert.That(Problems(config), Is.EqualTo(new[] { $"{range} {message}" }));
            Assert.That(config.Problems[0].Kind, Is.EqualTo(message.StartsWith("Duplicate", StringComparison.Ordinal) ? SyntaxProblemKind.DuplicateKey : SyntaxProblemKind.SyntaxError));
            Assert.That(config.StackName, Is.Null);
            Assert.That(config.HasEnvironment, Is.False);
        });
    }

    [TestCase(64, "", "")]
    [TestCase(200_000, "", "")]
    [TestCase(64, "# [[[ \"not\" '{' counted\ns = \"[[\" \nm = \"\"\"\n[[[\"\"\"\nl = '''\n{{{'''\n", "")]
    [TestCase(40, "", "{a = ")]
    public void Toml_NestingBeyondTheParsersLimit_IsPL0001AtTheBracketThatCrossesIt_NotACrash(int levels, string before, string inner)
    {
        // Tomlyn 2.10 throws TomlException at 64 nested arrays or inline tables; 63 is the deepest it reads.
        var opening = string.Concat(Enumerable.Repeat("[" + inner, levels));
        var text = $"{before}[default.deploy.parameters]\nx = {opening}1{new string(']', levels)}\n";
        var line = before.Count(c => c == '\n') + 2;
        var column = 5 + Offset(opening, SamConfig.TomlMaxDepth + 1);

        var config = Read(text);

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.False);
            Assert.That(config.Problems.Select(p => $"{p.Kind} {Range(p.Location)} {p.Message}"), Is.EqualTo(new[]
            {
                $"LimitExceeded {line}:{column}-{line}:{column + 1} Arrays and inline tables are nested deeper than 63 levels, the limit for samconfig.toml",
            }));
        });
    }

    [Test]
    public void Toml_NestedToTheParsersLimit_IsRead()
    {
        var config = Read($"[default.deploy.parameters]\nx = {new string('[', 62)}1{new string(']', 62)}\nstack_name = \"s\"\n");

        Assert.That(config.Problems, Is.Empty);
        Assert.That(config.StackName, Is.EqualTo("s"));
    }

    /// <summary>The 0-based index within <paramref name="opening"/> of its <paramref name="n"/>th '[' or '{'.</summary>
    private static int Offset(string opening, int n)
    {
        for (int i = 0, seen = 0; i < opening.Length; i++)
        {
            if (opening[i] is '[' or '{' && ++seen == n)
                return i;
        }

        return -1;
    }

    [TestCase("[default.deploy.parameters]\nstack_name = \"abc\\")]
    [TestCase("x = \"\\")]
    public void Toml_BasicStringEndingTheFileWithABackslash_IsASyntaxErrorAtTheEnd(string text)
    {
        var config = Read(text);

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.False);
            Assert.That(config.Problems.Select(p => $"{p.Kind} {Range(p.Location)} {p.Message}"), Is.EqualTo(new[]
            {
                $"SyntaxError {text.Split('\n').Length}:{text.Split('\n')[^1].Length + 1}-{text.Split('\n').Length}:{text.Split('\n')[^1].Length + 1} Invalid TOML: the file ends inside an escape sequence",
            }));
        });
    }

    [Test]
    public void Toml_EndOfFileError_InAFileEndingWithALineBreak_IsOnTheLastLine()
    {
        var config = Read("[default.deploy.parameters]\nstack_name = \"\"\"abc\n");

        Assert.That(config.Problems.Select(p => Range(p.Location)), Is.EqualTo(new[] { "2:20-2:20" }));
    }

    [Test]
    public void Toml_WithByteOrderMarkAndCrLf_KeepsPositions()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[default.deploy.parameters]\r\ntags = \"InspectorExclusion=LambdaStandardScanning\"\r\nstack_name = = 1\r\n")).ToArray();
        var broken = SamConfig.Read(SourceText.Decode("samconfig.toml", bytes, out _), SamConfig.DefaultEnvironment);
        var clean = SamConfig.Read(SourceText.Decode("samconfig.toml", bytes.AsSpan(0, bytes.Length - "stack_name = = 1\r\n".Length), out _), SamConfig.DefaultEnvironment);

        Assert.Multiple(() =>
        {
            Assert.That(Problems(broken), Is.EqualTo(new[] { "3:14-3:15 Invalid TOML: unexpected token `=` for a value" }));
            Assert.That(Range(clean.Tags[0].Location), Is.EqualTo("2:9-2:50"));
            Assert.That(Range(clean.Tags[0].Key.Location), Is.EqualTo("2:9-2:27"));
        });
    }

    [Test]
    public void Toml_LoneCarriageReturn_IsASyntaxError()
    {
        var config = Read("[default.deploy.parameters]\rstack_name = \"s\"\n");

        Assert.That(Problems(config), Is.EqualTo(new[] { "1:28-2:1 Invalid TOML: invalid \\r not followed by \\n" }));
    }

    [Test]
    public void Yaml_SyntaxError_IsLocatedAsForTemplates_AndTheFileIsNotUsed()
    {
        var config = Read("default:\n  deploy:\n    parameters:\n      stack_name: [a\n", "samconfig.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.False);
            Assert.That(config.Problems, Has.Count.EqualTo(1));
            Assert.That(config.Problems[0].Message, Does.StartWith("Invalid YAML: "));
            Assert.That(config.Problems[0].Location.Start.Line, Is.EqualTo(4));
        });
    }

    [Test]
    public void Yaml_RepeatedKey_MakesTheFileUnusable()
    {
        var config = Read("default:\n  deploy:\n    parameters:\n      stack_name: a\n      stack_name: b\n", "samconfig.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.False);
            Assert.That(Problems(config), Is.EqualTo(new[] { "5:7-5:17 Duplicate key 'stack_name' (first defined at line 4)" }));
            Assert.That(config.StackName, Is.Null);
        });
    }

    [TestCase("- default\n", "1:1-1:10")]
    [TestCase("just text\n", "1:1-1:10")]
    public void Yaml_RootThatIsNotAMapping_MakesTheFileUnusable(string text, string range)
    {
        var config = Read(text, "samconfig.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.False);
            Assert.That(Problems(config), Is.EqualTo(new[] { $"{range} The samconfig file must be a mapping of environment names to settings; it is not used" }));
        });
    }

    [TestCase("samconfig.toml", "")]
    [TestCase("samconfig.toml", "version = 0.1\n")]
    [TestCase("samconfig.yaml", "")]
    [TestCase("samconfig.yaml", "version: 0.1\n")]
    [TestCase("samconfig.yaml", "# nothing yet\n")]
    public void FileWithoutEnvironments_IsUsable_AndDefinesNone(string path, string text)
    {
        var config = Read(text, path);

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.True);
            Assert.That(config.Environments, Is.Empty);
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [Test]
    public void Yaml_NullValues_AreAbsent()
    {
        var config = Read("default:\n  deploy:\n    parameters:\n      stack_name:\n      tags: ~\n", "samconfig.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(config.StackName, Is.Null);
            Assert.That(config.Tags, Is.Empty);
            Assert.That(config.Problems, Is.Empty);
        });
    }

    [Test]
    public void MalformedItems_AreReportedAtTheItem_AndTheOthersAreUsed()
    {
        var config = Read("""
            [default.deploy.parameters]
            stack_name = "orders"
            tags = "team=orders oops =empty-key InspectorExclusion=LambdaStandardScanning"
            parameter_overrides = ["Env=prod", "DbHost"]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.True);
            Assert.That(config.StackName, Is.EqualTo("orders"));
            Assert.That(Tags(config), Is.EqualTo(new[] { "team=orders", "InspectorExclusion=LambdaStandardScanning" }));
            Assert.That(Parameters(config), Is.EqualTo(new[] { "Env=prod" }));
            Assert.That(Problems(config), Is.EqualTo(new[]
            {
                "3:21-3:25 samconfig 'tags' item is not Key=Value; it is not used",
                "3:26-3:36 samconfig 'tags' item has an empty key; it is not used",
                "4:37-4:43 samconfig 'parameter_overrides' item is not Key=Value or ParameterKey=Key,ParameterValue=Value; it is not used",
            }));
            Assert.That(config.Problems.Select(p => p.Kind), Is.All.EqualTo(SyntaxProblemKind.InvalidValue));
        });
    }

    [TestCase("stack_name = \"\"", "2:1-2:11 samconfig 'stack_name' must be a non-empty string; it is not used")]
    [TestCase("stack_name = [\"a\"]", "2:1-2:11 samconfig 'stack_name' must be a non-empty string; it is not used")]
    [TestCase("region = { name = \"x\" }", "2:1-2:7 samconfig 'region' must be a non-empty string; it is not used")]
    [TestCase("template_file = \"\"", "2:1-2:14 samconfig 'template_file' must be a non-empty string; it is not used")]
    [TestCase("tags = { team = \"orders\" }", "2:1-2:5 samconfig 'tags' must be a string of Key=Value items, or a list of such strings; it is not used")]
    [TestCase("tags = [[\"a=b\"]]", "2:1-2:5 samconfig 'tags' must be a string of Key=Value items, or a list of such strings; it is not used")]
    [TestCase("parameter_overrides = 3.5", "2:23-2:26 samconfig 'parameter_overrides' item is not Key=Value or ParameterKey=Key,ParameterValue=Value; it is not used")]
    public void Toml_ValueOfTheWrongForm_IsReportedAtItsKey(string line, string expected)
    {
        var config = Read($"[default.deploy.parameters]\n{line}\ns3_prefix = \"orders\"\n");

        Assert.Multiple(() =>
        {
            Assert.That(config.IsUsable, Is.True);
            Assert.That(Problems(config), Is.EqualTo(new[] { expected }));
        });
    }

    [TestCase("stack_name: [a]", "4:7-4:17 samconfig 'stack_name' must be a non-empty string; it is not used")]
    [TestCase("stack_name: ''", "4:7-4:17 samconfig 'stack_name' must be a non-empty string; it is not used")]
    [TestCase("tags: {team: orders}", "4:7-4:11 samconfig 'tags' must be a string of Key=Value items, or a list of such strings; it is not used")]
    [TestCase("tags: [[a=b]]", "4:7-4:11 samconfig 'tags' must be a string of Key=Value items, or a list of such strings; it is not used")]
    public void Yaml_ValueOfTheWrongForm_IsReportedAtItsKey(string line, string expected)
    {
        var config = Read($"default:\n  deploy:\n    parameters:\n      {line}\n", "samconfig.yaml");

        Assert.That(Problems(config), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Toml_NumbersAndBooleans_AreReadAsTheirText()
    {
        var config = Read("[default.deploy.parameters]\nstack_name = 2024\nparameter_overrides = [\"Size=2\", \"Debug=true\"]\n");

        Assert.Multiple(() =>
        {
            Assert.That(config.StackName, Is.EqualTo("2024"));
            Assert.That(Parameters(config), Is.EqualTo(new[] { "Size=2", "Debug=true" }));
        });
    }
    // Issue 11: 80,000 parameter_overrides items took more than five minutes, each item scanning the items kept so
    // far for its key; the work is now two passes, counted in ReadOperations.
    [TestCase(false)]
    [TestCase(true)]
    public void Toml_80000ParameterOverrides_AreReadInTwoPassesAndALaterItemWins(bool asList)
    {
        const int Count = 80_000;
        var items = Enumerable.Range(0, Count).Select(i => $"P{i % (Count / 2)}=v{i}").ToList();
        var value = asList ? $"[{string.Join(", ", items.Select(i => $"\"{i}\""))}]" : $"\"{string.Join(' ', items)}\"";

        var config = Read($"version = 0.1\n[default.deploy.parameters]\nparameter_overrides = {value}\n");

        Assert.Multiple(() =>
        {
            Assert.That(config.Problems, Is.Empty);
            Assert.That(config.ParameterOverrides, Has.Count.EqualTo(Count / 2));
            Assert.That(Parameters(config)[0], Is.EqualTo($"P0=v{Count / 2}"), "the later item wins, in the place of the later item");
            Assert.That(Parameters(config)[^1], Is.EqualTo($"P{Count / 2 - 1}=v{Count - 1}"));
            Assert.That(config.ReadOperations, Is.LessThanOrEqualTo(2L * Count + 10));
        });
    }

    [Test]
    public void Toml_RepeatedParameterAndTagKeys_KeepTheLastItemInItsPlace()
    {
        var config = Read("[default.deploy.parameters]\nparameter_overrides = \"A=1 B=2 A=3\"\ntags = \"x=1 y=2 x=3\"\n");

        Assert.Multiple(() =>
        {
            Assert.That(Parameters(config), Is.EqualTo(new[] { "B=2", "A=3" }));
            Assert.That(Tags(config), Is.EqualTo(new[] { "y=2", "x=3" }));
        });
    }

    // Issue 11: 60,000 environments scanned the names seen so far at each table; now one set look-up each.
    [TestCase("samconfig.toml")]
    [TestCase("samconfig.yaml")]
    public void ManyEnvironments_AreCollectedWithOneLookUpPerTable(string path)
    {
        const int Count = 60_000;
        var text = new StringBuilder("version = 0.1\n");
        if (path.EndsWith(".yaml", StringComparison.Ordinal))
            text.Clear();
        for (var i = 0; i < Count; i++)
        {
            text.Append(path.EndsWith(".toml", StringComparison.Ordinal)
                ? $"[e{i}.deploy.parameters]\nstack_name = \"s{i}\"\n"
                : $"e{i}:\n  deploy:\n    parameters:\n      stack_name: s{i}\n");
        }

        var config = Read(text.ToString(), path, environment: "e59999");

        Assert.Multiple(() =>
        {
            Assert.That(config.Problems, Is.Empty);
            Assert.That(config.Environments, Has.Count.EqualTo(Count));
            Assert.That(config.Environments[^1], Is.EqualTo("e59999"));
            Assert.That(config.StackName, Is.EqualTo("s59999"));
            Assert.That(config.ReadOperations, Is.LessThanOrEqualTo(2L * Count));
        });
    }
}
