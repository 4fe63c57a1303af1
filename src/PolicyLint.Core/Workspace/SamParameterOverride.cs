using PolicyLint.Core.Text;

namespace PolicyLint.Core.Workspace;

/// <summary>A parameter value from samconfig <c>parameter_overrides</c>.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The value, quotes removed.</param>
/// <param name="Location">The <c>Key=Value</c> item in the samconfig file.</param>
public sealed record SamParameterOverride(string Name, string Value, Location Location);
