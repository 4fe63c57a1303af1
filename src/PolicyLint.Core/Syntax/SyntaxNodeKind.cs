namespace PolicyLint.Core.Syntax;

/// <summary>The kind of a <see cref="SyntaxNode"/>.</summary>
public enum SyntaxNodeKind
{
    /// <summary>A scalar: every YAML scalar and every JSON string, number, boolean and null.</summary>
    Scalar,

    /// <summary>A mapping (YAML mapping, JSON object), including short-form intrinsic functions.</summary>
    Mapping,

    /// <summary>A sequence (YAML sequence, JSON array).</summary>
    Sequence,

    /// <summary>A YAML alias (<c>*name</c>); it points at its anchored node and is never copied.</summary>
    Alias,
}
