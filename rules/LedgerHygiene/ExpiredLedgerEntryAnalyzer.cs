using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>PL3001: reports ledger records whose <c>expires_at</c> is before today (docs/conventions.md#c12).</summary>
public sealed class ExpiredLedgerEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the record ("Ledger entry 'name'"); {1} the expiry date; {2} how long ago ("3 days").</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL3001",
        name: "ExpiredLedgerEntry",
        title: "Ledger entry has expired",
        messageFormat: "{0} expired on {1} ({2} ago); review the exception and extend expires_at, or end it and remove the exclusion",
        category: RuleCategory.LedgerHygiene,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "The accepted risk recorded in the ledger ran out: its expires_at date is in the past, yet the entry (and the " +
                     "exclusion it records) is still there.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        foreach (var record in context.Ledger.Records)
        {
            if (record.ExpiresAt is not { Date: { } expires } field || expires >= context.Today)
                continue;
            var days = context.Today.DayNumber - expires.DayNumber;
            context.ReportDiagnostic(Rule, field, LedgerRecords.Describe(record), field.Text, LedgerRecords.Days(days));
        }
    }
}
