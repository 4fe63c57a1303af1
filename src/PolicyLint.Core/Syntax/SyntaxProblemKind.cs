namespace PolicyLint.Core.Syntax;

/// <summary>What went wrong while reading a file.</summary>
public enum SyntaxProblemKind
{
    /// <summary>The text is not valid YAML/JSON; nothing after the error is read.</summary>
    SyntaxError,

    /// <summary>A key repeated in one mapping (merge keys excepted).</summary>
    DuplicateKey,

    /// <summary>A parse limit (size, nesting depth, alias expansion) was exceeded.</summary>
    LimitExceeded,

    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>A well-formed file holds a value of the wrong form (for example a samconfig <c>tags</c> item that is
    /// not <c>Key=Value</c>); the rest of the file is used.</summary>
    InvalidValue,
}
