using NUnit.Framework;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private const string Categories = "Input, ExclusionTags, ScanCoverage, LedgerHygiene, FindingNotification, SuppressionFilters, Secrets, DeployedState";

    [Test]
    public void Reads_EveryKeyOfPolicyLintYaml()
    {
        using var repository = new TemporaryRepository();
        repository.Write("ledgers/exclusions.yaml", "version: 1\nexclusions: []\n");
        repository.Write(".policylint.yaml", """
            ledger: ./ledgers/exclusions.yaml
            include: ["**/*.cfn"]
            exclude:
              - legacy/**
              - vendor/**
            stack_name: orders-prod
            parameters:
              Env: prod
              Replicas: 3
            rules:
              PL2901:
                severity: error
                limit: 7
            category:
              LedgerHygiene:
                severity: warning
            """);

        var configuration = ConfiguredRun.Load(repository.Root);

        Assert.Multiple(() =>
        {
            Assert.That(ConfiguredRun.Problems(configuration), Is.Empty);
            Assert.That(configuration.Files, Is.EqualTo(new[] { ".policylint.yaml" }));
            Assert.That(configuration.LedgerPath, Is.EqualTo("ledgers/exclusions.yaml"));
            Assert.That(configuration.Include, Is.EqualTo(new[] { "**/*.cfn" }));
            Assert.That(configuration.Exclude, Is.EqualTo(new[] { "legacy/**", "vendor/**" }));
            Assert.That(configuration.StackName, Is.EqualTo("orders-prod"));
            Assert.That(configuration.Parameters, Is.EquivalentTo(new Dictionary<string, string> { ["Env"] = "prod", ["Replicas"] = "3" }));
            Assert.That(configuration.RuleOptions, Is.EquivalentTo(new Dictionary<string, string> { ["PL2901.limit"] = "7" }));
            Assert.That(configuration.SeverityOf(EveryResourceAnalyzer.Rule), Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(configuration.SeverityOf(EveryLedgerRecordAnalyzer.Rule), Is.EqualTo(DiagnosticSeverity.Warning));
        });
    }

    [Test]
    public void Reads_NothingWhenTheRootHasNoConfiguration()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", "Resources: { Queue: { Type: AWS::SQS::Queue } }\n");

        var configuration = ConfiguredRun.Load(repository.Root);

        Assert.Multiple(() =>
        {
            Assert.That(configuration.Problems, Is.Empty);
            Assert.That(configuration.Files, Is.Empty);
            Assert.That(configuration.LedgerPath, Is.Null);
            Assert.That(configuration.Severities, Is.Empty);
            Assert.That(configuration.SeverityOf(EveryResourceAnalyzer.Rule), Is.EqualTo(DiagnosticSeverity.Warning));
        });
    }

    [Test]
    public void Reads_AnEmptyFileAsNoSettings()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "# nothing configured yet\n");

        var configuration = ConfiguredRun.Load(repository.Root);

        Assert.That(configuration.Problems, Is.Empty);
        Assert.That(configuration.Files, Is.EqualTo(new[] { ".policylint.yaml" }));
    }

    [Test]
    public void Reads_TheExplicitFileInsteadOfTheDefault()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "unknown_key: 1\n");
        repository.Write("ci/policylint.yaml", "rules: { PL2901: { severity: note } }\n");

        var configuration = ConfiguredRun.Load(repository.Root, "ci/policylint.yaml");

        Assert.That(configuration.Problems, Is.Empty);
        Assert.That(configuration.Files, Is.EqualTo(new[] { "ci/policylint.yaml" }));
        Assert.That(configuration.SeverityOf(EveryResourceAnalyzer.Rule), Is.EqualTo(DiagnosticSeverity.Note));
    }

    [Test]
    public void Reads_AllThreeFilesAtTheRoot()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "stack_name: app\n");
        repository.Write(".globalconfig", "is_global = true\n");
        repository.Write(".editorconfig", "root = true\n");

        var configuration = ConfiguredRun.Load(repository.Root);

        Assert.That(configuration.Files, Is.EqualTo(new[] { ".policylint.yaml", ".globalconfig", ".editorconfig" }));
        Assert.That(configuration.Severities.Select(s => s.Kind), Is.EqualTo(new[]
        {
            ConfigurationSourceKind.PolicyLintYaml, ConfigurationSourceKind.GlobalConfig, ConfigurationSourceKind.EditorConfig,
        }));
    }

    /// <summary>Only files at the analyzed root count: an enclosing repository's (or this repository's own)
    /// <c>.editorconfig</c> never changes how a nested root is analyzed.</summary>
    [Test]
    public void DoesNotRead_ConfigurationOfAParentFolder()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "today: 2020-01-01\n");
        repository.Write(".globalconfig", "dotnet_diagnostic.PL2901.severity = none\n");
        repository.Write(".editorconfig", "[*]\ndotnet_diagnostic.PL9999.severity = error\n");
        repository.Write("nested/template.yaml", "Resources: { Queue: { Type: AWS::SQS::Queue } }\n");
        var nested = Path.Combine(repository.Root, "nested");

        var configuration = ConfiguredRun.Load(nested);

        Assert.That(configuration.Problems, Is.Empty);
        Assert.That(configuration.Files, Is.Empty);
        Assert.That(ConfiguredRun.Run(nested), Is.EqualTo(new[] { "template.yaml(1,14): warning PL2901: Resource 'Queue'" }));
    }

    [Test]
    public void ToLoadRequest_NeverReadsTheConfigurationFilesAsTemplates()
    {
        using var repository = new TemporaryRepository();
        repository.Write("ci/policylint.yaml", "exclude: [legacy/**]\n");

        var configuration = ConfiguredRun.Load(repository.Root, "ci/policylint.yaml");
        var load = configuration.ToLoadRequest(repository.Root);

        Assert.Multiple(() =>
        {
            Assert.That(load.ExcludedPaths, Is.EquivalentTo(new[] { "ci/policylint.yaml" }));
            Assert.That(load.LedgerIsExplicit, Is.False);
            Assert.That(load.IsIncluded, Is.Null);
            Assert.That(load.IsExcluded!("legacy/a/template.yaml"), Is.True);
            Assert.That(load.IsExcluded!("services/legacy/template.yaml"), Is.False);
        });
    }

    [Test]
    public void Applies_IncludeAndExcludeGlobs()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "include: ['**/*.cfn']\nexclude: ['legacy/**']\n");
        repository.Write("stacks/app.cfn", "Resources: { Queue: { Type: AWS::SQS::Queue } }\n");
        repository.Write("stacks/app.txt", "Resources: { Ignored: { Type: AWS::SQS::Queue } }\n");
        repository.Write("legacy/template.yaml", "Resources: { Old: { Type: AWS::SQS::Queue } }\n");
        repository.Write("legacy/more.cfn", "Resources: { Older: { Type: AWS::SQS::Queue } }\n");
        repository.Write("template.yaml", "Resources: { Topic: { Type: AWS::SNS::Topic } }\n");

        Assert.That(ConfiguredRun.Run(repository.Root), Is.EqualTo(new[]
        {
            "stacks/app.cfn(1,14): warning PL2901: Resource 'Queue'",
            "template.yaml(1,14): warning PL2901: Resource 'Topic'",
        }));
    }

    [Test]
    public void Uses_TheConfiguredLedger()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "ledger: audit/ledger.yaml\n");
        repository.Write("audit/ledger.yaml", """
            version: 1
            exclusions:
              - target: { type: lambda, function_name: worker }
                scan_type: standard
                reason: { summary: Vendor code, ticket: SEC-1 }
                owner: { team: platform, approved_by: security }
                dates: { applied_at: 2026-10-01, expires_at: 2027-03-31 }
            """);

        Assert.That(ConfiguredRun.Run(repository.Root), Is.EqualTo(new[] { "audit/ledger.yaml(3,5): note PL3901: Ledger record" }));
    }

    [TestCase("rulez: {}\n", "(1,1): Unknown configuration key 'rulez' (expected one of: ledger, include, exclude, stack_name, config_env, parameters, rules, category, limits, deployed)")]
    [TestCase("today: 2026-01-01\n", "(1,1): 'today' cannot be configured: dates are compared with --today or the current UTC date")]
    [TestCase("rules:\n  PL9999:\n    severity: error\n", "(2,3): Unknown rule ID 'PL9999'")]
    [TestCase("rules:\n  pl2901:\n    severity: error\n", "(2,3): Unknown rule ID 'pl2901'")]
    [TestCase("rules:\n  PL2901:\n    window: 3\n", "(3,5): Unknown setting 'window' for PL2901 (expected: severity, limit)")]
    [TestCase("rules:\n  PL3901:\n    limit: 3\n", "(3,5): Unknown setting 'limit' for PL3901 (expected: severity)")]
    [TestCase("rules:\n  PL2901:\n    limit: soon\n", "(3,12): PL2901.limit 'soon': expected a whole number of days, at least 1")]
    [TestCase("rules:\n  PL2901:\n    limit: 0\n", "(3,12): PL2901.limit '0': expected a whole number of days, at least 1")]
    [TestCase("rules:\n  PL2901:\n    limit: [7]\n", "(3,5): 'limit' must be a single value")]
    [TestCase("rules:\n  PL2901:\n    severity: suggestion\n", "(3,15): Severity 'sugg…' (10 characters) is not one of none, note, warning, error, default")]
    [TestCase("rules:\n  PL2901:\n    severity: Error\n", "(3,15): Severity 'Erro…' (5 characters) is not one of none, note, warning, error, default")]
    [TestCase("rules:\n  PL2901:\n    severity: info\n", "(3,15): Severity 'info' is not one of none, note, warning, error, default")]
    [TestCase("rules:\n  PL0001:\n    severity: warning\n", "(3,5): The severity of PL0001 cannot be changed")]
    [TestCase("rules:\n  PL0004:\n    severity: none\n", "(3,5): The severity of PL0004 cannot be changed")]
    [TestCase("rules:\n  PL0001:\n    severity: default\n", "(3,5): The severity of PL0001 cannot be changed")]
    [TestCase("rules:\n  PL2901: error\n", "(2,3): 'PL2901' must be a mapping")]
    [TestCase("rules: [PL2901]\n", "(1,1): 'rules' must be a mapping")]
    [TestCase("category:\n  Nope:\n    severity: error\n", "(2,3): Unknown category 'Nope' (expected one of: " + Categories + ")")]
    [TestCase("category:\n  scancoverage:\n    severity: error\n", "(2,3): Unknown category 'scancoverage' (expected one of: " + Categories + ")")]
    [TestCase("category:\n  '2':\n    severity: error\n", "(2,3): Unknown category '2' (expected one of: " + Categories + ")")]
    [TestCase("category:\n  ScanCoverage:\n    level: error\n", "(3,5): Unknown setting 'level' for category ScanCoverage (expected: severity)")]
    [TestCase("category:\n  ScanCoverage:\n    severity: loud\n", "(3,15): Severity 'loud' is not one of none, note, warning, error, default")]
    [TestCase("ledger: ../ledger.yaml\n", "(1,9): 'ledger' must be a path inside the root, not '../l…' (14 characters)")]
    [TestCase("ledger: /etc/ledger.yaml\n", "(1,9): 'ledger' must be a path inside the root, not '/etc…' (16 characters)")]
    [TestCase("ledger: security/missing.yaml\n", "(1,9): The ledger 'secu…' (21 characters) does not exist")]
    [TestCase("ledger: [a.yaml]\n", "(1,1): 'ledger' must be a single value")]
    [TestCase("ledger:\n", "(1,1): 'ledger' must be a single value")]
    [TestCase("include: ['/abs/**']\n", "(1,11): '/abs…' (7 characters) is not a glob relative to the root")]
    [TestCase("exclude:\n  - ../up/**\n", "(2,5): '../u…' (8 characters) is not a glob relative to the root")]
    [TestCase("exclude:\n  - ''\n", "(2,5): '' is not a glob relative to the root")]
    [TestCase("exclude:\n  - {a: b}\n", "(2,5): Each item of 'exclude' must be a glob")]
    [TestCase("include: {a: b}\n", "(1,1): 'include' must be a glob or a list of globs")]
    [TestCase("stack_name: ''\n", "(1,13): 'stack_name' must not be empty")]
    [TestCase("stack_name: !Ref Name\n", "(1,1): 'stack_name' must be a single value")]
    [TestCase("config_env: ''\n", "(1,13): 'config_env' must not be empty")]
    [TestCase("config_env: [prod]\n", "(1,1): 'config_env' must be a single value")]
    [TestCase("parameters:\n  Env: [a, b]\n", "(2,3): 'Env' must be a single value")]
    [TestCase("parameters: prod\n", "(1,1): 'parameters' must be a mapping")]
    [TestCase("limits:\n  max_size: 10\n", "(2,3): Unknown limit 'max_size' (expected one of: max_file_bytes, max_depth, max_alias_expansion, max_files)")]
    [TestCase("limits:\n  max_depth: 0\n", "(2,14): limits.max_depth '0': expected a whole number from 1 to 10,000")]
    [TestCase("limits:\n  max_depth: 20000\n", "(2,14): limits.max_depth '2000…' (5 characters): expected a whole number from 1 to 10,000")]
    [TestCase("limits:\n  max_file_bytes: 10MB\n", "(2,19): limits.max_file_bytes '10MB': expected a whole number from 1 to 1,073,741,824")]
    [TestCase("limits:\n  max_alias_expansion: -1\n", "(2,24): limits.max_alias_expansion '-1': expected a whole number from 0 to 100,000,000")]
    [TestCase("limits: 5\n", "(1,1): 'limits' must be a mapping")]
    [TestCase("- ledger: a.yaml\n", "(1,1): The configuration must be a YAML mapping of settings")]
    [TestCase("just text\n", "(1,1): The configuration must be a YAML mapping of settings")]
    [TestCase("stack_name: a\n---\nstack_name: b\n", "(3,1): The configuration must be one YAML document")]
    public void Reports_InvalidPolicyLintYaml(string yaml, string expected)
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", yaml);

        Assert.That(ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root)), Is.EqualTo(new[] { ".policylint.yaml" + expected }));
    }

    // Issue 11: a message quotes a key (structure) but masks a value as PL6001 masks a credential, so a secret pasted
    // into the wrong setting is not printed back in every output format.
    private const string Secret = "sk-live-4eC39HqLyjWDarjtT1zdp7dc";

    [TestCase("rules:\n  PL2901:\n    severity: " + Secret + "\n")]
    [TestCase("rules:\n  PL2901:\n    limit: " + Secret + "\n")]
    [TestCase("category:\n  ScanCoverage:\n    severity: " + Secret + "\n")]
    [TestCase("ledger: " + Secret + "\n")]
    [TestCase("ledger: /" + Secret + "\n")]
    [TestCase("exclude: ['/" + Secret + "']\n")]
    [TestCase("limits:\n  max_depth: " + Secret + "\n")]
    public void Reports_AValueMasked(string yaml)
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", yaml);

        var problems = ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root));

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Count.EqualTo(1));
            Assert.That(problems[0], Does.Not.Contain("4eC39"));
            Assert.That(problems[0], Does.Match(@"'(sk-l|/sk-)…' \(3[23] characters\)"));
        });
    }

    [Test]
    public void Limits_SetOnlyTheKeysGiven_AndReachTheLoadRequest()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "limits:\n  max_depth: 50\n  max_files: 200\n");

        var config = ConfiguredRun.Load(repository.Root);

        Assert.That(config.Problems, Is.Empty);
        Assert.That(config.ToLoadRequest(repository.Root).Limits, Is.EqualTo(ParseLimits.Default with { MaxDepth = 50, MaxFiles = 200 }));
    }

    [Test]
    public void Limits_NotConfigured_AreTheDefaults()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "stack_name: orders\n");

        Assert.That(ConfiguredRun.Load(repository.Root).ToLoadRequest(repository.Root).Limits, Is.EqualTo(ParseLimits.Default));
    }

    [Test]
    public void Reports_MalformedYamlAtTheFirstCharacterTheParserCannotAccept()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "rules:\n  PL2901:\n    severity: error\n   limit: 7\n");

        var problems = ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root));

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith(".policylint.yaml(4,4): Invalid YAML: "));
    }

    [Test]
    public void Reports_ARepeatedKey()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "stack_name: a\nstack_name: b\n");

        Assert.That(ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root)), Is.EqualTo(new[]
        {
            ".policylint.yaml(2,1): Duplicate key 'stack_name' (first defined at line 1)",
        }));
    }

    [Test]
    public void Reports_AFileThatIsNotUtf8AtItsFirstInvalidByte()
    {
        using var repository = new TemporaryRepository();
        repository.WriteBytes(".policylint.yaml", [.. "stack_name: caf"u8, 0xE9, .. "\n"u8]);

        Assert.That(ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root)), Is.EqualTo(new[]
        {
            ".policylint.yaml(1,16): The configuration file is not valid UTF-8",
        }));
    }

    [Test]
    public void Reports_EveryDefectNotOnlyTheFirst()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", """
            rules:
              PL2901:
                severity: eror
              PL2999:
                severity: error
            verbose: true
            """);

        Assert.That(ConfiguredRun.Problems(ConfiguredRun.Load(repository.Root)), Is.EqualTo(new[]
        {
            ".policylint.yaml(3,15): Severity 'eror' is not one of none, note, warning, error, default",
            ".policylint.yaml(4,3): Unknown rule ID 'PL2999'",
            ".policylint.yaml(6,1): Unknown configuration key 'verbose' (expected one of: ledger, include, exclude, stack_name, config_env, parameters, rules, category, limits, deployed)",
        }));
    }

    [Test]
    public void ProblemDiagnostics_AreErrorsOfPL0004()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "verbose: true\n");

        var diagnostic = ConfiguredRun.Load(repository.Root).ProblemDiagnostics().Single();

        Assert.That(diagnostic.Id, Is.EqualTo("PL0004"));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(diagnostic.Location.Span, Is.EqualTo(new PolicyLint.Core.Text.TextSpan(0, 7)));
    }

    [TestCase("../x")]
    [TestCase("a/../../x")]
    [TestCase("/x")]
    [TestCase("")]
    [TestCase("./")]
    public void NormalizeRelative_RejectsPathsOutsideTheRoot(string path) =>
        Assert.That(ConfigurationLoader.NormalizeRelative(path), Is.Null);

    [TestCase("./a/b.yaml", "a/b.yaml")]
    [TestCase("a\\b.yaml", "a/b.yaml")]
    [TestCase("**/*.cfn", "**/*.cfn")]
    public void NormalizeRelative_KeepsPathsInsideTheRoot(string path, string expected) =>
        Assert.That(ConfigurationLoader.NormalizeRelative(path), Is.EqualTo(expected));
}
