using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>A problem the semantic model found that makes the template invalid (PL0001).</summary>
/// <param name="Location">Where.</param>
/// <param name="Message">What, without a final period.</param>
public sealed record TemplateProblem(Location Location, string Message);
