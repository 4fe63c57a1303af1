using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>A <c>Fn::ForEach::…</c> entry under <c>Resources</c> that could not be expanded.</summary>
/// <param name="Entry">The <c>Fn::ForEach::…</c> entry (reported at its key, docs/conventions.md#c7).</param>
/// <param name="Reason">Why, as a clause: "its collection cannot be known offline: parameter 'Feeds' has no default".</param>
public sealed record UnexpandedForEach(MappingEntry Entry, string Reason);
