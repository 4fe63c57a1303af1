namespace PolicyLint.Core.Semantics;

/// <summary>What a KMS key property resolves to (docs/conventions.md#c15).</summary>
public enum KeyKind
{
    /// <summary>No key: <c>""</c>, <c>AWS::NoValue</c>, or the AWS managed key.</summary>
    None,

    /// <summary>A customer managed key in at least one alternative.</summary>
    CustomerManaged,

    /// <summary>Cannot be decided offline.</summary>
    Unknown,
}
