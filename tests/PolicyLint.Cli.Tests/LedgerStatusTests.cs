using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>policylint ledger status</c>: the weekly review table, sorted by urgency, in text, markdown and JSON.</summary>
public sealed class LedgerStatusTests
{
    private const string LedgerPath = "security/inspector-exclusions.yaml";

    private static string Entry(string name, string expires, string? review, string? ticket, string scanType = "standard") =>
        $"""
          - target:
              type: lambda
              function_name: {name}
            scan_type: {scanType}
            reason:
              summary: "Accepted"
        {(ticket is null ? "" : $"      ticket: {ticket}\n")}    owner: {"{"} team: platform, approved_by: security-reviewer {"}"}
            dates:
              applied_at: 2026-09-01
              expires_at: {expires}
        {(review is null ? "" : $"      next_review_at: {review}\n")}
        """.TrimEnd(' ');

    /// <summary>One record in each state, today 2026-11-29: two expired, one invalid (no ticket: PL3004), three
    /// expiring (0, 11 and 14 days: the window's bounds), one overdue review, two ok (15 and 122 days).</summary>
    private static readonly string Ledger =
        "version: 1\nexclusions:\n" +
        Entry("alpha-ok", "2027-03-31", "2027-01-15", "SEC-101") +
        Entry("bravo-expired", "2026-11-01", null, "SEC-102") +
        Entry("charlie-expiring", "2026-12-10", "2026-12-01", "SEC-103", "code") +
        Entry("delta-review", "2027-02-01", "2026-11-20", "SEC-104") +
        Entry("echo-invalid", "2027-01-01", null, null) +
        Entry("foxtrot-expired", "2026-10-01", null, "SEC-106") +
        Entry("hotel-today", "2026-11-29", null, "SEC-108") +
        Entry("india-ok", "2026-12-14", null, "SEC-109") +
        """
        suppressions:
          - target: { type: inspector_filter, name: golf-filter }
            reason: { summary: "Noise", ticket: SEC-107 }
            owner: { team: security, approved_by: security-reviewer }
            dates: { applied_at: 2026-09-01, expires_at: 2026-12-13 }

        """;

    private static CliRun Status(TemporaryRepository repository, params string[] args) =>
        CliRunner.Run(repository.Root, ["ledger", "status", "--today", CliRunner.Today, .. args]);

    [Test]
    public void ARecordThatSuppressesItsOwnExpiry_IsStillListedAsExpired_AndTheSuppressionIsSaid()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, "version: 1\nexclusions:\n" + Entry("bravo-expired", "2026-11-01", null, "SEC-102").TrimEnd('\n') +
            "\n    suppress:\n      - { id: PL3001, justification: renewal pending }\n");

        var run = Status(repository);

        Assert.That(run.Stdout, Does.StartWith(
            "status   function/filter  scan type  owner     ticket   expires     days  review  days  line\n" +
            "expired  bravo-expired    standard   platform  SEC-102  2026-11-01  -28   -       -     3\n"));
        Assert.That(run.Stdout, Does.EndWith("1 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n"), "the review passes: the result is accepted");
        Assert.That(run.Stderr, Is.EqualTo(
            "policylint: warning: security/inspector-exclusions.yaml: the suppression at line 15 accepts 1 result of PL3001 (Ledger entry has expired), a rule that fails a commit: it is not counted (--show-suppressed prints it)\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void ASamconfigWithoutTheEnvironmentRead_GetsTheLintRunsNote()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, "version: 1\nexclusions:\n" + Entry("alpha-ok", "2027-03-31", "2027-01-15", "SEC-101"));
        repository.Write("template.yaml", "Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: alpha-ok\n");
        repository.Write("samconfig.toml", "version = 0.1\n\n[prod.deploy.parameters]\nstack_name = \"orders\"\n");

        var run = Status(repository);
        var lint = CliRunner.Run(repository.Root, ["--today", CliRunner.Today, "--fail-level", "none"]);

        Assert.That(run.Stderr, Is.EqualTo(
            "policylint: note: samconfig.toml: No 'default' environment in this samconfig (it has 'prod'); its stack name, parameter overrides and tags are not used\n"));
        Assert.That(run.Stderr, Is.EqualTo(lint.Stderr), "the same note as a lint run");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Text_IsATableByUrgency_ThenTheCounts_AndExpiredMeansExitCode1()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, Ledger);

        var run = Status(repository);

        Assert.That(run.Stdout, Is.EqualTo("""
            status          function/filter   scan type  owner     ticket   expires     days  review      days  line
            expired         foxtrot-expired   standard   platform  SEC-106  2026-10-01  -59   -           -     60
            expired         bravo-expired     standard   platform  SEC-102  2026-11-01  -28   -           -     15
            invalid         echo-invalid      standard   platform  -        2027-01-01  33    -           -     50
            expiring        hotel-today       standard   platform  SEC-108  2026-11-29  0     -           -     71
            expiring        charlie-expiring  code       platform  SEC-103  2026-12-10  11    2026-12-01  2     26
            expiring        golf-filter       filter     security  SEC-107  2026-12-13  14    -           -     94
            overdue review  delta-review      standard   platform  SEC-104  2027-02-01  64    2026-11-20  -9    38
            ok              india-ok          standard   platform  SEC-109  2026-12-14  15    -           -     82
            ok              alpha-ok          standard   platform  SEC-101  2027-03-31  122   2027-01-15  47    3
            security/inspector-exclusions.yaml(25,7): error PL3001: Ledger entry 'bravo-expired' expired on 2026-11-01 (28 days ago); review the exception and extend expires_at, or end it and remove the exclusion
            security/inspector-exclusions.yaml(54,5): error PL3004: Ledger entry 'echo-invalid': reason.ticket is missing
            security/inspector-exclusions.yaml(70,7): error PL3001: Ledger entry 'foxtrot-expired' expired on 2026-10-01 (59 days ago); review the exception and extend expires_at, or end it and remove the exclusion
            Ledger security/inspector-exclusions.yaml on 2026-11-29: 2 expired, 1 invalid, 3 expiring within 14 days, 1 overdue review, 2 ok
            Failed: 3 results at or above the fail level (error): 2 PL3001, 1 PL3004

            """));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void Markdown_LinksEachRecordToItsLine()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, Ledger);

        var run = Status(repository, "--format", "markdown");

        PolicyLint.Testing.Golden.AssertMatches(run.Stdout, "tests/PolicyLint.Cli.Tests/Golden/ledger-status.md");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void Json_HasEveryFieldPerRecord_AndTheCounts()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, Ledger);

        var run = Status(repository, "--format", "json");

        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(root.GetProperty("expiringWithinDays").GetInt32(), Is.EqualTo(14));
        Assert.That(entries.Select(e => $"{e.GetProperty("status").GetString()} {e.GetProperty("name").GetString()}"), Is.EqualTo(new[]
        {
            "expired foxtrot-expired", "expired bravo-expired", "invalid echo-invalid", "expiring hotel-today", "expiring charlie-expiring",
            "expiring golf-filter", "overdue review delta-review", "ok india-ok", "ok alpha-ok",
        }));
        Assert.That(entries[4].ToString(), Is.EqualTo("""
            {
                  "status": "expiring",
                  "section": "exclusions",
                  "index": 2,
                  "name": "charlie-expiring",
                  "scanType": "code",
                  "owner": "platform",
                  "ticket": "SEC-103",
                  "expiresAt": "2026-12-10",
                  "daysUntilExpiry": 11,
                  "nextReviewAt": "2026-12-01",
                  "daysUntilReview": 2,
                  "line": 26,
                  "problems": []
                }
            """));
        Assert.That(entries[2].GetProperty("problems")[0].GetString(), Is.EqualTo("Ledger entry 'echo-invalid': reason.ticket is missing"));
        Assert.That(root.GetProperty("failLevel").GetString(), Is.EqualTo("error"));
        Assert.That(root.GetProperty("failed").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("results").EnumerateArray().Select(r => $"{r.GetProperty("id").GetString()} {r.GetProperty("severity").GetString()} {r.GetProperty("line").GetInt32()}:{r.GetProperty("column").GetInt32()}"),
            Is.EqualTo(new[] { "PL3001 error 25:7", "PL3004 error 54:5", "PL3001 error 70:7" }));
        // Each result as --format json writes it (one writer: JsonReporter.WriteResult).
        Assert.That(root.GetProperty("results")[0].EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "id", "severity", "message", "path", "line", "column", "endLine", "endColumn", "suppressed" }));
        Assert.That(root.GetProperty("summary").ToString(), Is.EqualTo("""
            {
                "expired": 2,
                "invalid": 1,
                "expiring": 3,
                "overdueReview": 1,
                "ok": 2
              }
            """));
    }

    [Test]
    public void NothingExpired_ExitCode0()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, "version: 1\nexclusions:\n" + Entry("alpha-ok", "2027-03-31", null, "SEC-101"));

        var run = Status(repository);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stdout.Split('\n')[^2], Is.EqualTo("Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 1 ok"));
    }

    [Test]
    public void NoLedger_SaysSo_ExitCode0()
    {
        using var repository = new TemporaryRepository();

        var run = Status(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            "No ledger at security/inspector-exclusions.yaml.\n" +
            "Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    /// <summary>A ledger that cannot be read fails the review whatever --fail-level says, with the lint run's PL0001.</summary>
    [TestCase("error")]
    [TestCase("none")]
    public void BrokenLedger_IsPL0001_ExitCode1_AtAnyFailLevel(string failLevel)
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, "version: 1\nexclusions:\n  - target: [\n");

        var run = Status(repository, "--fail-level", failLevel);

        var lines = run.Stdout.Split('\n');
        Assert.That(lines[0], Is.EqualTo("security/inspector-exclusions.yaml cannot be read (PL0001): what it records is unknown."));
        Assert.That(lines[1], Does.StartWith("security/inspector-exclusions.yaml(").And.Contain("): error PL0001: "));
        Assert.That(run.Stdout, Does.EndWith($"Failed: 1 result at or above the fail level ({failLevel}): 1 PL0001\n"));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    /// <summary>Issue 10, hole 8: a misspelt top-level key used to print "records nothing" and exit 0 while the lint
    /// run reported PL3004. Now the review shows the same PL3004 and fails.</summary>
    [Test]
    public void MisspeltTopLevelKey_IsTheLintRunsPL3004_AndFails()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, "version: 1\nexclusion:\n" + Entry("alpha-ok", "2027-03-31", null, "SEC-101"));

        var run = Status(repository);
        var lint = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--allow-empty");

        const string result = "security/inspector-exclusions.yaml(2,1): error PL3004: Unknown key 'exclusion' in the ledger (expected one of: version, exclusions, suppressions)";
        Assert.That(run.Stdout, Is.EqualTo(
            "security/inspector-exclusions.yaml records nothing.\n" +
            result + "\n" +
            "Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n" +
            "Failed: 1 result at or above the fail level (error): 1 PL3004\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(lint.Stdout, Does.Contain(result + "\n"), "the lint run reports the same result");
        Assert.That(lint.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    /// <summary>Issue 10, hole 4: the placeholders <c>ledger add</c> writes made an entry the review called ok.</summary>
    [Test]
    public void Placeholders_MakeTheEntryInvalid_AndFail()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, """
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason: { summary: Vendor SDK, ticket: TODO }
                owner: { team: platform, approved_by: "TODO: who approved the exclusion" }
                dates: { applied_at: 2026-11-29, expires_at: 2027-02-27 }

            """);

        var run = Status(repository);

        Assert.That(run.Stdout, Is.EqualTo(
            "status   function/filter  scan type  owner     ticket  expires     days  review  days  line\n" +
            "invalid  orders-api       standard   platform  TODO    2027-02-27  90    -       -     3\n" +
            "security/inspector-exclusions.yaml(5,36): error PL3004: Ledger entry 'orders-api': reason.ticket is a placeholder ('TODO'), not a record; replace it with the ticket that tracks the exception\n" +
            "security/inspector-exclusions.yaml(6,30): error PL3004: Ledger entry 'orders-api': owner.approved_by is a placeholder ('TODO: who approved the exclusion'), not a record; replace it with who approved the exception\n" +
            "Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 1 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n" +
            "Failed: 2 results at or above the fail level (error): 2 PL3004\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    /// <summary>--fail-level as for a lint run: warnings about the ledger fail at warning, not at error; PL4001, which
    /// is only placed at the ledger's first line, is not about the ledger and never fails the review.</summary>
    [Test]
    public void FailLevel_Warning_FailsOnAnExpiringEntry_ButNotOnPL4001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
                  Tags:
                    InspectorExclusion: LambdaStandardScanning

            """);
        repository.Write(LedgerPath, """
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason: { summary: Vendor SDK, ticket: SEC-1 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-11-01, expires_at: 2026-12-05 }

            """);

        var atError = Status(repository);
        var atWarning = Status(repository, "--fail-level", "warning");
        var lint = CliRunner.Run(repository.Root, "--today", CliRunner.Today);

        Assert.That(lint.Stdout, Does.Contain("security/inspector-exclusions.yaml(1,1): warning PL4001: "), "the lint run reports PL4001 at the ledger");
        Assert.That(atError.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(atError.Stdout, Does.Not.Contain("PL3002").And.Not.Contain("Failed"));
        Assert.That(atWarning.Stdout, Does.EndWith(
            "security/inspector-exclusions.yaml(7,38): warning PL3002: Ledger entry 'orders-api' expires on 2026-12-05 (in 6 days); review the exception before then, and extend expires_at or end it and remove the exclusion\n" +
            "Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 0 invalid, 1 expiring within 14 days, 0 overdue review, 0 ok\n" +
            "Failed: 1 result at or above the fail level (warning): 1 PL3002\n"));
        Assert.That(atWarning.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    /// <summary>The review reads the run's results, so the configuration's severities and options apply to it as to a
    /// lint run: a PL3004 turned into a warning no longer fails it; a wider PL3002 window changes the counts.</summary>
    [Test]
    public void Configuration_AppliesAsToALintRun()
    {
        using var repository = new TemporaryRepository();
        repository.Write(".policylint.yaml", "rules:\n  PL3004: { severity: warning }\n  PL3002: { expiring_within_days: 60 }\n");
        repository.Write(LedgerPath, "version: 1\nexclusions:\n" + Entry("alpha-ok", "2027-01-15", null, null));

        var run = Status(repository);

        Assert.That(run.Stdout.Split('\n')[1], Does.StartWith("invalid  alpha-ok "));
        Assert.That(run.Stdout, Does.EndWith("Ledger security/inspector-exclusions.yaml on 2026-11-29: 0 expired, 1 invalid, 0 expiring within 60 days, 0 overdue review, 0 ok\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void RootLedgerAndConfigOptions_AreTheLintCommands()
    {
        using var repository = new TemporaryRepository();
        repository.Write("audit/ledger.yaml", "version: 1\nexclusions:\n" + Entry("bravo-expired", "2026-11-01", null, "SEC-102"));
        repository.Write(".policylint.yaml", "ledger: audit/ledger.yaml\n");

        var fromConfig = CliRunner.Run(RepositoryPaths.Root, "ledger", "status", "--today", CliRunner.Today, "--root", repository.Root);
        var outside = CliRunner.Run(RepositoryPaths.Root, "ledger", "status", "--root", repository.Root, "--ledger", RepositoryPaths.Get("README.md"));
        var badDay = CliRunner.Run(repository.Root, "ledger", "status", "--today", "29/11/2026");
        var noSuchDay = CliRunner.Run(repository.Root, "--today", "2027-02-30");

        Assert.That(fromConfig.Stdout, Does.Contain("\nexpired  bravo-expired ").And.EndWith("Ledger audit/ledger.yaml on 2026-11-29: 1 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n" +
            "Failed: 1 result at or above the fail level (error): 1 PL3001\n"));
        Assert.That(fromConfig.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(outside.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(outside.Stderr, Does.Contain("is outside the root"));
        Assert.That(badDay.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(badDay.Stderr, Is.EqualTo("policylint: error: --today '29/11/2026' is not a date of the form YYYY-MM-DD\n"));
        Assert.That(noSuchDay.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(noSuchDay.Stderr, Is.EqualTo("policylint: error: --today '2027-02-30' is not a calendar date\n"));
    }
}
