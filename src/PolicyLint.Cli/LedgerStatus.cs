using System.Globalization;
using System.Text;
using System.Text.Json;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Reporting;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Rules.LedgerHygiene;

namespace PolicyLint.Cli;

/// <summary>Where a ledger record stands on the review day, most urgent first: the first of PL3001, PL3004, PL3002 and
/// PL3003 that the analysis reports (unsuppressed) on the record.</summary>
internal enum LedgerState
{
    /// <summary>PL3001 reports the record: <c>expires_at</c> is before today.</summary>
    Expired,

    /// <summary>PL3004 reports the record (a missing field, a malformed date, a placeholder), so it cannot be relied on;
    /// fix it first.</summary>
    Invalid,

    /// <summary>PL3002 reports the record: it expires within the window (today ≤ <c>expires_at</c> ≤ today + window).</summary>
    Expiring,

    /// <summary>PL3003 reports the record: <c>next_review_at</c> is before today.</summary>
    OverdueReview,

    /// <summary>Nothing to do this week.</summary>
    Ok,
}

/// <summary>One row of the weekly review: a ledger record (exclusion or suppression-rule record) and its state.</summary>
internal sealed record LedgerStatusRow(
    LedgerRecord Record,
    LedgerState State,
    string Name,
    string ScanType,
    string? Owner,
    string? Ticket,
    DateOnly? ExpiresAt,
    int? DaysUntilExpiry,
    DateOnly? NextReviewAt,
    int? DaysUntilReview,
    IReadOnlyList<string> Problems)
{
    /// <summary>What the deployed-state exports say (<see cref="LiveState.Unknown"/> without exports).</summary>
    public LiveState Live { get; init; }

    /// <summary>The deployed functions the record matches (see <see cref="LiveExclusions.Of"/>).</summary>
    public IReadOnlyList<string> LiveFunctions { get; init; } = [];

    /// <summary>The live state as printed: <c>excluded</c>, <c>not excluded</c>, <c>not deployed</c>, <c>-</c>.</summary>
    public string LiveWord => Live switch
    {
        LiveState.Excluded => "excluded",
        LiveState.NotExcluded => "not excluded",
        LiveState.NotDeployed => "not deployed",
        _ => "-",
    };

    /// <summary>The state as printed: <c>expired</c>, <c>invalid</c>, <c>expiring</c>, <c>overdue review</c>, <c>ok</c>.</summary>
    public string StateWord => State switch
    {
        LedgerState.Expired => "expired",
        LedgerState.Invalid => "invalid",
        LedgerState.Expiring => "expiring",
        LedgerState.OverdueReview => "overdue review",
        _ => "ok",
    };

    /// <summary>The 1-based line of the record's first key.</summary>
    public int Line => Record.FirstKeyLocation.Start.Line;
}

/// <summary>
/// <c>policylint ledger status</c>: every record of the ledger with its owner, ticket, days until expiry and until
/// review, and its state, sorted by urgency: expired (longest expired first), invalid, expiring (soonest first),
/// overdue review (longest overdue first), ok (soonest expiry first); ties by name, then file order. The states and
/// the verdict are read from the lint run's results, never recomputed: a record's state from the PL3001–PL3004
/// results on it, the verdict from the results about the ledger at or above the fail level (see <see cref="Failing"/>).
/// </summary>
internal sealed class LedgerStatus
{
    private LedgerStatus(string ledgerPath, bool exists, bool unreadable, DateOnly today, int window, IReadOnlyList<LedgerStatusRow> rows,
        string failLevel, IReadOnlyList<Diagnostic> failing, bool executionSuccessful)
    {
        LedgerPath = ledgerPath;
        Exists = exists;
        IsUnreadable = unreadable;
        Today = today;
        ExpiringWithinDays = window;
        Rows = rows;
        FailLevel = failLevel;
        Failing = failing;
        ExecutionSuccessful = executionSuccessful;
    }

    public string LedgerPath { get; }

    public bool Exists { get; }

    /// <summary>Whether the ledger has a PL0001 (a YAML error, a limit, a file that cannot be read): nothing in it is known.</summary>
    public bool IsUnreadable { get; }

    public DateOnly Today { get; }

    public int ExpiringWithinDays { get; }

    public IReadOnlyList<LedgerStatusRow> Rows { get; }

    /// <summary>The <c>--fail-level</c> word: <c>error</c>, <c>warning</c>, <c>note</c> or <c>none</c>.</summary>
    public string FailLevel { get; }

    /// <summary>The unsuppressed results about the ledger that fail the review, in text order: those at or above the
    /// fail level, and a PL0001 at the ledger whatever the fail level (as for a lint run). "About the ledger": located
    /// in it, and either PL0001, a LedgerHygiene rule (PL3xxx, file-level shape defects included) or a result about one
    /// of its records (PL1002, PL1004, PL0002, PL0003 on an entry). PL4001, which is only placed at the ledger's first
    /// line, is not one.</summary>
    public IReadOnlyList<Diagnostic> Failing { get; }

    /// <summary>Whether every analyzer ran (a failure is reported on standard error and fails the review).</summary>
    public bool ExecutionSuccessful { get; }

    /// <summary>Whether the review fails (exit code 1).</summary>
    public bool Fails => Failing.Count > 0 || !ExecutionSuccessful;

    public int Count(LedgerState state) => Rows.Count(r => r.State == state);

    /// <summary>Builds the review from an analyzed run.</summary>
    /// <param name="run">The lint run of the root, with the configuration's severities and options.</param>
    /// <param name="expiringWithinDays">The PL3002 window the run used, for the counts line.</param>
    /// <param name="failLevel">The <c>--fail-level</c> word.</param>
    public static LedgerStatus From(RunResult run, int expiringWithinDays, string failLevel)
    {
        var ledger = run.Project.Ledger;
        var today = run.Options.Today;
        var path = ledger.Source.Path;
        // A record's state is a fact about it, so suppressed results count for it (an accepted PL3001 still means the
        // entry has expired); the verdict counts only unsuppressed ones, as a lint run does.
        var all = run.Diagnostics.Where(d => d.Location.Path == path).ToList();
        var about = all.Where(d => !d.IsSuppressed).ToList();
        var byRecord = all
            .Where(d => d.Target.LogicalLocation is not null)
            .ToLookup(d => d.Target.LogicalLocation!.FullyQualifiedName, StringComparer.Ordinal);
        var rows = ledger.Records.Select(record =>
        {
            var results = byRecord[record.LogicalLocation.FullyQualifiedName].ToList();
            bool Has(DiagnosticDescriptor rule) => results.Any(d => d.Id == rule.Id);
            var state = Has(ExpiredLedgerEntryAnalyzer.Rule) ? LedgerState.Expired
                : Has(InvalidLedgerEntryAnalyzer.Rule) ? LedgerState.Invalid
                : Has(ExpiringLedgerEntryAnalyzer.Rule) ? LedgerState.Expiring
                : Has(OverdueLedgerReviewAnalyzer.Rule) ? LedgerState.OverdueReview
                : LedgerState.Ok;
            var expires = record.ExpiresAt?.Date;
            var review = record.NextReviewAt?.Date;
            var (live, liveFunctions) = LiveExclusions.Of(run.Project, record);
            return new LedgerStatusRow(
                record,
                state,
                record.DisplayName,
                record is LedgerEntry entry ? entry.ScanTypeField?.Text ?? "-" : "filter",
                record.Team?.Text,
                record.Ticket?.Text,
                expires,
                expires?.DayNumber - today.DayNumber,
                review,
                review?.DayNumber - today.DayNumber,
                [.. results.Where(d => d.Id == InvalidLedgerEntryAnalyzer.Rule.Id).Select(d => d.Message)])
            {
                Live = live,
                LiveFunctions = liveFunctions,
            };
        }).ToList();

        rows.Sort((a, b) =>
        {
            var c = a.State.CompareTo(b.State);
            if (c == 0)
                c = Nullable.Compare(a.State == LedgerState.OverdueReview ? a.NextReviewAt : a.ExpiresAt, b.State == LedgerState.OverdueReview ? b.NextReviewAt : b.ExpiresAt);
            if (c == 0)
                c = string.CompareOrdinal(a.Name, b.Name);
            if (c == 0)
                c = string.CompareOrdinal(a.Record.Section, b.Record.Section);
            return c != 0 ? c : a.Record.Index.CompareTo(b.Record.Index);
        });

        var threshold = CommandSupport.FailThreshold(failLevel);
        var recordPrefixes = new[] { $"{path}#exclusions[", $"{path}#suppressions[" };
        var failing = about
            .Where(d => d.Id == EngineDiagnostics.InvalidInput.Id
                        || (threshold is { } level && d.Severity >= level
                            && (d.Descriptor.Category == RuleCategory.LedgerHygiene
                                || d.Target.LogicalLocation?.FullyQualifiedName is { } name && recordPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))))
            .Order(Comparer<Diagnostic>.Create(Diagnostic.Compare))
            .ToList();
        return new LedgerStatus(path, ledger.Exists, ledger.IsBroken, today, expiringWithinDays, rows, failLevel, failing, run.ExecutionSuccessful) { Exports = run.Project.Deployed.Exports };
    }

    /// <summary>The verdict line of a failing review, e.g. <c>Failed: 3 results at or above the fail level (error):
    /// 2 PL3001, 1 PL3004</c>; null when the review passes.</summary>
    public string? VerdictText()
    {
        if (!Fails)
            return null;
        if (Failing.Count == 0)
            return "Failed: an analyzer failed (see standard error)";
        var byId = Failing.GroupBy(d => d.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Failed: {Failing.Count} result{(Failing.Count == 1 ? "" : "s")} at or above the fail level ({FailLevel}): {string.Join(", ", byId)}");
    }

    /// <summary>The AWS CLI exports of the run; with any, every format gains the live view (a <c>deployed</c> column).</summary>
    public IReadOnlyList<DeployedExport> Exports { get; private init; } = [];

    private bool IsLive => Exports.Count > 0;

    private static string MadeAt(DeployedExport export) =>
        export.MadeAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>"Deployed state: 3 exports (path, made …; …)", or empty without exports.</summary>
    private string ExportsText() =>
        !IsLive ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $"Deployed state from {Exports.Count} export{(Exports.Count == 1 ? "" : "s")}: {string.Join("; ", Exports.Select(e => $"{DisplayText.Escape(e.Path)} (made {MadeAt(e)})"))}\n");

    /// <summary>The counts, e.g. <c>1 expired, 0 invalid, 2 expiring within 14 days, 0 overdue review, 3 ok</c>.</summary>
    public string CountsText() => string.Create(CultureInfo.InvariantCulture,
        $"{Count(LedgerState.Expired)} expired, {Count(LedgerState.Invalid)} invalid, {Count(LedgerState.Expiring)} expiring within {ExpiringWithinDays} days, {Count(LedgerState.OverdueReview)} overdue review, {Count(LedgerState.Ok)} ok");

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private string Heading => string.Create(CultureInfo.InvariantCulture, $"{LedgerPath} on {Day(Today)}");

    /// <summary>A table in plain text, then the counts; control characters in values escaped (<see cref="DisplayText"/>).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        if (!Exists)
            sb.Append(CultureInfo.InvariantCulture, $"No ledger at {DisplayText.Escape(LedgerPath)}.\n");
        else if (IsUnreadable)
            sb.Append(CultureInfo.InvariantCulture, $"{DisplayText.Escape(LedgerPath)} cannot be read ({EngineDiagnostics.InvalidInput.Id}): what it records is unknown.\n");
        else if (Rows.Count == 0)
            sb.Append(CultureInfo.InvariantCulture, $"{DisplayText.Escape(LedgerPath)} records nothing.\n");
        else
        {
            string[] headers = ["status", "function/filter", "scan type", "owner", "ticket", "expires", "days", "review", "days", "line"];
            sb.Append(RulesCommand.Table(
                Rows.Select(r => new[] { r.StateWord, DisplayText.Escape(r.Name), DisplayText.Escape(r.ScanType), DisplayText.Escape(r.Owner ?? "-"), DisplayText.Escape(r.Ticket ?? "-"), Day(r.ExpiresAt), Number(r.DaysUntilExpiry), Day(r.NextReviewAt), Number(r.DaysUntilReview), Number(r.Line) }
                    .Concat(IsLive ? [r.LiveWord] : []).ToArray()),
                IsLive ? [.. headers, "deployed"] : headers));
        }

        foreach (var diagnostic in Failing)
            sb.Append(TextReporter.FormatLine(diagnostic)).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"Ledger {DisplayText.Escape(Heading)}: {CountsText()}\n");
        sb.Append(ExportsText());
        if (VerdictText() is { } verdict)
            sb.Append(verdict).Append('\n');
        return sb.ToString();
    }

    /// <summary>GitHub Flavored Markdown: a heading, the counts, and the table with each record linked to its line.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## Exclusion ledger review: {MarkdownReporter.EscapeCell(Heading)}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{CountsText()}\n\n");
        if (!Exists)
            sb.Append(CultureInfo.InvariantCulture, $"No ledger at `{DisplayText.Escape(LedgerPath)}`.\n");
        else if (IsUnreadable)
            sb.Append(CultureInfo.InvariantCulture, $"The ledger cannot be read ({EngineDiagnostics.InvalidInput.Id}): what it records is unknown.\n");
        else if (Rows.Count == 0)
            sb.Append("The ledger records nothing.\n");
        else
            AppendMarkdownTable(sb);

        if (VerdictText() is { } verdict)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n### {MarkdownReporter.EscapeCell(verdict)}\n\n");
            foreach (var d in Failing)
            {
                var start = d.Location.Start;
                sb.Append(CultureInfo.InvariantCulture,
                    $"- [{MarkdownReporter.EscapeCell(d.Location.Path)}({start.Line},{start.Column})]({SarifReporter.EncodeUri(d.Location.Path)}#L{start.Line}): **{ReportText.SeverityWord(d.Severity)}** {d.Id}: {MarkdownReporter.EscapeCell(d.Message)}\n");
            }
        }

        return sb.ToString();
    }

    private void AppendMarkdownTable(StringBuilder sb)
    {
        if (IsLive)
            sb.Append(ExportsText()).Append('\n');
        sb.Append(IsLive ? "| status | function/filter | scan type | owner | ticket | expires | days | review | days | deployed |\n" : "| status | function/filter | scan type | owner | ticket | expires | days | review | days |\n");
        sb.Append(IsLive ? "|---|---|---|---|---|---|---:|---|---:|---|\n" : "|---|---|---|---|---|---|---:|---|---:|\n");
        var link = SarifReporter.EncodeUri(LedgerPath);
        foreach (var r in Rows)
        {
            var status = r.State is LedgerState.Ok ? r.StateWord : $"**{r.StateWord}**";
            sb.Append(CultureInfo.InvariantCulture,
                $"| {status} | [{MarkdownReporter.EscapeCell(r.Name)}]({link}#L{r.Line}) | {MarkdownReporter.EscapeCell(r.ScanType)} | {MarkdownReporter.EscapeCell(r.Owner ?? "-")} | {MarkdownReporter.EscapeCell(r.Ticket ?? "-")} | {Day(r.ExpiresAt)} | {Number(r.DaysUntilExpiry)} | {Day(r.NextReviewAt)} | {Number(r.DaysUntilReview)} |{(IsLive ? $" {r.LiveWord} |" : "")}\n");
        }
    }

    /// <summary>JSON: <c>{"version": 1, "today", "ledger", "expiringWithinDays", "entries": [{"status", "section",
    /// "index", "name", "scanType", "owner", "ticket", "expiresAt", "daysUntilExpiry", "nextReviewAt",
    /// "daysUntilReview", "line", "problems"}], "summary": {"expired", "invalid", "expiring", "overdueReview", "ok"},
    /// "failLevel", "failed", "results": [...]}</c>; absent values are null; <c>results</c> are the failing results
    /// (<see cref="Failing"/>), each written as a result of <c>--format json</c> (<see cref="JsonReporter.WriteResult(System.Text.Json.Utf8JsonWriter, PolicyLint.Core.Diagnostics.Diagnostic)"/>).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = JsonReporter.CreateWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteString("today", Day(Today));
            w.WriteString("ledger", LedgerPath);
            w.WriteBoolean("exists", Exists);
            w.WriteNumber("expiringWithinDays", ExpiringWithinDays);
            w.WriteStartArray("entries");
            foreach (var r in Rows)
            {
                w.WriteStartObject();
                w.WriteString("status", r.StateWord);
                w.WriteString("section", r.Record.Section);
                w.WriteNumber("index", r.Record.Index);
                w.WriteString("name", r.Name);
                w.WriteString("scanType", r.ScanType);
                WriteNullable(w, "owner", r.Owner);
                WriteNullable(w, "ticket", r.Ticket);
                WriteNullable(w, "expiresAt", r.ExpiresAt is null ? null : Day(r.ExpiresAt));
                WriteNullable(w, "daysUntilExpiry", r.DaysUntilExpiry);
                WriteNullable(w, "nextReviewAt", r.NextReviewAt is null ? null : Day(r.NextReviewAt));
                WriteNullable(w, "daysUntilReview", r.DaysUntilReview);
                w.WriteNumber("line", r.Line);
                if (IsLive)
                {
                    w.WriteStartObject("deployed");
                    w.WriteString("state", r.LiveWord);
                    w.WriteStartArray("functions");
                    foreach (var arn in r.LiveFunctions)
                        w.WriteStringValue(arn);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteStartArray("problems");
                foreach (var problem in r.Problems)
                    w.WriteStringValue(problem);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (IsLive)
            {
                w.WriteStartArray("exports");
                foreach (var export in Exports)
                {
                    w.WriteStartObject();
                    w.WriteString("path", export.Path);
                    WriteNullable(w, "madeAt", export.MadeAt is null ? null : MadeAt(export));
                    w.WriteString("description", export.Describe());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartObject("summary");
            w.WriteNumber("expired", Count(LedgerState.Expired));
            w.WriteNumber("invalid", Count(LedgerState.Invalid));
            w.WriteNumber("expiring", Count(LedgerState.Expiring));
            w.WriteNumber("overdueReview", Count(LedgerState.OverdueReview));
            w.WriteNumber("ok", Count(LedgerState.Ok));
            w.WriteEndObject();
            w.WriteString("failLevel", FailLevel);
            w.WriteBoolean("failed", Fails);
            w.WriteStartArray("results");
            foreach (var d in Failing)
                JsonReporter.WriteResult(w, d);

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteNumber(name, value.Value);
    }
}
