namespace PolicyLint.Core.Semantics;

/// <summary>A fully known string (numbers and booleans are strings too).</summary>
/// <param name="Text">The string.</param>
public sealed record LiteralValue(string Text) : ValueAlternative
{
    /// <summary>
    /// Why the expression may take this value when it is one of a set known offline rather than the value (possible
    /// values, docs/conventions.md#c8): a clause for messages, e.g. <c>Fn::FindInMap over RegionMap with an unknown
    /// AWS::Region</c>, <c>parameter 'ScanMode' allows it</c>, <c>Fn::Select with an unknown index</c>; null when the
    /// expression gives this value (a literal, a default, an override, a branch of <c>Fn::If</c>).
    /// </summary>
    public string? Via { get; init; }

    /// <inheritdoc />
    public override string Describe() => $"'{Text}'";
}
