namespace PolicyLint.Core.Semantics;

/// <summary>A part of a <see cref="PartialStringValue"/>: literal <see cref="Text"/> or a <see cref="Hole"/>.</summary>
/// <param name="Text">Known text, or null for a hole.</param>
/// <param name="Hole">Why this part is unknown, or null for known text.</param>
public sealed record StringPart(string? Text, UnresolvedValue? Hole);
