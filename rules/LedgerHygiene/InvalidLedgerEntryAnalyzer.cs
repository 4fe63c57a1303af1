using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>
/// PL3004: reports ledger defects: wrong shape (unknown key, unknown version, a list or mapping where a value
/// belongs), missing required fields, malformed dates, dates out of order, an unknown scan_type or target type, a
/// malformed function ARN or one naming another function, and a target that identifies no function.
/// </summary>
public sealed class InvalidLedgerEntryAnalyzer : DiagnosticAnalyzer
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

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

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
        foreach (var record in ledger.Records)
            CheckDates(context, record);
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
        if (record.AppliedAt?.Date is { } applied && record.ExpiresAt is { Date: { } expires } expiresField && expires <= applied)
            context.ReportDiagnostic(Rule, expiresField, $"{name}: expires_at {expiresField.Text} is not after applied_at {record.AppliedAt.Text}");
        if (record.ExpiresAt?.Date is { } expiry && record.NextReviewAt is { Date: { } review } reviewField && review > expiry)
            context.ReportDiagnostic(Rule, reviewField, $"{name}: next_review_at {reviewField.Text} is after expires_at {record.ExpiresAt.Text}");
    }
}
