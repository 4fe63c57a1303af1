using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>Configuration on the command line (docs/conventions.md#c20): <c>.policylint.yaml</c> or <c>--config</c>, <c>.globalconfig</c>,
/// <c>.editorconfig</c>, command-line flags over them, and PL0004 with exit code 2.</summary>
public sealed class ConfigurationTests
{
    /// <summary>Two tagged functions whose names need configuration: a parameter without default (Named) and
    /// <c>AWS::StackName</c> (Staged). The ledger records them as orders-named and orders-worker.</summary>
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Name: { Type: String }
        Resources:
          Named:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Ref Name
              Tags:
                InspectorExclusion: LambdaStandardScanning
          Staged:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub "${AWS::StackName}-worker"
              Tags:
                InspectorExclusion: LambdaStandardScanning
        """;

    private const string Ledger = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: orders-named }
            scan_type: standard
            reason: { summary: Vendor library cannot be patched, ticket: SEC-1 }
            owner: { team: orders, approved_by: security-reviewer }
            dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
          - target: { type: lambda, function_name: orders-worker }
            scan_type: standard
            reason: { summary: Vendor library cannot be patched, ticket: SEC-2 }
            owner: { team: orders, approved_by: security-reviewer }
            dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
        """;

    private const string FindingRule = "security/inspector-exclusions.yaml(1,1): warning PL4001: No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2' with detail-type 'Inspector2 Finding', or Inspector's findings among Security Hub's 'Security Hub Findings - Imported' events), so HIGH and CRITICAL findings reach nobody";
    /// <summary>Without the parameter and the stack name, PL1002 cannot tell whether the entries record those functions.</summary>
    private const string UndecidedEntries =
        "security/inspector-exclusions.yaml(3,5): info PL0002: Cannot decide whether ledger entry 'orders-named' records function 'Named' in 'template.yaml', which carries 'InspectorExclusion: LambdaStandardScanning': its FunctionName cannot be known offline: parameter 'Name' has no default\n" +
        "security/inspector-exclusions.yaml(8,5): info PL0002: Cannot decide whether ledger entry 'orders-worker' records function 'Named' in 'template.yaml', which carries 'InspectorExclusion: LambdaStandardScanning': its FunctionName cannot be known offline: parameter 'Name' has no default\n";

    /// <summary>With other names configured, the entries record no function.</summary>
    private const string StaleEntries =
        "security/inspector-exclusions.yaml(3,5): warning PL1002: Ledger entry 'orders-named' is stale: no analyzed template defines a function named 'orders-named'; remove the entry, or correct its target\n" +
        "security/inspector-exclusions.yaml(8,5): warning PL1002: Ledger entry 'orders-worker' is stale: no analyzed template defines a function named 'orders-worker'; remove the entry, or correct its target\n";

    private static string NamedNoStaticName(string severity) => $"template.yaml(10,9): {severity} PL1005: Function 'Named' has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (FunctionName depends on what is known only at deploy time: parameter 'Name' has no default); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Named'";
    private static string StagedNoStaticName(string severity) => $"template.yaml(16,9): {severity} PL1005: Function 'Staged' has exclusion tag 'InspectorExclusion' but its deployed name is not known before deployment (FunctionName depends on what is known only at deploy time: AWS::StackName is not known offline (configure stack_name in samconfig or .policylint.yaml, or --stack-name)); record it in the ledger with target.template 'template.yaml' and target.logical_id 'Staged'";

    private static TemporaryRepository Repository(params (string Path, string Text)[] files)
    {
        var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("security/inspector-exclusions.yaml", Ledger);
        foreach (var (path, text) in files)
            repository.Write(path, text);
        return repository;
    }

    private static CliRun Lint(TemporaryRepository repository, params string[] args) =>
        CliRunner.Run(repository.Root, ["--today", CliRunner.Today, .. args, repository.Root]);

    [TestCase(null)]
    [TestCase("none")]
    public void InvalidConfiguration_IsPL0004AtTheKey_NothingIsAnalyzed_ExitTwo(string? failLevel)
    {
        using var repository = Repository((".policylint.yaml", "rules:\n  PL2001:\n    severity: fatal\ntoday: 2026-01-01\n"));

        var run = Lint(repository, failLevel is null ? [] : ["--fail-level", failLevel]);

        Assert.That(run.Stdout, Is.EqualTo(
            ".policylint.yaml(3,15): error PL0004: Severity 'fata…' (5 characters) is not one of none, note, warning, error, default\n" +
            ".policylint.yaml(4,1): error PL0004: 'today' cannot be configured: dates are compared with --today or the current UTC date\n" +
            "PolicyLint: 2 errors, 0 warnings, 0 info in 1 file\n"));
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: the configuration is invalid (2 PL0004 results); nothing was analyzed\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void TurningOffOrLoweringAnErrorRule_IsAConfigurationWarningInEveryRun_NamingTheFileThatDecides()
    {
        using var repository = Repository(
            (".policylint.yaml", "stack_name: orders\nparameters:\n  Name: orders-named\nrules:\n  PL1001:\n    severity: none\n  PL2001:\n    severity: none\n"),
            (".editorconfig", "[*]\ndotnet_diagnostic.PL3004.severity = suggestion\ndotnet_diagnostic.PL1001.severity = error\n"));

        var text = Lint(repository, "--fail-level", "none");
        var sarif = Lint(repository, "--fail-level", "none", "--format", "sarif");
        var status = CliRunner.Run(repository.Root, ["ledger", "status", "--today", CliRunner.Today, "--root", repository.Root]);

        const string Warnings =
            "policylint: warning: .policylint.yaml: the configuration turns PL1001 off (Exclusion tag has no ledger entry): this run reports none of its results\n" +
            "policylint: warning: .editorconfig: the configuration lowers PL3004 (Ledger entry is invalid) from error to note: its results do not fail a run at the default --fail-level error\n";
        Assert.That(text.Stderr, Is.EqualTo(Warnings), "PL2001 is a warning by default: turning it off says nothing");
        Assert.That(status.Stderr, Is.EqualTo(Warnings), "ledger status runs the same analysis");
        using var log = sarif.Sarif();
        var invocation = log.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        var notifications = invocation.GetProperty("toolConfigurationNotifications");
        Assert.Multiple(() =>
        {
            Assert.That(notifications.GetArrayLength(), Is.EqualTo(2));
            Assert.That(notifications[0].GetProperty("level").GetString(), Is.EqualTo("warning"));
            Assert.That(notifications[0].GetProperty("message").GetProperty("text").GetString(),
                Is.EqualTo("the configuration turns PL1001 off (Exclusion tag has no ledger entry): this run reports none of its results"));
            Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void AnOptionOfAnErrorRule_IsAConfigurationWarning_ItsRuleStillAnError()
    {
        using var repository = Repository((".policylint.yaml", "stack_name: orders\nparameters:\n  Name: orders-named\nrules:\n  PL3004:\n    placeholder_pattern: '^NEVER$'\n  PL3002:\n    expiring_within_days: 30\n"));

        var run = Lint(repository, "--fail-level", "none");

        Assert.That(run.Stderr, Is.EqualTo(
            "policylint: warning: .policylint.yaml: the configuration sets PL3004.placeholder_pattern, an option of PL3004 (Ledger entry is invalid), a rule that fails a commit: what it reports depends on that value\n"),
            "PL3002 is a warning by default: its option says nothing");
    }

    [Test]
    public void InvalidConfiguration_Sarif_IsValid_AndTheRunIsNotSuccessful()
    {
        using var repository = Repository((".policylint.yaml", "rules:\n  PL2010:\n    severity: error\n"));

        var run = Lint(repository, "--format", "sarif");

        using var sarif = run.Sarif();
        var result = CliRunner.Results(sarif).Single();
        var invocation = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.Multiple(() =>
        {
            Assert.That(CliRunner.ResultKeys(sarif), Is.EqualTo(new[] { "PL0004 .policylint.yaml 2:3" }));
            Assert.That(result.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo("Unknown rule ID 'PL2010'"));
            Assert.That(result.GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(result.GetProperty("suppressions").GetArrayLength(), Is.Zero);
            Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.False);
            Assert.That(invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString(),
                Is.EqualTo("the configuration is invalid (1 PL0004 result); nothing was analyzed"));
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        });
    }

    [Test]
    public void InvalidEditorConfig_IsPL0004_OtherAnalyzersKeysAreIgnored()
    {
        using var repository = Repository((".editorconfig", """
            root = true
            [*]
            indent_style = space
            dotnet_diagnostic.CA2007.severity = none
            dotnet_diagnostic.PL2010.severity = error
            [*.cs]
            dotnet_diagnostic.PL9999.severity = error
            """));

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            ".editorconfig(5,1): error PL0004: Unknown rule ID 'PL2010' in dotnet_diagnostic.PL2010.severity\n" +
            "PolicyLint: 1 error, 0 warnings, 0 info in 1 file\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    /// <summary>PL3004.placeholder_pattern is matched in linear time: a pattern that needs backtracking (a lookbehind,
    /// a backreference) is refused like a malformed one, as PL0004 at the value, and nothing is analyzed.</summary>
    [TestCase("'(?<=x)TODO'", "'(?<=…' (10 characters)", "the pattern uses a construct that linear-time matching does not support (")]
    [TestCase(@"'(\w+)\1'", @"'(\w+…' (7 characters)", "the pattern uses a construct that linear-time matching does not support (")]
    [TestCase("'(TODO'", "'(TOD…' (5 characters)", "not a valid regular expression (InsufficientClosingParentheses at offset 5)")]
    [TestCase("''", "''", "expected a regular expression, not an empty value (it would match every value)")]
    public void InvalidPlaceholderPattern_IsPL0004AtTheValue_ExitTwo(string yaml, string masked, string why)
    {
        using var repository = Repository((".policylint.yaml", $"rules:\n  PL3004:\n    placeholder_pattern: {yaml}\n"));

        var run = Lint(repository);
        var status = CliRunner.Run(repository.Root, "ledger", "status", "--today", CliRunner.Today);

        var lines = run.Stdout.Split('\n');
        Assert.That(lines[0], Does.StartWith($".policylint.yaml(3,26): error PL0004: PL3004.placeholder_pattern {masked}: {why}"));
        Assert.That(lines[1], Is.EqualTo("PolicyLint: 1 error, 0 warnings, 0 info in 1 file"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.UsageError), "ledger status refuses the same configuration");
    }

    [Test]
    public void InvalidGlobalConfig_ASeverityForPL0001_IsPL0004()
    {
        using var repository = Repository((".globalconfig", "is_global = true\ndotnet_diagnostic.PL0001.severity = warning\n"));

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            ".globalconfig(2,1): error PL0004: The severity of PL0001 cannot be changed\n" +
            "PolicyLint: 1 error, 0 warnings, 0 info in 1 file\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void ConfiguredSeverities_ChangeTextSarifAndExitCode()
    {
        using var repository = Repository((".policylint.yaml", "rules:\n  PL1005: { severity: warning }\n  PL4001: { severity: none }\n"));

        var text = Lint(repository);
        var sarifRun = Lint(repository, "--format", "sarif");

        Assert.That(text.Stdout, Is.EqualTo(
            UndecidedEntries +
            NamedNoStaticName("warning") + "\n" +
            StagedNoStaticName("warning") + "\n" +
            "PolicyLint: 0 errors, 2 warnings, 2 info in 2 files\n"));
        Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Success));
        using var sarif = sarifRun.Sarif();
        Assert.That(CliRunner.Results(sarif).Select(r => r.GetProperty("level").GetString()), Is.EqualTo(new[] { "note", "note", "warning", "warning" }));
        Assert.That(Overrides(sarif), Is.EqualTo(new[]
        {
            $"PL1005 #{RuleIndex(sarif, "PL1005")} {{\"level\":\"warning\"}}",
            $"PL4001 #{RuleIndex(sarif, "PL4001")} {{\"enabled\":false,\"level\":\"none\"}}",
        }));
    }

    [Test]
    public void Precedence_PolicyLintYaml_ThenGlobalConfig_ThenEditorConfig()
    {
        using var repository = Repository(
            (".globalconfig", "dotnet_diagnostic.PL1005.severity = warning\ndotnet_diagnostic.PL4001.severity = suggestion\n"),
            (".editorconfig", "[*]\ndotnet_diagnostic.PL1005.severity = suggestion\ndotnet_diagnostic.PL4001.severity = error\n"));

        var withoutYaml = Lint(repository, "--format", "sarif");
        repository.Write(".policylint.yaml", "rules: { PL1005: { severity: error } }\n");
        var withYaml = Lint(repository, "--format", "sarif");

        using (var sarif = withoutYaml.Sarif())
        {
            Assert.That(Levels(sarif), Is.EqualTo(new[] { "PL4001 note", "PL0002 note", "PL0002 note", "PL1005 warning", "PL1005 warning" }));
            Assert.That(Overrides(sarif), Is.EqualTo(new[]
            {
                $"PL1005 #{RuleIndex(sarif, "PL1005")} {{\"level\":\"warning\"}}",
                $"PL4001 #{RuleIndex(sarif, "PL4001")} {{\"level\":\"note\"}}",
            }));
            Assert.That(withoutYaml.ExitCode, Is.EqualTo(ExitCodes.Success));
        }

        using (var sarif = withYaml.Sarif())
        {
            Assert.That(Levels(sarif), Is.EqualTo(new[] { "PL4001 note", "PL0002 note", "PL0002 note", "PL1005 error", "PL1005 error" }));
            Assert.That(Overrides(sarif), Is.EqualTo(new[] { $"PL4001 #{RuleIndex(sarif, "PL4001")} {{\"level\":\"note\"}}" }),
                "a rule configured to its default level is not an override");
            Assert.That(withYaml.ExitCode, Is.EqualTo(ExitCodes.Failure));
        }
    }

    [Test]
    public void ExplicitConfig_ReplacesTheDefaultFile()
    {
        using var repository = Repository(
            (".policylint.yaml", "not: valid\n"),
            ("ci/policylint.yaml", "rules: { PL4001: { severity: none } }\nstack_name: orders\nparameters: { Name: orders-named }\n"));

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--config", "ci/policylint.yaml", ".");

        Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 2 files\n"));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void ExplicitConfig_OutsideTheRootOrMissing_IsAUsageError()
    {
        using var repository = Repository();
        using var elsewhere = new TemporaryRepository();
        var outside = elsewhere.Write("policylint.yaml", "stack_name: orders\n");

        var outsideRun = Lint(repository, "--config", outside);
        var missingRun = Lint(repository, "--config", Path.Combine(repository.Root, "missing.yaml"));

        Assert.That(outsideRun.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(outsideRun.Stderr, Is.EqualTo($"policylint: error: --config '{outside}' is outside the root '{repository.Root}'\n"));
        Assert.That(outsideRun.Stdout, Is.Empty);
        Assert.That(missingRun.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(missingRun.Stderr, Is.EqualTo($"policylint: error: --config '{Path.Combine(repository.Root, "missing.yaml")}' does not exist\n"));
    }

    [Test]
    public void StackNameAndParameters_FromConfiguration_CommandLineWins()
    {
        using var repository = Repository((".policylint.yaml", "stack_name: orders\nparameters:\n  Name: orders-named\n"));

        var configured = Lint(repository);
        var overridden = Lint(repository, "--stack-name", "billing", "--parameter", "Name=billing-named");

        Assert.That(configured.Stdout, Is.EqualTo($"{FindingRule}\nPolicyLint: 0 errors, 1 warning, 0 info in 2 files\n"));
        Assert.That(overridden.Stdout, Is.EqualTo(
            $"{FindingRule}\n" +
            StaleEntries +
            "template.yaml(10,9): error PL1001: Function 'Named' (deployed as 'billing-named') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml\n" +
            "template.yaml(16,9): error PL1001: Function 'Staged' (deployed as 'billing-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml\n" +
            "PolicyLint: 2 errors, 3 warnings, 0 info in 2 files\n"));
        Assert.That(overridden.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void StackNameAndParameters_FromTheCommandLineAlone()
    {
        using var repository = Repository();

        var without = Lint(repository);
        var with = Lint(repository, "--stack-name", "orders", "--parameter", "Name=orders-named");

        Assert.That(without.Stdout, Is.EqualTo(
            $"{FindingRule}\n{UndecidedEntries}{NamedNoStaticName("error")}\n{StagedNoStaticName("error")}\n" +
            "PolicyLint: 2 errors, 1 warning, 2 info in 2 files\n"));
        Assert.That(with.Stdout, Is.EqualTo($"{FindingRule}\nPolicyLint: 0 errors, 1 warning, 0 info in 2 files\n"));
    }

    [TestCase("Name")]
    [TestCase("=value")]
    public void Parameter_WithoutName_IsAUsageError(string pair)
    {
        using var repository = Repository();

        var run = Lint(repository, "--parameter", pair);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: --parameter '{pair}' is not NAME=VALUE\n"));
    }

    [Test]
    public void Ledger_FromConfiguration()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("audit/ledger.yaml", Ledger);
        repository.Write(".policylint.yaml", "ledger: audit/ledger.yaml\nstack_name: orders\nparameters: { Name: orders-named }\n");

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            "audit/ledger.yaml(1,1): warning PL4001: No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2' with detail-type 'Inspector2 Finding', or Inspector's findings among Security Hub's 'Security Hub Findings - Imported' events), so HIGH and CRITICAL findings reach nobody\n" +
            "PolicyLint: 0 errors, 1 warning, 0 info in 2 files\n"));
    }

    [Test]
    public void Ledger_FromConfigurationThatDoesNotExist_IsPL0004()
    {
        using var repository = Repository((".policylint.yaml", "ledger: audit/ledger.yaml\n"));

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            ".policylint.yaml(1,9): error PL0004: The ledger 'audi…' (17 characters) does not exist\n" +
            "PolicyLint: 1 error, 0 warnings, 0 info in 1 file\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void ExcludeAndIncludeGlobs()
    {
        using var repository = Repository(
            (".policylint.yaml", "exclude: [legacy/**]\ninclude: ['stacks/*.cfn']\nrules: { PL4001: { severity: none } }\nstack_name: orders\nparameters: { Name: orders-named }\n"),
            ("legacy/template.yaml", "Resources:\n  Old:\n    Type: AWS::Lambda::Function\n    Properties: { KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/old }\n"),
            ("stacks/app.cfn", "Resources:\n  New:\n    Type: AWS::Lambda::Function\n    Properties: { FunctionName: new, KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/new }\n"));

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            "stacks/app.cfn(4,38): warning PL2001: Function 'New' (deployed as 'new') sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/new'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified\n" +
            "PolicyLint: 0 errors, 1 warning, 0 info in 3 files\n"));
    }

    /// <summary>Only the analyzed root's files count (no parent search): an enclosing folder's configuration, even an
    /// invalid one, is not read.</summary>
    [Test]
    public void ConfigurationOfAParentFolder_IsNotRead()
    {
        using var outer = new TemporaryRepository();
        outer.Write(".policylint.yaml", "today: 2020-01-01\n");
        outer.Write(".editorconfig", "[*]\ndotnet_diagnostic.PL9999.severity = error\n");
        outer.Write(".globalconfig", "dotnet_diagnostic.PL4001.severity = none\n");
        outer.Write("inner/template.yaml", Template);
        outer.Write("inner/security/inspector-exclusions.yaml", Ledger);
        var inner = Path.Combine(outer.Root, "inner");

        var run = CliRunner.Run(inner, "--today", CliRunner.Today, "--stack-name", "orders", "--parameter", "Name=orders-named");

        Assert.That(run.Stdout, Is.EqualTo($"{FindingRule}\nPolicyLint: 0 errors, 1 warning, 0 info in 2 files\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void ReadmeExamples_AreValidConfiguration()
    {
        var readme = File.ReadAllText(RepositoryPaths.Get("README.md")).ReplaceLineEndings("\n");
        using var repository = Repository(
            (".policylint.yaml", Block(readme, "```yaml\n# .policylint.yaml\n")),
            (".editorconfig", Block(readme, "```ini\n# .editorconfig\n")));

        var run = Lint(repository, "--format", "sarif");

        using var sarif = run.Sarif();
        Assert.That(CliRunner.ResultKeys(sarif), Has.None.StartsWith("PL0004"));
        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.UsageError));
        Assert.That(Overrides(sarif), Is.EqualTo(new[]
        {
            $"PL2001 #{RuleIndex(sarif, "PL2001")} {{\"level\":\"error\"}}",
            $"PL3001 #{RuleIndex(sarif, "PL3001")} {{\"level\":\"warning\"}}",
            $"PL3004 #{RuleIndex(sarif, "PL3004")} {{\"level\":\"warning\"}}",
            $"PL4001 #{RuleIndex(sarif, "PL4001")} {{\"enabled\":false,\"level\":\"none\"}}",
        }));
    }

    private static string Block(string markdown, string start)
    {
        var from = markdown.IndexOf(start, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), $"README has no block starting with {start}");
        from = markdown.IndexOf('\n', from) + 1;
        return markdown[from..markdown.IndexOf("```", from, StringComparison.Ordinal)];
    }

    private static IReadOnlyList<string> Levels(JsonDocument sarif) =>
        [.. CliRunner.Results(sarif).Select(r => $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("level").GetString()}")];

    private static IReadOnlyList<string> Overrides(JsonDocument sarif) =>
        sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].TryGetProperty("ruleConfigurationOverrides", out var overrides)
            ? [.. overrides.EnumerateArray().Select(o =>
                $"{o.GetProperty("descriptor").GetProperty("id").GetString()} #{o.GetProperty("descriptor").GetProperty("index").GetInt32()} {JsonSerializer.Serialize(o.GetProperty("configuration"))}")]
            : [];

    private static int RuleIndex(JsonDocument sarif, string id) =>
        sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Select((r, i) => (Id: r.GetProperty("id").GetString(), Index: i)).Single(r => r.Id == id).Index;

    /// <summary>Gives the names the ledger records in the default environment, and other names in prod.</summary>
    private const string SamConfig = """
        version = 0.1
        [default.deploy.parameters]
        stack_name = "orders"
        parameter_overrides = "Name=orders-named"
        [prod.deploy.parameters]
        stack_name = "prod"
        parameter_overrides = "Name=prod-named"
        """;

    [Test]
    public void Samconfig_DefaultEnvironment_GivesTheStackNameAndParameters()
    {
        using var repository = Repository(("samconfig.toml", SamConfig));

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(FindingRule + "\nPolicyLint: 0 errors, 1 warning, 0 info in 3 files\n"));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    private static string ProdResults(string files) =>
        "security/inspector-exclusions.yaml(3,5): warning PL1002: Ledger entry 'orders-named' is stale: no analyzed template defines a function named 'orders-named'; remove the entry, or correct its target\n" +
        "security/inspector-exclusions.yaml(8,5): warning PL1002: Ledger entry 'orders-worker' is stale: no analyzed template defines a function named 'orders-worker'; remove the entry, or correct its target\n" +
        "template.yaml(10,9): error PL1001: Function 'Named' (deployed as 'prod-named') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml\n" +
        "template.yaml(16,9): error PL1001: Function 'Staged' (deployed as 'prod-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml\n" +
        $"PolicyLint: 2 errors, 2 warnings, 0 info in {files} files\n";

    [Test]
    public void ConfigEnv_OnTheCommandLine_PicksTheSamconfigEnvironment()
    {
        using var repository = Repository(("samconfig.toml", SamConfig), (".policylint.yaml", "rules: { PL4001: { severity: none } }\n"));

        var run = Lint(repository, "--config-env", "prod");

        Assert.That(run.Stdout, Is.EqualTo(ProdResults("3")));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void ConfigEnv_InPolicyLintYaml_PicksTheSamconfigEnvironment_AndTheFlagWins()
    {
        using var repository = Repository(("samconfig.toml", SamConfig), (".policylint.yaml", "config_env: prod\nrules: { PL4001: { severity: none } }\n"));

        var configured = Lint(repository);
        var flag = Lint(repository, "--config-env", "default");

        Assert.That(configured.Stdout, Is.EqualTo(ProdResults("3")));
        Assert.That(flag.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 3 files\n"));
        Assert.That(flag.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void StackNameAndParameterFlags_WinOverSamconfig()
    {
        using var repository = Repository(("samconfig.toml", SamConfig), (".policylint.yaml", "rules: { PL4001: { severity: none } }\n"));

        var run = Lint(repository, "--config-env", "prod", "--stack-name", "orders", "--parameter", "Name=orders-named");

        Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 3 files\n"));
    }

    [Test]
    public void ConfigEnv_ThatASamconfigLacks_IsANoteOnStandardError()
    {
        using var repository = Repository(("samconfig.toml", SamConfig), (".policylint.yaml", "rules: { PL4001: { severity: none } }\n"));

        var run = Lint(repository, "--config-env", "qa");

        Assert.That(run.Stderr, Is.EqualTo("policylint: note: samconfig.toml: No 'qa' environment in this samconfig (it has 'default', 'prod'); its stack name, parameter overrides and tags are not used\n"));
        Assert.That(run.Stdout, Does.Contain("PL1005"));
    }

    [Test]
    public void ConfigEnv_EmptyInPolicyLintYaml_IsPL0004()
    {
        using var repository = Repository(("samconfig.toml", SamConfig), (".policylint.yaml", "config_env: ''\n"));

        var run = Lint(repository);

        Assert.That(run.Stdout, Is.EqualTo(".policylint.yaml(1,13): error PL0004: 'config_env' must not be empty\nPolicyLint: 1 error, 0 warnings, 0 info in 1 file\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void ConfigEnv_EmptyOnTheCommandLine_IsAUsageError()
    {
        using var repository = Repository(("samconfig.toml", SamConfig));

        var run = Lint(repository, "--config-env", "");

        Assert.That(run.Stderr, Does.Contain("--config-env must not be empty"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void Limits_FromConfiguration_ApplyToTheRun()
    {
        using var repository = Repository((".policylint.yaml", "limits:\n  max_depth: 4\n"), ("deep.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: [[[[[[1]]]]]]\n"));

        var run = Lint(repository, "deep.yaml");

        // Levels: the root, Resources, Bucket, then the brackets: the second bracket (column 16) is the fifth level.
        Assert.That(run.Stdout, Does.StartWith("deep.yaml(4,16): error PL0001: Nesting is deeper than the limit of 4 levels\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }
}
