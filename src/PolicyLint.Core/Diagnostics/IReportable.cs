namespace PolicyLint.Core.Diagnostics;

/// <summary>Something a diagnostic can be reported on: an effective property, a tag, a ledger field or entry.</summary>
public interface IReportable
{
    /// <summary>Where to report and what the result is about.</summary>
    DiagnosticTarget Target { get; }
}
