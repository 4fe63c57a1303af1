namespace PolicyLint.Core.Semantics;

/// <summary><c>AWS::NoValue</c>: the property is removed (also a YAML null).</summary>
public sealed record NoValue : ValueAlternative
{
    /// <summary>The single instance.</summary>
    public static NoValue Instance { get; } = new();

    /// <inheritdoc />
    public override string Describe() => "AWS::NoValue";
}
