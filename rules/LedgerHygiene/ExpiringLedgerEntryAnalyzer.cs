using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>PL3002: reports ledger records whose <c>expires_at</c> is today or within the next N days (docs/conventions.md#c12:
/// <c>today &lt;= expires_at &lt;= today + N</c>).</summary>
public sealed class ExpiringLedgerEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the record ("Ledger entry 'name'"); {1} the expiry date; {2} when ("today", "in 3 days").</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL3002",
        name: "ExpiringLedgerEntry",
        title: "Ledger entry expires soon",
        messageFormat: "{0} expires on {1} ({2}); review the exception before then, and extend expires_at or end it and remove the exclusion",
        category: RuleCategory.LedgerHygiene,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "The accepted risk recorded in the ledger runs out within the warning window: review it now, so that it is " +
                     "renewed or ended before it expires (PL3001).");

    /// <summary><c>PL3002.expiring_within_days</c>: how many days ahead an expiry is reported.</summary>
    public static readonly RuleOption<int> ExpiringWithinDays = RuleOptions.Days(
        "PL3002.expiring_within_days", 14, "Report records that expire today or within this many days");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override ImmutableArray<RuleOption> SupportedOptions => [ExpiringWithinDays];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        var window = context.GetOption(ExpiringWithinDays);
        foreach (var record in context.Ledger.Records)
        {
            if (record.ExpiresAt is not { Date: { } expires } field)
                continue;
            var days = expires.DayNumber - context.Today.DayNumber;
            if (days < 0 || days > window)
                continue;
            context.ReportDiagnostic(Rule, field, LedgerRecords.Describe(record), field.Text,
                days == 0 ? "today" : $"in {LedgerRecords.Days(days)}");
        }
    }
}
