namespace PolicyLint.Core.Loading;

/// <summary>One load of <see cref="ProjectLoader.LoadEveryEnvironment"/>: the samconfig environments that configure
/// every template alike, and the project they give.</summary>
/// <param name="Environments">The environment names, in the run's order; empty when no samconfig defines one.</param>
/// <param name="Result">The loaded project.</param>
public sealed record EnvironmentLoad(IReadOnlyList<string> Environments, LoadResult Result);
