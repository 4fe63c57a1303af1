using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>Where an export lists a function: the JSON object of its record.</summary>
/// <param name="Export">The export.</param>
/// <param name="Location">The record's opening brace.</param>
public sealed record DeployedSighting(DeployedExport Export, Location Location);
