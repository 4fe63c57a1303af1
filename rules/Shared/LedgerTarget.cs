using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>What a ledger entry's target designates among the analyzed templates.</summary>
/// <param name="Functions">The functions it records for certain: the <c>template</c> + <c>logical_id</c> function, or
/// every function whose <c>FunctionName</c> is (or, under a condition that cannot be decided, may be) the recorded
/// name; in template order.</param>
/// <param name="Possible">By-name entries only: functions whose name is not static but may be the recorded one (a
/// <c>Fn::Sub</c> with an unknown part, a parameter without a default, a name CloudFormation generates).</param>
/// <param name="Missing">When nothing matches for certain or possibly, why, as a clause; else null.</param>
/// <param name="Unseen">Templates that may define the function but could not be analyzed: root-relative paths of
/// files with PL0001, and templates with <c>Fn::ForEach</c> (whose generated resources are not analyzed).</param>
/// <param name="IsUndecidable">Whether the target cannot be judged at all: it has no identity, or it names a template
/// that cannot be analyzed.</param>
public sealed record LedgerTarget(
    IReadOnlyList<LambdaFunction> Functions,
    IReadOnlyList<PossibleMatch> Possible,
    string? Missing,
    IReadOnlyList<string> Unseen,
    bool IsUndecidable)
{
    internal static LedgerTarget Undecidable { get; } = new([], [], null, [], true);
}
