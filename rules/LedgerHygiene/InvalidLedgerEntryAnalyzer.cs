using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Text;
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

    /// <summary>The default of <see cref="PlaceholderPattern"/>: the engine's <see cref="PlaceholderText.DefaultPattern"/>
    /// (what it matches is described there), which in-source suppressions use for their justifications too.</summary>
    public const string DefaultPlaceholderPattern = PlaceholderText.DefaultPattern;

    /// <summary><c>PL3004.placeholder_pattern</c>: a value of <c>reason.summary</c>, <c>reason.ticket</c>,
    /// <c>owner.team</c>, <c>owner.approved_by</c> or <c>owner.applied_by</c> that this pattern matches (anywhere in
    /// the value, case-insensitively; anchor it with <c>^</c>) is a placeholder.</summary>
    public static readonly RuleOption<Regex> PlaceholderPattern = RuleOptions.Pattern(
        "PL3004.placeholder_pattern", PlaceholderText.DefaultRegex,
        "A regular expression (case-insensitive, matched anywhere unless anchored) for placeholder values of a record's reason and owner fields");

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
            return PlaceholderText.IsPlaceholder(text); // the default, as code: no regular expression built (issue 15)
        try
        {
            // Folded too: a full-width ＴＯＤＯ or an N/A with a zero-width space is the same placeholder.
            if (placeholder.IsMatch(text))
                return true;
            var folded = PlaceholderText.Fold(text);
            return !ReferenceEquals(folded, text) && placeholder.IsMatch(folded);
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

        // An entry with template + logical_id records that function (docs/ledger-format.md#matching); a name beside them
        // that is not the function's tells a reviewer a different story than the one the gate checks (third new-user
        // trial: function_name orders-report on the logical ID of another function passed silently).
        if (LedgerMatching.HasTemplateTarget(entry) && entry.RecordedName is { } recorded)
        {
            var field = (entry.FunctionName?.Text is not null ? entry.FunctionName : entry.FunctionArn)!;
            foreach (var function in LedgerMatching.TargetOf(context.Project, entry).Functions)
            {
                if (function.StaticName is { } actual && !string.Equals(actual, recorded, StringComparison.Ordinal))
                {
                    context.ReportDiagnostic(Rule, field,
                        $"{name}: {(field == entry.FunctionName ? "function_name" : "function_arn")} names {Quote(recorded)}, but template and logical_id record {function.Resource.Template.Path} {function.LogicalId}, named {Quote(actual)}; the entry matches by template and logical_id: correct the name, or remove it");
                }
            }
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
