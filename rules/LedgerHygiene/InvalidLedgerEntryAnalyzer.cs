using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>
/// PL3004: reports ledger defects: wrong shape (unknown key, unknown version, a list or mapping where a value
/// belongs), missing required fields, malformed dates, dates out of order, an unknown scan_type or target type, a
/// malformed function ARN or one naming another function, a target that identifies no function, and a placeholder
/// (<c>TODO</c>, <c>TBD</c>, <c>FIXME</c>, <c>&lt;…&gt;</c>: what <c>ledger add</c> writes for what only people know)
/// where a person's reason, ticket, team or approval belongs: a placeholder is not an approval.
/// </summary>
public sealed partial class InvalidLedgerEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} what is wrong, naming the record and the field.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL3004",
        name: "InvalidLedgerEntry",
        title: "Ledger entry is invalid",
        messageFormat: "{0}",
        category: RuleCategory.LedgerHygiene,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "The ledger does not follow its format: a required field is missing or empty, a key is unknown, a date is not " +
                     "YYYY-MM-DD or the dates are out of order, or the target does not identify one function.");

    /// <summary>The default of <see cref="PlaceholderPattern"/>: a value that is <c>TODO</c>, <c>TBD</c>, <c>TBC</c>,
    /// <c>FIXME</c> or <c>XXX</c> (or more x's), or starts with one of them as a word (followed by anything but a letter,
    /// digit, <c>_</c> or <c>-</c>: <c>TODO: who approved</c> is a placeholder, the ticket <c>TODO-123</c> and the team
    /// <c>todoist</c> are not); or is, as the whole value, <c>N/A</c>, <c>T.B.D.</c>, <c>x</c>, <c>pending</c>, <c>WIP</c>,
    /// <c>none</c>, <c>nobody</c>, <c>someone</c>, <c>unknown</c>, <c>to do</c>, or a YAML word (<c>yes</c>, <c>no</c>,
    /// <c>true</c>, <c>false</c>, <c>null</c>: the ledger keeps scalars as written); or is one <c>&lt;…&gt;</c>
    /// (<c>&lt;approver&gt;</c>); or holds only punctuation and symbols (<c>-</c>, <c>?</c>, <c>...</c>);
    /// case-insensitive, leading and trailing white space ignored. No lookarounds: a configured pattern is matched with
    /// <see cref="RegexOptions.NonBacktracking"/>; this one is source-generated (<see cref="DefaultPlaceholder"/>),
    /// anchored at the start and linear in the value.</summary>
    public const string DefaultPlaceholderPattern = @"^\s*(?:(?:TODO|TBD|TBC|FIXME|XXX+)(?:[^\w-]|$)|(?:N/A|N\.A\.?|T\.B\.[DC]\.?|X+|TO DO|PENDING|WIP|NONE|NOBODY|SOMEONE|UNKNOWN|YES|NO|TRUE|FALSE|NULL)\s*$|<[^<>]*>\s*$|[\p{P}\p{S}]+\s*$)";

    /// <summary><c>PL3004.placeholder_pattern</c>: a value of <c>reason.summary</c>, <c>reason.ticket</c>,
    /// <c>owner.team</c>, <c>owner.approved_by</c> or <c>owner.applied_by</c> that this pattern matches (anywhere in
    /// the value, case-insensitively; anchor it with <c>^</c>) is a placeholder.</summary>
    public static readonly RuleOption<Regex> PlaceholderPattern = RuleOptions.Pattern(
        "PL3004.placeholder_pattern", DefaultPlaceholderRegex,
        "A regular expression (case-insensitive, matched anywhere unless anchored) for placeholder values of a record's reason and owner fields");

    /// <summary><see cref="DefaultPlaceholderPattern"/>, built at compile time: the option's default (what
    /// <c>policylint rules</c> shows). A run whose configuration does not set the option matches with
    /// <see cref="DefaultPlaceholder"/>, the same pattern as code, and builds no regular expression (issue 15).</summary>
    [GeneratedRegex(DefaultPlaceholderPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultPlaceholderRegex();

    /// <summary>The fields a person fills in, and what the message asks for instead of a placeholder.</summary>
    private static readonly (Func<LedgerRecord, LedgerField?> Field, string Wanted)[] PeopleFields =
    [
        (r => r.Summary, "why the risk is accepted"),
        (r => r.Ticket, "the ticket that tracks the exception"),
        (r => r.Team, "the owning team"),
        (r => r.ApprovedBy, "who approved the exception"),
        (r => r.AppliedBy, "who applied it, or remove the field"),
    ];

    /// <summary>Longest placeholder text a message quotes, in UTF-16 code units.</summary>
    private const int QuotedLength = 60;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override ImmutableArray<RuleOption> SupportedOptions => [PlaceholderPattern];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        var ledger = context.Ledger;
        if (!ledger.Exists || ledger.IsBroken)
            return;
        foreach (var defect in ledger.Defects)
            context.ReportDiagnostic(Rule, defect, defect.Message);
        foreach (var entry in ledger.Exclusions)
            CheckTarget(context, entry);
        foreach (var record in ledger.SuppressionRules)
            CheckTarget(context, record);
        // The configured pattern, if any and valid (an invalid one is PL0004, and the default applies, as GetOption does).
        var placeholder = context.Options.RuleOptionValues.TryGetValue(PlaceholderPattern.Key, out var configured)
            && PlaceholderPattern.TryParse(configured, out var regex) ? regex : null;
        foreach (var record in ledger.Records)
        {
            CheckDates(context, record);
            CheckPlaceholders(context, record, placeholder);
        }
    }

    /// <summary>One result per field of a person's that still holds a placeholder, at the field's key.</summary>
    private static void CheckPlaceholders(LedgerAnalysisContext context, LedgerRecord record, Regex? placeholder)
    {
        foreach (var (read, wanted) in PeopleFields)
        {
            if (read(record) is not { Text: { } text } field || string.IsNullOrWhiteSpace(text) || !IsPlaceholder(placeholder, text))
                continue;
            context.ReportDiagnostic(Rule, field,
                $"{LedgerRecords.Describe(record)}: {field.Path} is a placeholder ({Quote(text)}), not a record; replace it with {wanted}");
        }
    }

    private static bool IsPlaceholder(Regex? placeholder, string text)
    {
        if (placeholder is null)
            return DefaultPlaceholder.IsMatch(text);
        try
        {
            return placeholder.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // not reached: a configured pattern matches in linear time, the default has no time limit; a value that defeats the limit is no placeholder
        }
    }

    /// <summary>The value in single quotes as one short line: its first line, at most <see cref="QuotedLength"/>
    /// code units (an ellipsis marks a cut, never inside a surrogate pair), with <c>\</c> and <c>'</c> escaped so that
    /// the quotes always close where the value ends.</summary>
    internal static string Quote(string value)
    {
        var text = value.Trim();
        var cut = false;
        var lineEnd = text.IndexOfAny(['\r', '\n']);
        if (lineEnd >= 0)
        {
            text = text[..lineEnd].TrimEnd();
            cut = true;
        }

        if (text.Length > QuotedLength)
        {
            var length = char.IsHighSurrogate(text[QuotedLength - 1]) ? QuotedLength - 1 : QuotedLength;
            text = text[..length];
            cut = true;
        }

        var sb = new StringBuilder("'");
        foreach (var c in text)
        {
            if (c is '\\' or '\'')
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.Append(cut ? "…'" : "'").ToString();
    }

    private static void CheckTarget(LedgerAnalysisContext context, LedgerEntry entry)
    {
        if (entry.TargetSection is null || entry.TargetSection.Value is not Core.Syntax.MappingNode)
            return;
        var name = LedgerRecords.Describe(entry);
        if (CheckTemplatePair(context, entry) && entry.FunctionName?.Text is null && entry.FunctionArn?.Text is null && !LedgerMatching.HasTemplateTarget(entry))
            context.ReportDiagnostic(Rule, entry.TargetAtSection(entry.TargetSection, "target"),
                $"{name}: target has neither function_name nor function_arn (nor template with logical_id), so it records no function");

        if (entry.FunctionArn?.Text is { } arn)
        {
            if (!LambdaArn.TryParse(arn, out var parsed))
                context.ReportDiagnostic(Rule, entry.FunctionArn,
                    $"{name}: function_arn '{arn}' is not a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>])");
            else if (entry.FunctionName?.Text is { } functionName && !string.Equals(parsed.FunctionName, functionName, StringComparison.Ordinal))
                context.ReportDiagnostic(Rule, entry.FunctionArn,
                    $"{name}: function_arn names function '{parsed.FunctionName}', not function_name '{functionName}'");
        }
    }

    private static void CheckTarget(LedgerAnalysisContext context, SuppressionRuleRecord record)
    {
        if (record.TargetSection is null || record.TargetSection.Value is not Core.Syntax.MappingNode)
            return;
        if (CheckTemplatePair(context, record) && record.Name?.Text is null && (record.Template?.Text is null || record.LogicalId?.Text is null))
            context.ReportDiagnostic(Rule, record.TargetAtSection(record.TargetSection, "target"),
                $"{LedgerRecords.Describe(record)}: target has neither name nor template with logical_id, so it records no filter");
    }

    /// <summary>template and logical_id go together; returns false after reporting when only one is given.</summary>
    private static bool CheckTemplatePair(LedgerAnalysisContext context, LedgerRecord record)
    {
        var template = record.Template?.Text;
        var logicalId = record.LogicalId?.Text;
        if ((template is null) == (logicalId is null))
            return true;
        var present = (template is not null ? record.Template : record.LogicalId)!;
        context.ReportDiagnostic(Rule, present,
            $"{LedgerRecords.Describe(record)}: target.{(template is null ? "logical_id" : "template")} needs target.{(template is null ? "template" : "logical_id")} as well");
        return false;
    }

    private static void CheckDates(LedgerAnalysisContext context, LedgerRecord record)
    {
        var name = LedgerRecords.Describe(record);
        // applied_at says when the exclusion was applied, and PL3006 measures the window from it: one in the future
        // would stretch that window unseen. One day of slack: --today defaults to the UTC date, and a person east of
        // UTC writes their own date, which can be UTC's tomorrow.
        if (record.AppliedAt is { Date: { } appliedAt } appliedField && appliedAt.DayNumber > context.Today.DayNumber + 1)
            context.ReportDiagnostic(Rule, appliedField, $"{name}: applied_at {appliedField.Text} is after the review day {context.Today:yyyy-MM-dd}; write the day the exclusion was applied");
        if (record.AppliedAt?.Date is { } applied && record.ExpiresAt is { Date: { } expires } expiresField && expires <= applied)
            context.ReportDiagnostic(Rule, expiresField, $"{name}: expires_at {expiresField.Text} is not after applied_at {record.AppliedAt.Text}");
        if (record.ExpiresAt?.Date is { } expiry && record.NextReviewAt is { Date: { } review } reviewField && review > expiry)
            context.ReportDiagnostic(Rule, reviewField, $"{name}: next_review_at {reviewField.Text} is after expires_at {record.ExpiresAt.Text}");
    }
}
