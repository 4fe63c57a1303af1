namespace PolicyLint.Core.Diagnostics;

/// <summary>Severity of a diagnostic; SARIF calls it <c>level</c> (SARIF 2.1.0 §3.27.10).</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational: SARIF <c>note</c>, printed as <c>info</c> in text output (docs/conventions.md#c19).</summary>
    Note = 1,

    /// <summary>SARIF <c>warning</c>.</summary>
    Warning = 2,

    /// <summary>SARIF <c>error</c>.</summary>
    Error = 3,
}
