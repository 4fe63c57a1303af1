using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>PL3006: reports ledger records whose exception window is longer than N days (docs/conventions.md#c12:
/// <c>expires_at - applied_at &gt; N</c>).</summary>
public sealed class OverlongExceptionWindowAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the record ("Ledger entry 'name'"); {1} the window ("200 days"); {2} applied_at;
    /// {3} expires_at; {4} the maximum ("180 days").</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL3006",
        name: "OverlongExceptionWindow",
        title: "Ledger entry's exception window is too long",
        messageFormat: "{0} is granted for {1} (applied_at {2} to expires_at {3}), longer than the maximum of {4}; shorten it and renew it after a review",
        category: RuleCategory.LedgerHygiene,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An exclusion approved for a long time is seldom looked at again: the time between applied_at and " +
                     "expires_at exceeds the maximum the team allows.");

    /// <summary><c>PL3006.max_window_days</c>: the longest exception window allowed, in days.</summary>
    public static readonly RuleOption<int> MaxWindowDays = RuleOptions.Days(
        "PL3006.max_window_days", 180, "Report records whose expires_at is more than this many days after applied_at", minimum: 1);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override ImmutableArray<RuleOption> SupportedOptions => [MaxWindowDays];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        var maximum = context.GetOption(MaxWindowDays);
        foreach (var record in context.Ledger.Records)
        {
            if (record.AppliedAt is not { Date: { } applied } appliedField || record.ExpiresAt is not { Date: { } expires } field)
                continue;
            var days = expires.DayNumber - applied.DayNumber;
            if (days <= maximum)
                continue;
            context.ReportDiagnostic(Rule, field, LedgerRecords.Describe(record), LedgerRecords.Days(days), appliedField.Text, field.Text,
                LedgerRecords.Days(maximum));
        }
    }
}
