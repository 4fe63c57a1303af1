namespace PolicyLint.Core.Syntax;

/// <summary>How a scalar was written. Values are always kept as the text written (docs/conventions.md#c18: scalars are strings).</summary>
public enum ScalarStyle
{
    /// <summary>YAML plain scalar (unquoted).</summary>
    Plain,

    /// <summary>YAML <c>'single quoted'</c>.</summary>
    SingleQuoted,

    /// <summary>YAML <c>"double quoted"</c>.</summary>
    DoubleQuoted,

    /// <summary>YAML literal block scalar <c>|</c>.</summary>
    Literal,

    /// <summary>YAML folded block scalar <c>&gt;</c>.</summary>
    Folded,

    /// <summary>JSON string.</summary>
    JsonString,

    /// <summary>JSON number, kept as written (no precision is lost).</summary>
    JsonNumber,

    /// <summary>JSON <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    JsonLiteral,

    /// <summary>A name created by the parser: the long-form name (<c>Fn::Sub</c>) of a short-form tag.</summary>
    Synthetic,
}
