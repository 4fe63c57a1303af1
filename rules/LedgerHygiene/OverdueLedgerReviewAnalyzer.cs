using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>PL3003: reports ledger records whose <c>next_review_at</c> is before today (docs/conventions.md#c12). A record that has
/// expired (PL3001) is not reported again here.</summary>
public sealed class OverdueLedgerReviewAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the record ("Ledger entry 'name'"); {1} the review date; {2} how long ago ("3 days").</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL3003",
        name: "OverdueLedgerReview",
        title: "Ledger entry's review is overdue",
        messageFormat: "{0} was due for review on {1} ({2} ago); review the exception with its approver and set a new next_review_at",
        category: RuleCategory.LedgerHygiene,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "The ledger entry's next_review_at date has passed without the review being recorded: the accepted risk is " +
                     "no longer being looked at while the exclusion stays in place.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        foreach (var record in context.Ledger.Records)
        {
            if (record.NextReviewAt is not { Date: { } review } field || review >= context.Today)
                continue;
            if (record.ExpiresAt?.Date is { } expires && expires < context.Today)
                continue; // expired: PL3001 asks for the same review, and more
            context.ReportDiagnostic(Rule, field, LedgerRecords.Describe(record), field.Text,
                LedgerRecords.Days(context.Today.DayNumber - review.DayNumber));
        }
    }
}
