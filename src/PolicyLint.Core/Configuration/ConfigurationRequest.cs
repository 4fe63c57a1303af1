using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Configuration;

/// <summary>What configuration to read.</summary>
public sealed record ConfigurationRequest
{
    /// <summary>The default configuration file name at the root.</summary>
    public const string DefaultFileName = ".policylint.yaml";

    /// <summary>The configuration files a run reads at the root when they exist: <see cref="DefaultFileName"/> (unless
    /// <c>--config</c> names another), <c>.globalconfig</c> and <c>.editorconfig</c>.</summary>
    public static IReadOnlyList<string> DefaultFileNames() => [DefaultFileName, ".globalconfig", ".editorconfig"];

    /// <summary>Absolute root directory.</summary>
    public required string Root { get; init; }

    /// <summary>Root-relative path given with <c>--config</c>, or null for <see cref="DefaultFileName"/> if present.</summary>
    public string? ExplicitPath { get; init; }

    /// <summary>The rule catalog (to validate IDs).</summary>
    public required IReadOnlyList<DiagnosticDescriptor> Catalog { get; init; }

    /// <summary>The rule options (to validate option keys and values).</summary>
    public required IReadOnlyList<RuleOption> Options { get; init; }

    /// <summary>Where the files are read from: the working tree under <see cref="Root"/> when null, else the git index or
    /// a commit (<see cref="GitFileSource"/>).</summary>
    public IFileSource? Source { get; init; }

    /// <summary><see cref="Source"/>, else the working tree under <see cref="Root"/>.</summary>
    public IFileSource Files => Source ?? new PhysicalFileSource(Root);
}
