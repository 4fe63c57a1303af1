using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>A function whose deployed name is not static but may be the name a ledger entry records.</summary>
/// <param name="Function">The function.</param>
/// <param name="Reason">Why its name cannot be compared, as a clause: "its FunctionName is '${…}-worker', and …".</param>
public sealed record PossibleMatch(LambdaFunction Function, string Reason);
