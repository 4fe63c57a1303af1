using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>--config-env '*'</c> and <c>config_env: '*'</c>: every samconfig environment in one run, results merged
/// across environments and marked with those they hold in.</summary>
public sealed class EveryEnvironmentTests
{
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

        """;

    /// <summary>default and staging configure the template alike; prod sets Env=prod.</summary>
    private const string SamConfig = """
        version = 0.1
        [default.deploy.parameters]
        stack_name = "orders-dev"
        [staging.deploy.parameters]
        stack_name = "orders-dev"
        [prod.deploy.parameters]
        stack_name = "orders-prod"
        parameter_overrides = "Env=prod"

        """;

    /// <summary>Records the function as dev deploys it (<c>api-dev</c>), its first key at 3:5.</summary>
    private const string Ledger = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: api-dev }
            scan_type: code
            tag: { key: InspectorCodeExclusion, value: LambdaCodeScanning }
            reason: { summary: Generated code reviewed by hand, ticket: SEC-7 }
            owner: { team: platform, approved_by: security-lead }
            dates: { applied_at: 2026-11-01, expires_at: 2027-01-30, next_review_at: 2026-12-20 }

        """;

    private const string Pl4001 = "security/inspector-exclusions.yaml(1,1): warning PL4001: No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2' with detail-type 'Inspector2 Finding', or Inspector's findings among Security Hub's 'Security Hub Findings - Imported' events), so HIGH and CRITICAL findings reach nobody\n";

    private static TemporaryRepository Repository(string? config = null)
    {
        var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("samconfig.toml", SamConfig);
        repository.Write("security/inspector-exclusions.yaml", Ledger);
        if (config is not null)
            repository.Write(".policylint.yaml", config);
        return repository;
    }

    [Test]
    public void EveryEnvironment_ReportsTheProdMismatch_MarkedProd()
    {
        using var repository = Repository();

        var every = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--config-env", "*");
        var byDefault = CliRunner.Run(repository.Root, "--today", CliRunner.Today);

        Assert.That(every.Stdout, Is.EqualTo(
            Pl4001 +
            "security/inspector-exclusions.yaml(3,5): warning PL1002: Ledger entry 'api-dev' is stale: no analyzed template defines a function named 'api-dev'; remove the entry, or correct its target [env: prod]\n" +
            "template.yaml(12,9): error PL1001: Function 'ApiFunction' (deployed as 'api-prod') has exclusion tag 'InspectorCodeExclusion' but no ledger entry records its code scanning exclusion; add one to security/inspector-exclusions.yaml [env: prod]\n" +
            "PolicyLint: 1 error, 2 warnings, 0 info in 3 files\n"));
        Assert.That(every.Stderr, Is.Empty);
        Assert.That(every.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(byDefault.Stdout, Is.EqualTo(Pl4001 + "PolicyLint: 0 errors, 1 warning, 0 info in 3 files\n"), "the default environment alone passes");
        Assert.That(byDefault.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void EveryEnvironment_InTheConfiguration_IsTheSameRun()
    {
        using var repository = Repository("config_env: '*'\n");
        using var reference = Repository();

        var configured = CliRunner.Run(repository.Root, "--today", CliRunner.Today);
        var flagged = CliRunner.Run(reference.Root, "--today", CliRunner.Today, "--config-env", "*");
        var overridden = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--config-env", "default");

        Assert.That(configured.Stdout, Is.EqualTo(flagged.Stdout));
        Assert.That(configured.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(overridden.ExitCode, Is.EqualTo(ExitCodes.Success), "--config-env wins over config_env");
    }

    [Test]
    public void Sarif_ListsTheEnvironmentsOfEachResult()
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--config-env", "*", "--format", "sarif");

        var results = CliRunner.Results(run.Sarif()).Select(r => (
            r.GetProperty("ruleId").GetString(),
            string.Join(",", r.GetProperty("properties").GetProperty("configEnvironments").EnumerateArray().Select(e => e.GetString())))).ToList();
        Assert.That(results, Is.EqualTo(new[] { ("PL4001", "default,staging,prod"), ("PL1002", "prod"), ("PL1001", "prod") }));
    }

    [Test]
    public void WithoutEveryEnvironment_SarifResultsHaveNoPropertyBag()
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--config-env", "prod", "--format", "sarif");

        Assert.That(CliRunner.Results(run.Sarif()).Select(r => r.TryGetProperty("properties", out _)), Has.All.False);
        Assert.That(CliRunner.ResultKeys(run.Sarif()), Is.EqualTo(new[] { "PL4001 security/inspector-exclusions.yaml 1:1", "PL1002 security/inspector-exclusions.yaml 3:5", "PL1001 template.yaml 12:9" }));
    }

    [Test]
    public void LedgerStatus_AcceptsEveryEnvironment()
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "ledger", "status", "--today", CliRunner.Today, "--config-env", "*");

        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Does.EndWith("Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 1 ok\n"));
    }

    [Test]
    public void LedgerAdd_UnderEveryEnvironment_RefusesAFunctionRecordedInOneOfThem()
    {
        using var repository = Repository();

        var add = CliRunner.Run(repository.Root, "ledger", "add", "--today", CliRunner.Today, "--template", "template.yaml", "--logical-id", "ApiFunction", "--scan-type", "code", "--config-env", "*");

        Assert.That(add.Stderr, Is.EqualTo("policylint: error: security/inspector-exclusions.yaml(3,5) already records the code scanning exclusion of function 'ApiFunction' (api-dev) in samconfig environments default, staging\n"));
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void LedgerAdd_UnderEveryEnvironment_NamesEveryEnvironmentTheEntryRecordsTheFunctionIn()
    {
        using var repository = Repository();
        repository.Write("security/inspector-exclusions.yaml",
            Ledger.Replace("target: { type: lambda, function_name: api-dev }", "target: { type: lambda, template: template.yaml, logical_id: ApiFunction }", StringComparison.Ordinal));

        var add = CliRunner.Run(repository.Root, "ledger", "add", "--today", CliRunner.Today, "--template", "template.yaml", "--logical-id", "ApiFunction", "--scan-type", "code", "--config-env", "*");

        Assert.That(add.Stderr, Is.EqualTo("policylint: error: security/inspector-exclusions.yaml(3,5) already records the code scanning exclusion of function 'ApiFunction' (template.yaml#ApiFunction) in samconfig environments default, staging, prod\n"));
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }
}
