using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Ledger;

/// <summary>A structural defect found while reading the ledger (PL3004): unknown key, missing field, wrong type,
/// malformed date, unknown version.</summary>
/// <param name="Target">Where (the offending key, or the parent key when a field is missing).</param>
/// <param name="Message">What, without a final period.</param>
public sealed record LedgerDefect(DiagnosticTarget Target, string Message) : IReportable;
