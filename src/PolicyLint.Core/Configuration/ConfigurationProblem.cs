using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Configuration;

/// <summary>A configuration error (PL0004): where and what.</summary>
/// <param name="Location">The offending key (or value).</param>
/// <param name="Message">What is wrong, without a final period.</param>
public sealed record ConfigurationProblem(Location Location, string Message);
