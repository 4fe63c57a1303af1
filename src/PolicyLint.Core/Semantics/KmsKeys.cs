namespace PolicyLint.Core.Semantics;

/// <summary>
/// Classifies KMS key values: any literal other than <c>""</c> and the AWS managed key, any reference to a resource,
/// any imported value, or anything resolving to such a value is a customer managed key (docs/conventions.md#c15).
/// </summary>
public static class KmsKeys
{
    /// <summary>
    /// Classifies <paramref name="value"/>; when customer managed, <paramref name="how"/> describes the alternative
    /// that is, and when unknown, the reason.
    /// </summary>
    /// <param name="value">The resolved property value.</param>
    /// <param name="awsManagedAlias">The AWS managed key alias of the service, e.g. <c>alias/aws/lambda</c>.</param>
    /// <param name="how">A description for the message.</param>
    public static KeyKind Classify(ResolvedValue value, string awsManagedAlias, out string how)
    {
        string? unknown = null;
        foreach (var alternative in value.Alternatives)
        {
            switch (alternative)
            {
                case LiteralValue { Text: var text } when text.Length > 0 && !IsAwsManaged(text, awsManagedAlias):
                    how = $"'{text}'";
                    return Conditional(value, KeyKind.CustomerManaged, ref how);
                case ResourceReferenceValue reference:
                    how = reference.Describe();
                    return Conditional(value, KeyKind.CustomerManaged, ref how);
                case ImportedValue imported:
                    how = $"{imported.Describe()}, taken as a customer managed key";
                    return Conditional(value, KeyKind.CustomerManaged, ref how);
                case PartialStringValue known when HasKnownText(known):
                    if (IsAwsManaged(known.KnownSuffix, awsManagedAlias))
                        continue;
                    how = $"'{known.Pattern}'";
                    return Conditional(value, KeyKind.CustomerManaged, ref how);
                case PartialStringValue holes:
                    unknown ??= holes.Holes.First().Reason;
                    break;
                case UnresolvedValue u:
                    unknown ??= u.Reason;
                    break;
                case ListValue or StructureValue:
                    unknown ??= $"the value is {alternative.Describe()}, not a key ARN";
                    break;
            }
        }

        how = unknown ?? string.Empty;
        return unknown is null ? KeyKind.None : KeyKind.Unknown;
    }

    /// <summary>Whether <paramref name="text"/> names the AWS managed key: the bare alias or an ARN ending in
    /// <c>:</c> + alias.</summary>
    public static bool IsAwsManaged(string text, string awsManagedAlias) =>
        string.Equals(text, awsManagedAlias, StringComparison.Ordinal) ||
        text.EndsWith(":" + awsManagedAlias, StringComparison.Ordinal);

    private static bool HasKnownText(PartialStringValue partial) => partial.Parts.Any(p => !string.IsNullOrEmpty(p.Text));

    private static KeyKind Conditional(ResolvedValue value, KeyKind kind, ref string how)
    {
        if (value.Alternatives.Length > 1)
            how += " in a branch of Fn::If";
        return kind;
    }
}
