using System.Collections.Concurrent;
using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Inputs.Templates;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Loading;

/// <summary>One load of <see cref="ProjectLoader.LoadEveryEnvironment"/>: the samconfig environments that configure
/// every template alike, and the project they give.</summary>
/// <param name="Environments">The environment names, in the run's order; empty when no samconfig defines one.</param>
/// <param name="Result">The loaded project.</param>
public sealed record EnvironmentLoad(IReadOnlyList<string> Environments, LoadResult Result);
