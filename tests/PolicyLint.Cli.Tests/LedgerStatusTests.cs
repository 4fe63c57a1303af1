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
            Ledger security/inspector-exclusions.yaml on 2026-11-29: 2 expired, 1 invalid, 3 expiring within 14 days, 1 overdue review, 2 ok

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

    [Test]
    public void BrokenLedger_IsAnErrorOnStderr_ExitCode1()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LedgerPath, "version: 1\nexclusions:\n  - target: [\n");

        var run = Status(repository);

        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.StartWith("policylint: error: security/inspector-exclusions.yaml(").And.EndWith("; the ledger cannot be read\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
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

        Assert.That(fromConfig.Stdout, Does.Contain("\nexpired  bravo-expired ").And.EndWith("Ledger audit/ledger.yaml on 2026-11-29: 1 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 0 ok\n"));
        Assert.That(fromConfig.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(outside.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(outside.Stderr, Does.Contain("is outside the root"));
        Assert.That(badDay.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(badDay.Stderr, Is.EqualTo("policylint: error: --today '29/11/2026' is not a date of the form YYYY-MM-DD\n"));
    }
}
