using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Workspace;

public sealed class ProjectLoaderTests
{
    private const string Template = """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
        """;

    [Test]
    public void Load_KeepsOnlyDocumentsThatAreTemplates()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.CopyFrom(CasePath("014-commented-resources-not-a-template"));
        repository.CopyFrom(CasePath("018-workflow-on-key-and-compose"));
        repository.Write("untyped.yaml", "Resources:\n  A:\n    Properties: {}\n");
        repository.Write("null-type.yaml", "Resources:\n  A:\n    Type:\n");
        repository.Write("list-type.yaml", "Resources:\n  A:\n    Type: [AWS::Lambda::Function]\n");
        repository.Write("empty-resources.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
        repository.Write("resources-list.yaml", "Resources:\n  - Type: AWS::Lambda::Function\n");
        repository.Write("scalar.yaml", "just text\n");
        repository.Write("empty.yaml", string.Empty);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "template.yaml" }));
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.Notifications, Is.Empty);
            Assert.That(result.FileCount, Is.EqualTo(1));
            Assert.That(result.Project.Ledger.Exists, Is.False, "a missing default ledger is an empty ledger");
            Assert.That(result.Project.Ledger.Exclusions, Is.Empty);
        });
    }

    [Test]
    public void Load_MultiDocumentFile_JudgesEachDocument()
    {
        using var repository = new TemporaryRepository();
        repository.Write("stacks.yaml", $"""
            apiVersion: apps/v1
            kind: Deployment
            ---
            {Template}
            ---
            # comment only
            ---
            Resources:
              Other:
                Type: AWS::SQS::Queue
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Select(t => (t.Path, t.DocumentIndex)), Is.EqualTo(new[] { ("stacks.yaml", 1), ("stacks.yaml", 3) }));
            Assert.That(result.Project.Templates[1].Resources.Single().LogicalId, Is.EqualTo("Other"));
            Assert.That(result.FileCount, Is.EqualTo(1));
        });
    }

    [TestCase("Resources:\n", true)]
    [TestCase("x: 1\nResources :\n", true)]
    [TestCase("AWSTemplateFormatVersion: '2010-09-09'", true)]
    [TestCase("Transform: AWS::Serverless-2016-10-31", true)]
    [TestCase("{\"Resources\": 1}", true)]
    [TestCase("{\n\t\"AWSTemplateFormatVersion\": \"2010-09-09\"", true)]
    [TestCase("  Resources:\n", false)]
    [TestCase("#Resources:\n", false)]
    [TestCase("MyResources:\n", false)]
    [TestCase("Resources\n", false)]
    [TestCase("{\"resources\": 1}", false)]
    public void LooksLikeTemplate(string text, bool expected) =>
        Assert.That(ProjectLoader.LooksLikeTemplate(text), Is.EqualTo(expected));

    [Test]
    public void Load_BrokenFile_IsPl0001OnlyWhenItLooksLikeATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write("good.yaml", Template);
        repository.Write("broken.yaml", "Resources:\n  Fn: {Type: x\n");
        repository.Write("broken-other.yaml", "steps: [\n");
        repository.Write("broken.json", "{\"Resources\": {\"Fn\": }}");
        repository.Write("banner/template.yml", File.ReadAllText(CasePath("012-synth-banner-in-template/infra/template.yml")));

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)}"), Is.EqualTo(new[]
            {
                "PL0001 banner/template.yml 4:10-4:11",
                "PL0001 broken.json 1:22-1:23",
                "PL0001 broken.yaml 2:15-2:15",
            }));
            Assert.That(result.Diagnostics[2].Message, Is.EqualTo("Invalid YAML: the file ends inside the flow mapping opened at 2:7 (expected ',' or '}')"));
            Assert.That(result.Diagnostics.Select(d => d.Severity), Has.All.EqualTo(DiagnosticSeverity.Error));
            Assert.That(result.Project.BrokenTemplatePaths, Is.EquivalentTo(new[] { "banner/template.yml", "broken.json", "broken.yaml" }));
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "good.yaml" }));
            Assert.That(result.FileCount, Is.EqualTo(4));
        });
    }

    [Test]
    public void Load_DuplicateLogicalId_IsNamedSo_AndOtherDuplicatesAreDuplicateKeys()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: a
                  Handler: b
              Fn:
                Type: AWS::SQS::Queue
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "6:7-6:14 Duplicate key 'Handler' (first defined at line 5)",
                "7:3-7:5 Duplicate logical ID 'Fn' (first defined at line 2)",
            }));
            Assert.That(result.Project.Templates.Single().Resources.Select(r => $"{r.LogicalId} {r.Type}"), Is.EqualTo(new[] { "Fn AWS::SQS::Queue" }),
                "a repeated key does not blind the template: it is analyzed with the last definition, as CloudFormation deploys it (docs/conventions.md#c4)");
            Assert.That(result.Project.BrokenTemplatePaths, Is.Empty);
        });
    }

    [Test]
    public void Load_DuplicateLogicalId_InJson()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.json", "{\"Resources\": {\n  \"Fn\": {\"Type\": \"AWS::SQS::Queue\"},\n  \"Fn\": {\"Type\": \"AWS::SQS::Queue\"}}}");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.That(result.Diagnostics.Select(d => $"{Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
        {
            "3:3-3:7 Duplicate logical ID 'Fn' (first defined at line 2)",
        }));
    }

    [Test]
    public void Load_ParameterAndResourceWithOneName_IsPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Parameters:
              Queue:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 5:3-5:8 Duplicate logical ID 'Queue': declared as a parameter (line 2) and as a resource",
            }));
            Assert.That(result.Project.Templates.Single().Resources.Single().LogicalId, Is.EqualTo("Queue"), "the template is still analyzed");
        });
    }

    [Test]
    public void Parse_YamlFileHoldingTabIndentedJson_IsReadWithJsonPositionsAndValues()
    {
        var text = "{\n\t\"Resources\": {\n\t\t\"Fn\": {\n\t\t\t\"Type\": \"AWS::Lambda::Function\",\n\t\t\t\"Description\": \"\\ud834\\udd1e caf\\u00e9\"\n\t\t}\n\t}\n}\n";
        var asYaml = ProjectLoader.Parse(SourceText.From("template.yaml", text), ParseLimits.Default);
        var asJson = ProjectLoader.Parse(SourceText.From("template.json", text), ParseLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(asJson.Format, Is.EqualTo(SourceFormat.Json));
            Assert.That(asYaml.Problems, Is.Empty);
            Assert.That(PolicyLint.Core.Semantics.TemplateModel.IsTemplate(asYaml.Documents[0]), Is.True);
            foreach (var tree in new[] { asYaml, asJson })
            {
                var resources = ((MappingNode)tree.Documents[0]!).Find("Resources")!;
                var fn = (MappingNode)((MappingNode)resources.Value).GetValue("Fn")!;
                Assert.That(Range(resources.Key), Is.EqualTo("2:2-2:13"), tree.Format.ToString());
                Assert.That(Range(fn.Find("Type")!.Key), Is.EqualTo("4:4-4:10"), tree.Format.ToString());
                Assert.That(fn.GetValue("Description")!.AsScalar()!.Value, Is.EqualTo("𝄞 café"), tree.Format.ToString());
            }
        });
    }

    [Test]
    public void Parse_TemplateExtension_ChoosesTheFrontEndByFirstCharacter()
    {
        var json = ProjectLoader.Parse(SourceText.From("stack.template", "  {\"Resources\": {}}"), ParseLimits.Default);
        var yaml = ProjectLoader.Parse(SourceText.From("stack.template", "Resources: {}\n"), ParseLimits.Default);
        var jsonByName = ProjectLoader.Parse(SourceText.From("x.JSON", "{\"a\":\n1}"), ParseLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(json.Format, Is.EqualTo(SourceFormat.Json));
            Assert.That(yaml.Format, Is.EqualTo(SourceFormat.Yaml));
            Assert.That(jsonByName.Format, Is.EqualTo(SourceFormat.Json));
        });
    }

    [Test]
    public void Load_TooLargeFile_IsPl0001WhenItLooksLikeATemplate_ElseANote()
    {
        using var repository = new TemporaryRepository();
        repository.Write("small.yaml", Template);
        repository.Write("large.yaml", Template + "\n" + new string('#', 100) + "\n");
        repository.Write("large-other.yaml", "items:\n" + string.Concat(Enumerable.Repeat("  - x\n", 30)));
        var limits = new ParseLimits(MaxFileBytes: 70);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, Limits = limits });

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetByteCount(Template), Is.LessThanOrEqualTo(70));
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 large.yaml 1:1-1:1 The file is larger than the limit of 70 bytes and was not read",
            }));
            Assert.That(result.Notifications, Is.EqualTo(new[]
            {
                new ToolNotification("note", "Skipped: larger than the limit of 70 bytes", "large-other.yaml"),
            }));
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "small.yaml" }));
            Assert.That(result.FileCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Load_InvalidUtf8_IsPl0001AtTheFirstInvalidByte_WhenItLooksLikeATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.WriteBytes("template.yaml", [.. "Resources:\n  Fn: # caf"u8, 0xE9, .. "\n    Type: AWS::SQS::Queue\n"u8]);
        repository.WriteBytes("notes.yaml", [.. "title: caf"u8, 0xE9, .. "\n"u8]);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 template.yaml 2:12-2:13 The file is not valid UTF-8 (templates are UTF-8 text); the first invalid byte is here",
            }));
            Assert.That(result.Project.Templates, Is.Empty);
            Assert.That(result.Notifications, Is.Empty);
        });
    }

    [Test]
    public void Load_UnreadableFiles_ArePL0001OrNotifications_AndOtherFilesAreStillLoaded()
    {
        using var repository = new TemporaryRepository();
        repository.Write("a-locked.yaml", Template);
        repository.Write("b-gone.yaml", Template);
        repository.Write("c-ok.yaml", Template);
        var reader = new FaultyFileSource(repository.Root, new Dictionary<string, Exception>
        {
            ["a-locked.yaml"] = new UnauthorizedAccessException("Access to the path is denied"),
            ["b-gone.yaml"] = new FileNotFoundException("Could not find file"),
        });

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, Source = reader });

        Assert.Multiple(() =>
        {
            // Denied: content unknown, the gate fails closed (third new-user trial). Gone: nothing to deploy.
            Assert.That(result.Notifications, Is.EqualTo(new[] { new ToolNotification("warning", "Cannot read file: Could not find file", "b-gone.yaml") }));
            Assert.That(result.Notifications.Any(n => n.IsToolFailure), Is.False);
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "c-ok.yaml" }));
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path}({d.Location.Start}) {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 a-locked.yaml(1:1) The file cannot be read (Access to the path is denied), so what it defines is unknown; make it readable, or leave it out of the analysis with exclude in .policylint.yaml",
            }));
            Assert.That(result.Project.BrokenTemplatePaths, Is.EqualTo(new[] { "a-locked.yaml" }));
            Assert.That(result.FileCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Load_UnreadableLedger_IsPL0001_AndTheLedgerIsBroken()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: []\n");
        var reader = new FaultyFileSource(repository.Root, new Dictionary<string, Exception>
        {
            [LoadRequest.DefaultLedgerPath] = new IOException("Input/output error"),
        });

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, Source = reader });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 security/inspector-exclusions.yaml 1:1-1:1 Cannot read the ledger: Input/output error; no exclusion tag can be matched, so unrecorded exclusions (PL1001, PL1005) are not checked",
            }));
            Assert.That(result.Notifications, Is.Empty);
            Assert.That(result.Project.Ledger.IsBroken, Is.True);
            Assert.That(result.Project.Templates, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Load_Ledger_IsNotATemplateCandidate_AndIsCounted()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: []\nResources: {A: {Type: X}}\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates, Is.Empty);
            Assert.That(result.Project.Ledger.Exists, Is.True);
            Assert.That(result.FileCount, Is.EqualTo(1));
            Assert.That(result.Diagnostics, Is.Empty);
        });
    }

    [Test]
    public void Load_BrokenLedger_IsPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: [\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 security/inspector-exclusions.yaml 2:14-2:14 Invalid YAML: while parsing a node, did not find expected node content",
            }));
            Assert.That(result.Project.Ledger.IsBroken, Is.True);
            Assert.That(result.FileCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Load_LedgerAtAnotherPath_AndExcludedPaths()
    {
        using var repository = new TemporaryRepository();
        repository.Write("config/ledger.yaml", "version: 1\nexclusions: []\n");
        repository.Write(".policylint.yaml", "Resources: {A: {Type: AWS::SQS::Queue}}\n");

        var result = ProjectLoader.Load(new LoadRequest
        {
            Root = repository.Root,
            LedgerPath = "config/ledger.yaml",
            LedgerIsExplicit = true,
            ExcludedPaths = new HashSet<string>(StringComparer.Ordinal) { ".policylint.yaml" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Ledger.Exists, Is.True);
            Assert.That(result.Project.Ledger.Source.Path, Is.EqualTo("config/ledger.yaml"));
            Assert.That(result.Project.Templates, Is.Empty);
        });
    }

    [Test]
    public void Load_AliasBomb_UnderMetadata_IsNotPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CasePath("037-alias-amplification-and-deep-nesting"));

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "deep.json", "template.yaml" }));
            Assert.That(result.Project.Templates[1].LimitExceeded, Is.Null);
        });
    }

    private const string FunctionTemplate = """
        Parameters:
          Env: { Type: String, Default: dev }
          Size: { Type: String, Default: "1" }
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub ${AWS::StackName}-${Env}
        """;

    private static string Describe(TemplateModel template) =>
        $"{template.Path}: stack={template.Settings.StackName ?? "-"} region={template.Settings.Region ?? "-"} " +
        $"parameters={string.Join(",", template.Settings.ParameterOverrides.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))} " +
        $"tags={string.Join(",", template.Settings.StackTags.Select(t => $"{t.Key.Value}={t.Value.Value}"))}";

    [Test]
    public void Load_Samconfig_AppliesToTheTemplatesOfItsOwnFolder_AndIsCountedButNeverATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("orders/template.yaml", FunctionTemplate);
        repository.Write("orders/queues.yaml", FunctionTemplate);
        repository.Write("orders/sub/template.yaml", FunctionTemplate);
        repository.Write("orders/samconfig.toml", """
            version = 0.1
            [default.deploy.parameters]
            stack_name = "orders"
            region = "eu-west-1"
            parameter_overrides = "Env=prod"
            tags = "team=orders"
            """);
        repository.Write("billing/template.yaml", FunctionTemplate);
        repository.Write("billing/samconfig.yaml", """
            version: 0.1
            default:
              deploy:
                parameters:
                  stack_name: billing
                  Resources: not a template
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Select(Describe), Is.EqualTo(new[]
            {
                "billing/template.yaml: stack=billing region=- parameters= tags=",
                "orders/queues.yaml: stack=orders region=eu-west-1 parameters=Env=prod tags=team=orders",
                "orders/sub/template.yaml: stack=- region=- parameters= tags=",
                "orders/template.yaml: stack=orders region=eu-west-1 parameters=Env=prod tags=team=orders",
                "template.yaml: stack=- region=- parameters= tags=",
            }));
            Assert.That(result.Project.Templates[3].Functions[0].StaticName, Is.EqualTo("orders-prod"));
            Assert.That(result.FileCount, Is.EqualTo(7), "five templates and two samconfig files");
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.Notifications, Is.Empty);
        });
    }

    [TestCase(new[] { "samconfig.toml", "samconfig.yaml", "samconfig.yml" }, "from-toml")]
    [TestCase(new[] { "samconfig.yaml", "samconfig.yml" }, "from-yaml")]
    [TestCase(new[] { "samconfig.yml" }, "from-yml")]
    public void Load_Samconfig_PrefersTomlThenYamlThenYml_AndReadsOnlyThatOne(string[] files, string expected)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        foreach (var file in files)
        {
            // Only the preferred file is valid: the others would be PL0001 if they were read.
            var name = "from-" + file[(file.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var broken = file == files[0] ? string.Empty : " [";
            repository.Write(file, file.EndsWith(".toml", StringComparison.Ordinal)
                ? $"[default.deploy.parameters]\nstack_name = \"{name}\"\n"
                : $"default:\n  deploy:\n    parameters:\n      stack_name: {name}{broken}\n");
        }

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Single().Settings.StackName, Is.EqualTo(expected));
            Assert.That(result.FileCount, Is.EqualTo(2));
            Assert.That(result.Diagnostics, Is.Empty, "a file not chosen is not read");
        });
    }

    [Test]
    public void Load_Samconfig_CommandLineAndConfigurationValuesWin()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", """
            [default.deploy.parameters]
            stack_name = "from-samconfig"
            region = "eu-west-1"
            parameter_overrides = "Env=samconfig Size=2"
            """);

        var configured = ProjectLoader.Load(new LoadRequest
        {
            Root = repository.Root,
            Resolution = new ResolutionSettings
            {
                StackName = "from-cli",
                ParameterOverrides = new Dictionary<string, string>(StringComparer.Ordinal) { ["Env"] = "from-cli" },
            },
        });
        var unconfigured = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(Describe(configured.Project.Templates.Single()), Is.EqualTo("template.yaml: stack=from-cli region=eu-west-1 parameters=Env=from-cli,Size=2 tags="));
            Assert.That(Describe(unconfigured.Project.Templates.Single()), Is.EqualTo("template.yaml: stack=from-samconfig region=eu-west-1 parameters=Env=samconfig,Size=2 tags="));
            Assert.That(unconfigured.Project.Templates.Single().Functions[0].StaticName, Is.EqualTo("from-samconfig-samconfig"));
        });
    }

    [Test]
    public void Load_Samconfig_ReadsTheRequestedEnvironment()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", """
            [default.deploy.parameters]
            stack_name = "dev-stack"
            [prod.deploy.parameters]
            stack_name = "prod-stack"
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, ConfigEnvironment = "prod" });

        Assert.That(result.Project.Templates.Single().Settings.StackName, Is.EqualTo("prod-stack"));
    }

    [TestCase("[prod.deploy.parameters]\nstack_name = \"p\"\n[dev.deploy.parameters]\nstack_name = \"d\"\n",
        "No 'default' environment in this samconfig (it has 'prod', 'dev'); its stack name, parameter overrides and tags are not used")]
    [TestCase("[default.deploy.parameters]\nstack_name = \"d\"\n", null)]
    [TestCase("[default.build.parameters]\ncached = true\n", null)]
    [TestCase("version = 0.1\n", null)]
    [TestCase("", null)]
    public void Load_Samconfig_WithoutTheEnvironment_IsANote_OnlyWhenItDefinesOthers(string text, string? note)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", text);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Notifications.Select(n => $"{n.Level} {n.Path}: {n.Message}"), note is null ? Is.Empty : Is.EqualTo(new[] { $"note samconfig.toml: {note}" }));
            Assert.That(result.Project.Templates.Single().Settings.StackName, text.Contains("default.deploy", StringComparison.Ordinal) ? Is.EqualTo("d") : Is.Null);
            Assert.That(result.FileCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Load_SamconfigWithASyntaxError_IsPl0001_AndItsFolderIsAnalyzedWithoutIt()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"orders\"\ntags = \"a=b\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path}({d.Location.Start})-({d.Location.End}) {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 samconfig.toml(3:12)-(3:12) Invalid TOML: invalid newline in a string",
            }));
            Assert.That(result.Project.Templates.Single().Settings.StackName, Is.Null);
            Assert.That(result.Project.BrokenTemplatePaths, Is.Empty, "the templates themselves are fine");
            Assert.That(result.FileCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Load_SamconfigWithAMalformedItem_IsPl0001_AndTheRestIsUsed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"orders\"\ntags = \"oops team=orders stage=prod\"\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path}({d.Location.Start})-({d.Location.End}) {d.Message}").ToList(), Is.EqualTo(new[]
            {
                "PL0001 samconfig.toml(3:9)-(3:13) samconfig 'tags' item is not Key=Value; it is not used",
            }));
            Assert.That(Describe(result.Project.Templates.Single()), Is.EqualTo("template.yaml: stack=orders region=- parameters= tags=team=orders,stage=prod"));
        });
    }

    [Test]
    public void Load_SamconfigThatIsNotUtf8_IsPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.WriteBytes("samconfig.toml", [.. "[default.deploy.parameters]\nstack_name = \"caf"u8, 0xE9, .. "\"\n"u8]);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Location.Path}({d.Location.Start}) {d.Message}"), Is.EqualTo(new[]
            {
                "samconfig.toml(2:18) The samconfig file is not valid UTF-8; the first invalid byte is here",
            }));
            Assert.That(result.Project.Templates.Single().Settings.StackName, Is.Null);
        });
    }

    [Test]
    public void Load_SamconfigTemplateFile_NamesTheTemplate_UnlessItIsNotAnalyzed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("infra/stack.yaml", FunctionTemplate);
        repository.Write("infra/other.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"named\"\ntemplate_file = \"infra/stack.yaml\"\n");
        repository.Write("infra/samconfig.toml", "[default.deploy.parameters]\nstack_name = \"infra-folder\"\n");
        repository.Write("app/template.yaml", FunctionTemplate);
        repository.Write("app/samconfig.toml", "[default.deploy.parameters]\nstack_name = \"app\"\ntemplate_file = \".aws-sam/build/template.yaml\"\n");
        repository.Write("app/.aws-sam/build/template.yaml", FunctionTemplate);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.That(result.Project.Templates.Select(t => $"{t.Path}: {t.Settings.StackName ?? "-"}"), Is.EqualTo(new[]
        {
            "app/template.yaml: app",
            "infra/other.yaml: infra-folder",
            "infra/stack.yaml: named",
            "template.yaml: -",
        }));
        Assert.That(result.Notifications, Is.Empty, "both template_file values name what is analyzed, or a build output");
    }

    /// <summary><c>sam build</c>, <c>sam sync</c> and <c>sam package</c> read their own sections' <c>template_file</c>:
    /// those files are templates of the run too, whatever their name (a fourth new-user trial committed a tagged
    /// <c>stack.txt</c> named only under <c>[default.sync.parameters]</c>).</summary>
    [Test]
    public void Load_TemplateFilesOfTheBuildSyncAndPackageSections_AreTemplates()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("sync.txt", FunctionTemplate);
        repository.Write("built.cfn", FunctionTemplate);
        repository.Write("yaml/packaged", FunctionTemplate);
        repository.Write("samconfig.toml", "version = 0.1\n[default.deploy.parameters]\nstack_name = \"app\"\n[default.sync.parameters]\ntemplate_file = \"sync.txt\"\n[default.build.parameters]\ntemplate_file = \"built.cfn\"\n");
        repository.Write("yaml/samconfig.yaml", "version: 0.1\ndefault:\n  package:\n    parameters:\n      template_file: packaged\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.That(result.Project.Templates.Select(t => $"{t.Path}: {t.Settings.StackName ?? "-"}"), Is.EqualTo(new[]
        {
            "built.cfn: app", "sync.txt: app", "template.yaml: app", "yaml/packaged: -",
        }));
    }

    /// <summary>A samconfig whose deploy <c>template_file</c> names an undiscovered file still has its other sections'
    /// files read (the loop once moved on to the next samconfig after adding the first).</summary>
    [Test]
    public void Load_ADeployTemplateFileAndASyncTemplateFile_AreBothTemplates()
    {
        using var repository = new TemporaryRepository();
        repository.Write("deploy.cfn", FunctionTemplate);
        repository.Write("sync.txt", FunctionTemplate);
        repository.Write("samconfig.toml", "version = 0.1\n[default.deploy.parameters]\nstack_name = \"app\"\ntemplate_file = \"deploy.cfn\"\n[default.sync.parameters]\ntemplate_file = \"sync.txt\"\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.That(result.Project.Templates.Select(t => $"{t.Path}: {t.Settings.StackName ?? "-"}"), Is.EqualTo(new[] { "deploy.cfn: app", "sync.txt: -" }));
    }

    /// <summary>A nested stack's child named by a local path is read as a template whatever its name or folder (a
    /// fourth new-user trial's tagged <c>child.cfn</c> and <c>node_modules/vendor/child.yaml</c> passed the hook), its
    /// own children too; a missing child stays unread.</summary>
    [Test]
    public void Load_ANestedStacksChild_IsReadWhateverItsNameOrFolder()
    {
        using var repository = new TemporaryRepository();
        repository.Write("parent.yaml", "Resources:\n  A: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ./child.cfn}}\n  B: {Type: AWS::Serverless::Application, Properties: {Location: node_modules/vendor/child.yaml}}\n  C: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: missing.cfn}}\n");
        repository.Write("child.cfn", "Resources:\n  G: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: grandchild.txt}}\n");
        repository.Write("grandchild.txt", FunctionTemplate);
        repository.Write("node_modules/vendor/child.yaml", FunctionTemplate);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "child.cfn", "grandchild.txt", "node_modules/vendor/child.yaml", "parent.yaml" }));
            Assert.That(result.InputPaths, Does.Contain("child.cfn").And.Contain("grandchild.txt").And.Contain("node_modules/vendor/child.yaml"));
            Assert.That(result.Project.Templates.Single(t => t.Path == "parent.yaml").NestedStacks.Select(n => n.ChildProblem ?? "-"),
                Is.EqualTo(new[] { "-", "-", "its template 'missing.cfn' is not among the analyzed templates (missing, excluded, or not a template)" }));
        });
    }

    /// <summary>A file only another environment's <c>template_file</c> names is deployed by <c>sam deploy --config-env
    /// prod</c> whichever environment a run reads: a template of the default run too, bound without that environment's
    /// settings (third new-user trial: a tagged <c>app/stack</c> named only by <c>[prod]</c> passed the default run, and
    /// <c>-o app/stack</c> replaced it).</summary>
    [Test]
    public void Load_AFileOnlyAnotherEnvironmentsTemplateFileNames_IsATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write("app/stack", FunctionTemplate);
        repository.Write("app/samconfig.toml", "version = 0.1\n[prod.deploy.parameters]\nstack_name = \"app-prod\"\ntemplate_file = \"stack\"\n");

        var plain = ProjectLoader.Load(new LoadRequest { Root = repository.Root });
        var prod = ProjectLoader.Load(new LoadRequest { Root = repository.Root, ConfigEnvironment = "prod" });

        Assert.Multiple(() =>
        {
            Assert.That(plain.Project.Templates.Select(t => $"{t.Path}: {t.Settings.StackName ?? "-"}"), Is.EqualTo(new[] { "app/stack: -" }));
            Assert.That(plain.InputPaths, Does.Contain("app/stack"));
            Assert.That(prod.Project.Templates.Select(t => $"{t.Path}: {t.Settings.StackName ?? "-"}"), Is.EqualTo(new[] { "app/stack: app-prod" }));
        });
    }

    /// <summary>A <c>template_file</c> that names an excluded or missing file is a stack whose exclusion tags nobody
    /// checks: a warning at the samconfig (found by a new-user trial, where a tagged <c>stack.cfn</c> passed the hook
    /// silently). A file it names under a name discovery does not read (<c>stack.cfn</c>, <c>template</c>: a third trial
    /// committed a tagged <c>up/template</c>) is read as a template, since <c>sam deploy</c> reads it. A build output under
    /// <c>.aws-sam</c> is neither.</summary>
    [Test]
    public void ATemplateFileThatIsNotAnalyzed_IsAWarningAtItsSamconfig()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", FunctionTemplate);
        repository.Write("samconfig.toml", "[default.deploy.parameters]\nstack_name = \"named\"\ntemplate_file = \"stack.cfn\"\n");
        repository.Write("stack.cfn", FunctionTemplate);
        repository.Write("vendor/samconfig.toml", "[default.deploy.parameters]\ntemplate_file = \"template.yaml\"\n");
        repository.Write("vendor/template.yaml", FunctionTemplate);
        repository.Write("up/samconfig.toml", "[default.deploy.parameters]\nstack_name = \"up\"\ntemplate_file = \"template\"\n");
        repository.Write("up/template", FunctionTemplate);
        repository.Write("gone/samconfig.toml", "[default.deploy.parameters]\ntemplate_file = \"stack.cfn\"\n");
        repository.Write("sam/samconfig.toml", "[default.deploy.parameters]\nstack_name = \"sam\"\ntemplate_file = \".aws-sam/prod.yaml\"\n");
        repository.Write("sam/.aws-sam/prod.yaml", FunctionTemplate);
        repository.Write("vendored/samconfig.toml", "[default.deploy.parameters]\nstack_name = \"vendored\"\ntemplate_file = \"node_modules/infra/stack.yaml\"\n");
        repository.Write("vendored/node_modules/infra/stack.yaml", FunctionTemplate);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, ExcludedPaths = new HashSet<string>(StringComparer.Ordinal) { "vendor/template.yaml" } });

        Assert.That(result.Notifications.Select(n => $"{n.Level} {n.Path}: {n.Message}"), Is.EqualTo(new[]
        {
            "warning gone/samconfig.toml: template_file 'gone/stack.cfn' names a file this run does not analyze (it is not a file in the working tree), so the exclusion tags of the stack sam deploy makes from it are not checked",
            "warning vendor/samconfig.toml: template_file 'vendor/template.yaml' names a file this run does not analyze (the configuration excludes it), so the exclusion tags of the stack sam deploy makes from it are not checked",
        }));
        Assert.That(result.Project.Templates.Select(t => $"{t.Path}: {t.Settings.StackName ?? "-"}"), Is.EqualTo(new[]
        {
            "sam/.aws-sam/prod.yaml: sam", "stack.cfn: named", "template.yaml: -", "up/template: up", "vendored/node_modules/infra/stack.yaml: vendored",
        }), "each is read with the samconfig that names it, in folders discovery skips too (a second trial committed .aws-sam/prod.yaml with git add -f)");
    }

    [Test]
    public void Load_DeferringCollections_GivesTheSameResult()
    {
        // More files than CollectionDeferral.MinimumFiles, so that the sample is read first and the rest after it:
        // templates, a syntax error, a non-template and a file over the size limit, spread over the path order.
        using var repository = new TemporaryRepository();
        for (var i = 0; i < 150; i++)
        {
            var name = $"s{i:D3}/template.yaml";
            repository.Write(name, (i % 7) switch
            {
                0 => "Resources:\n  Fn: [unclosed\n",
                1 => "name: not a template\n",
                2 => $"Resources:\n  Fn{i}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Description: {new string('x', 300)}\n",
                _ => $"Resources:\n  Fn{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: fn-{i}\n",
            });
        }

        LoadResult Load(bool defer) => ProjectLoader.Load(new LoadRequest
        {
            Root = repository.Root, DeferGarbageCollection = defer, Limits = ParseLimits.Default with { MaxFileBytes = 200 },
        });

        var plain = Load(defer: false);
        var deferred = Load(defer: true);
        // This process runs on after the load: end the deferral the load may have started.
        if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            GC.EndNoGCRegion();

        static string[] Shown(LoadResult r) =>
        [
            .. r.Project.Templates.Select(t => $"{t.Path}: {string.Join(",", t.Functions.Select(f => f.LogicalId))}"),
            .. r.Diagnostics.Select(d => $"{d.Id} {d.Location} {d.Message}"),
            .. r.Notifications.Select(n => $"{n.Level} {n.Path} {n.Message}"),
            .. r.InputPaths,
            $"files {r.FileCount}, template files {r.TemplateFileCount}, parsed {r.ParsedFileCount}",
        ];

        Assert.Multiple(() =>
        {
            Assert.That(Shown(deferred), Is.EqualTo(Shown(plain)));
            Assert.That(plain.Project.Templates, Has.Count.EqualTo(150 - 22 - 22 - 22), "every file but the broken, non-template and oversized ones");
            Assert.That(plain.Diagnostics.Count(d => d.Id == EngineDiagnostics.InvalidInput.Id), Is.EqualTo(22 + 22), "a syntax error or too large: PL0001 each");
        });
    }
}
