using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>--config-env</c>, <c>--stack-name</c> and <c>--parameter</c>: the lint command, <c>ledger add</c> and
/// <c>ledger status</c> share them, with one precedence (flag, then <c>.policylint.yaml</c>, then samconfig, then
/// template defaults: docs/conventions.md#c20, docs/conventions.md#c21), so that <c>ledger add</c> records the name the lint run resolves.</summary>
public sealed class ResolutionOptionsTests
{
    /// <summary>ApiFunction is named after the Env parameter (default dev), WorkerFunction after the stack.</summary>
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Env:
            Type: String
            Default: dev
        Resources:
          ApiFunction:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub api-${Env}
              Tags:
                InspectorCodeExclusion: LambdaCodeScanning
          WorkerFunction:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub ${AWS::StackName}-worker
              Tags:
                InspectorCodeExclusion: LambdaCodeScanning

        """;

    private const string SamConfig = """
        version = 0.1
        [default.deploy.parameters]
        stack_name = "orders-dev"
        [prod.deploy.parameters]
        stack_name = "orders-prod"
        parameter_overrides = "Env=prod"

        """;

    private static TemporaryRepository Repository(string? config = null)
    {
        var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("samconfig.toml", SamConfig);
        if (config is not null)
            repository.Write(".policylint.yaml", config);
        return repository;
    }

    private static CliRun Add(TemporaryRepository repository, string logicalId, params string[] args) =>
        CliRunner.Run(repository.Root, ["ledger", "add", "--today", CliRunner.Today, "--template", "template.yaml", "--logical-id", logicalId, "--scan-type", "code", .. args]);

    /// <summary>The first line <c>ledger add</c> prints for the first entry of a new ledger.</summary>
    private static string Added(string name) =>
        $"security/inspector-exclusions.yaml(3,5): added the code scanning exclusion of '{name}', expiring on 2027-02-27, next review on 2026-12-29\n" +
        "Replace the TODO values (reason.summary, reason.ticket, owner.team, owner.approved_by) before you commit.\n";

    private static readonly object[] AddCases =
    [
        new object[] { null!, "ApiFunction", Array.Empty<string>(), "api-dev" },
        new object[] { null!, "ApiFunction", new[] { "--config-env", "prod" }, "api-prod" },
        new object[] { null!, "ApiFunction", new[] { "--config-env", "prod", "--parameter", "Env=qa" }, "api-qa" },
        new object[] { "config_env: prod\n", "ApiFunction", Array.Empty<string>(), "api-prod" },
        new object[] { "config_env: prod\n", "ApiFunction", new[] { "--config-env", "default" }, "api-dev" },
        new object[] { "config_env: prod\nparameters: { Env: staging }\n", "ApiFunction", Array.Empty<string>(), "api-staging" },
        new object[] { "parameters: { Env: staging }\n", "ApiFunction", new[] { "--parameter", "Env=qa" }, "api-qa" },
        new object[] { null!, "WorkerFunction", Array.Empty<string>(), "orders-dev-worker" },
        new object[] { null!, "WorkerFunction", new[] { "--config-env", "prod" }, "orders-prod-worker" },
        new object[] { "stack_name: configured\n", "WorkerFunction", new[] { "--config-env", "prod" }, "configured-worker" },
        new object[] { "stack_name: configured\n", "WorkerFunction", new[] { "--stack-name", "flagged" }, "flagged-worker" },
    ];

    [TestCaseSource(nameof(AddCases))]
    public void LedgerAdd_RecordsTheNameTheLintRunResolves(string? config, string logicalId, string[] args, string expected)
    {
        using var repository = Repository(config);

        var add = Add(repository, logicalId, args);
        var lint = CliRunner.Run(repository.Root, ["--today", CliRunner.Today, "--format", "sarif", .. args]);

        Assert.That(add.Stderr, Is.Empty);
        Assert.That(add.Stdout, Is.EqualTo(Added(expected)));
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(repository.Read("security/inspector-exclusions.yaml"), Does.Contain($"\n      function_name: {expected}\n"));
        Assert.That(CliRunner.ResultKeys(lint.Sarif()), Is.EqualTo(new[]
            {
                "PL4001 security/inspector-exclusions.yaml 1:1",
                "PL3004 security/inspector-exclusions.yaml 9:7", "PL3004 security/inspector-exclusions.yaml 10:7",
                "PL3004 security/inspector-exclusions.yaml 12:7", "PL3004 security/inspector-exclusions.yaml 13:7",
                $"PL1001 template.yaml {(logicalId == "ApiFunction" ? 18 : 12)}:9",
            }),
            "the lint run, given the same options, finds the entry for this function (PL1001 only for the other one); its four placeholders are PL3004 until replaced");
    }

    [Test]
    public void LedgerStatus_AcceptsTheOptions()
    {
        using var repository = Repository();
        Add(repository, "ApiFunction", "--config-env", "prod");

        var run = CliRunner.Run(repository.Root, "ledger", "status", "--today", CliRunner.Today, "--config-env", "prod", "--stack-name", "orders", "--parameter", "Env=prod");

        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Is.EqualTo(
            "status   function/filter  scan type  owner  ticket  expires     days  review      days  line\n" +
            "invalid  api-prod         code       TODO   TODO    2027-02-27  90    2026-12-29  30    3\n" +
            "security/inspector-exclusions.yaml(9,7): error PL3004: Ledger entry 'api-prod': reason.summary is a placeholder ('TODO: why this exclusion is accepted, and until when'), not a record; replace it with why the risk is accepted\n" +
            "security/inspector-exclusions.yaml(10,7): error PL3004: Ledger entry 'api-prod': reason.ticket is a placeholder ('TODO'), not a record; replace it with the ticket that tracks the exception\n" +
            "security/inspector-exclusions.yaml(12,7): error PL3004: Ledger entry 'api-prod': owner.team is a placeholder ('TODO'), not a record; replace it with the owning team\n" +
            "security/inspector-exclusions.yaml(13,7): error PL3004: Ledger entry 'api-prod': owner.approved_by is a placeholder ('TODO: who approved the exclusion'), not a record; replace it with who approved the exception\n" +
            "Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 1 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n" +
            "Failed: 4 results at or above the fail level (error): 4 PL3004\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure), "the entry records the function, but its placeholders are no approval");
    }

    private static IEnumerable<TestCaseData> Commands()
    {
        yield return new TestCaseData((object)new[] { "--today", CliRunner.Today }).SetName("{m}(lint)");
        yield return new TestCaseData((object)new[] { "ledger", "status", "--today", CliRunner.Today }).SetName("{m}(ledger status)");
        yield return new TestCaseData((object)new[] { "ledger", "add", "--today", CliRunner.Today, "--template", "template.yaml", "--logical-id", "ApiFunction", "--scan-type", "code" }).SetName("{m}(ledger add)");
    }

    [TestCaseSource(nameof(Commands))]
    public void EmptyStackName_IsAUsageError(string[] command)
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, [.. command, "--stack-name", ""]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: --stack-name must not be empty\n"));
        Assert.That(File.Exists(Path.Combine(repository.Root, "security/inspector-exclusions.yaml")), Is.False);
    }

    [TestCaseSource(nameof(Commands))]
    public void EmptyConfigEnv_IsAUsageError(string[] command)
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, [.. command, "--config-env", ""]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: --config-env must not be empty\n"));
    }

    private static IEnumerable<TestCaseData> MalformedParameters() =>
        from command in Commands()
        from pair in new[] { "Env", "=prod", "" }
        select new TestCaseData(command.Arguments[0], pair).SetName($"{command.TestName}('{pair}')");

    [TestCaseSource(nameof(MalformedParameters))]
    public void Parameter_WithoutEqualsOrName_IsAUsageError(string[] command, string pair)
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, [.. command, "--parameter", pair]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: --parameter '{pair}' is not NAME=VALUE\n"));
    }

    [TestCaseSource(nameof(Commands))]
    public void Parameter_NoTemplateDeclares_IsAWarning_AndTheExitCodeIsUnchanged(string[] command)
    {
        using var repository = Repository();
        using var reference = Repository();

        var run = CliRunner.Run(repository.Root, [.. command, "--parameter", "Nope=1", "--parameter", "Env=prod", "--parameter", "Nope=2"]);
        var without = CliRunner.Run(reference.Root, [.. command, "--parameter", "Env=prod"]);

        Assert.That(run.Stderr, Is.EqualTo("policylint: warning: --parameter 'Nope': no analyzed template declares a parameter 'Nope', so its value is not used\n"));
        Assert.That(run.Stdout, Is.EqualTo(without.Stdout));
        Assert.That(run.ExitCode, Is.EqualTo(without.ExitCode));
        Assert.That(without.Stderr, Is.Empty);
    }

    [Test]
    public void Parameter_NoTemplateDeclares_IsAToolConfigurationNotificationInSarif()
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", "sarif", "--parameter", "Nope=1");

        var invocation = run.Sarif().RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        var notifications = invocation.GetProperty("toolConfigurationNotifications");
        Assert.That(notifications.GetArrayLength(), Is.EqualTo(1));
        Assert.That(notifications[0].GetProperty("level").GetString(), Is.EqualTo("warning"));
        Assert.That(notifications[0].GetProperty("message").GetProperty("text").GetString(),
            Is.EqualTo("--parameter 'Nope': no analyzed template declares a parameter 'Nope', so its value is not used"));
        Assert.That(notifications[0].TryGetProperty("locations", out _), Is.False);
        Assert.That(invocation.TryGetProperty("toolExecutionNotifications", out _), Is.False);
        Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.True);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure), "PL1001 for both functions, as without the parameter");
    }
}
