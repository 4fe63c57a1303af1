using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>A valid JSON file that is not (or not wholly) an export PolicyLint reads: a foreign document, a record of
/// another resource type, a field of the wrong type (PL7006, reported by the rule pack).</summary>
/// <param name="Location">The offending value or object.</param>
/// <param name="Message">What is wrong and what PolicyLint expected, without a final period.</param>
public sealed record ExportProblem(Location Location, string Message) : IReportable
{
    /// <inheritdoc />
    public DiagnosticTarget Target => DiagnosticTarget.At(Location);
}
