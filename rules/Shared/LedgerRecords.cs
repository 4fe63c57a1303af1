using PolicyLint.Core.Ledger;

namespace PolicyLint.Rules.Shared;

/// <summary>How messages name ledger records.</summary>
internal static class LedgerRecords
{
    /// <summary><c>Ledger entry 'orders-worker'</c> or <c>Suppression rule record 'noisy-cve'</c>.</summary>
    public static string Describe(LedgerRecord record) =>
        record is LedgerEntry ? $"Ledger entry '{record.DisplayName}'" : $"Suppression rule record '{record.DisplayName}'";

    /// <summary>"1 day" or "n days".</summary>
    public static string Days(int days) => days == 1 ? "1 day" : FormattableString.Invariant($"{days} days");
}
