using PolicyLint.Core.Text;

namespace PolicyLint.Core.Configuration;

/// <summary>A configuration error (PL0004): where and what.</summary>
/// <param name="Location">The offending key (or value).</param>
/// <param name="Message">What is wrong, without a final period.</param>
public sealed record ConfigurationProblem(Location Location, string Message);
