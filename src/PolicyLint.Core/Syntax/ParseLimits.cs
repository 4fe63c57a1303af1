namespace PolicyLint.Core.Syntax;

/// <summary>
/// Bounds that keep hostile input from costing unbounded time or memory (docs/conventions.md#c16): the one record of limits that the
/// command line and the loader take. Exceeding any of them is PL0001 (never a crash or a hang); the rest of the run
/// goes on.
/// </summary>
/// <param name="MaxFileBytes">Largest file read, in bytes (default 10 MiB); a larger file that looks like a template
/// (or the ledger) gets PL0001 at 1:1, another is skipped with a note.</param>
/// <param name="MaxDepth">Deepest nesting of mappings and sequences in one file (default 1,000 levels); PL0001 at the
/// node that crosses it.</param>
/// <param name="MaxAliasExpansion">Most nodes read through YAML aliases in one file (default 100,000), counted where
/// the file is read (<see cref="AliasBudget"/>); each time an alias is followed, the size of the subtree it names is
/// charged. PL0001 at the alias that crosses it.</param>
/// <param name="MaxFiles">Most files read under the root (default 100,000), in path order; PL0001 at 1:1 of the first
/// file left out.</param>
/// <param name="MaxNodes">Most syntax nodes (mappings, sequences, scalars, aliases, as written) built for one file
/// (default 1,000,000); PL0001 at the node that crosses it. It bounds the memory of a tree and the parse time of
/// YamlDotNet, whose scanner does work proportional to the depth of open flow collections (<c>[</c>, <c>{</c>) for each
/// token. A deployable template is far below it: CloudFormation reads at most 1 MB of template
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html), and every node takes
/// at least one character. Not configurable.</param>
public sealed record ParseLimits(long MaxFileBytes = 10 * 1024 * 1024, int MaxDepth = 1000, long MaxAliasExpansion = 100_000, int MaxFiles = 100_000, int MaxNodes = 1_000_000)
{
    /// <summary>The documented defaults.</summary>
    public static ParseLimits Default { get; } = new();
}
