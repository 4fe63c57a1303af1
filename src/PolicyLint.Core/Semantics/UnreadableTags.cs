using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Semantics;

/// <summary>A place where a function's tags cannot be read (the whole <c>Tags</c>, or one item, is an
/// expression that does not resolve to tags).</summary>
/// <param name="Target">Where to report.</param>
/// <param name="Reason">Why, as a clause.</param>
public sealed record UnreadableTags(DiagnosticTarget Target, string Reason) : IReportable;
