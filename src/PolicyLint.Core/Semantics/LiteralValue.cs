namespace PolicyLint.Core.Semantics;

/// <summary>A fully known string (numbers and booleans are strings too).</summary>
/// <param name="Text">The string.</param>
public sealed record LiteralValue(string Text) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => $"'{Text}'";
}
