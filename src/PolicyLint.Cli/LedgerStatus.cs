using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Reporting;
using PolicyLint.Rules.DeployedState;

namespace PolicyLint.Cli;

/// <summary>Where a ledger record stands on the review day, most urgent first.</summary>
internal enum LedgerState
{
    /// <summary><c>expires_at</c> is before today (PL3001).</summary>
    Expired,

    /// <summary>PL3004 reports the record, so its dates cannot be trusted; fix it first.</summary>
    Invalid,

    /// <summary>It expires within the PL3002 window (today ≤ <c>expires_at</c> ≤ today + window).</summary>
    Expiring,

    /// <summary><c>next_review_at</c> is before today (PL3003).</summary>
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
/// overdue review (longest overdue first), ok (soonest expiry first); ties by name, then file order.
/// </summary>
internal sealed class LedgerStatus
{
    /// <summary>The default PL3002 window (C1), used until the rule pack declares <c>PL3002.expiring_within_days</c>.</summary>
    public const int DefaultExpiringWithinDays = 14;

    private LedgerStatus(string ledgerPath, bool exists, DateOnly today, int window, IReadOnlyList<LedgerStatusRow> rows)
    {
        LedgerPath = ledgerPath;
        Exists = exists;
        Today = today;
        ExpiringWithinDays = window;
        Rows = rows;
    }

    public string LedgerPath { get; }

    public bool Exists { get; }

    public DateOnly Today { get; }

    public int ExpiringWithinDays { get; }

    public IReadOnlyList<LedgerStatusRow> Rows { get; }

    public int Count(LedgerState state) => Rows.Count(r => r.State == state);

    /// <summary>Builds the review from an analyzed run (PL3004 results mark records invalid).</summary>
    public static LedgerStatus From(RunResult run, int expiringWithinDays)
    {
        var ledger = run.Project.Ledger;
        var today = run.Options.Today;
        var problems = run.Diagnostics
            .Where(d => d.Id == "PL3004" && !d.IsSuppressed && d.Target.LogicalLocation is not null)
            .ToLookup(d => d.Target.LogicalLocation!.FullyQualifiedName, d => d.Message, StringComparer.Ordinal);
        var rows = ledger.Records.Select(record =>
        {
            var recordProblems = problems[record.LogicalLocation.FullyQualifiedName].ToList();
            var expires = record.ExpiresAt?.Date;
            var review = record.NextReviewAt?.Date;
            var (live, liveFunctions) = LiveExclusions.Of(run.Project, record);
            var state = expires is { } e && e < today ? LedgerState.Expired
                : recordProblems.Count > 0 || expires is null ? LedgerState.Invalid
                : expires.Value.DayNumber - today.DayNumber <= expiringWithinDays ? LedgerState.Expiring
                : review is { } r && r < today ? LedgerState.OverdueReview
                : LedgerState.Ok;
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
                recordProblems)
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
        return new LedgerStatus(ledger.Source.Path, ledger.Exists, today, expiringWithinDays, rows) { Exports = run.Project.Deployed.Exports };
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

        sb.Append(CultureInfo.InvariantCulture, $"Ledger {DisplayText.Escape(Heading)}: {CountsText()}\n");
        sb.Append(ExportsText());
        return sb.ToString();
    }

    /// <summary>GitHub Flavored Markdown: a heading, the counts, and the table with each record linked to its line.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## Exclusion ledger review: {MarkdownReporter.EscapeCell(Heading)}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{CountsText()}\n\n");
        if (!Exists)
        {
            sb.Append(CultureInfo.InvariantCulture, $"No ledger at `{DisplayText.Escape(LedgerPath)}`.\n");
            return sb.ToString();
        }

        if (Rows.Count == 0)
        {
            sb.Append("The ledger records nothing.\n");
            return sb.ToString();
        }

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

        return sb.ToString();
    }

    /// <summary>JSON: <c>{"version": 1, "today", "ledger", "expiringWithinDays", "entries": [{"status", "section",
    /// "index", "name", "scanType", "owner", "ticket", "expiresAt", "daysUntilExpiry", "nextReviewAt",
    /// "daysUntilReview", "line", "problems"}], "summary": {"expired", "invalid", "expiring", "overdueReview", "ok"}}</c>;
    /// absent values are null.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
