using System.Text;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>One resource a <c>Fn::ForEach</c> generates.</summary>
/// <param name="LogicalId">Its logical ID (the OutputKey with the identifier replaced).</param>
/// <param name="Entry">A generated entry: its key is located at the OutputKey as written, its value is the OutputValue
/// with the identifier replaced, every node located where it is written in the loop's template.</param>
/// <param name="Loop">The outermost <c>Fn::ForEach::…</c> entry it comes from.</param>
internal sealed record GeneratedResource(string LogicalId, MappingEntry Entry, MappingEntry Loop);

/// <summary>
/// Expands <c>Fn::ForEach</c> under <c>Resources</c> (AWS::LanguageExtensions) when its collection is static: every
/// <c>${Identifier}</c> and <c>&amp;{Identifier}</c> (non-alphanumeric characters removed) in the OutputKey and in the
/// strings of the OutputValue, and every <c>Ref: Identifier</c>, become the collection's value; nested loops expand
/// inside out. The collection is a list, or anything that resolves to a list of strings (<c>Ref</c> to a
/// <c>CommaDelimitedList</c> parameter with its override or default, <c>Fn::FindInMap</c>, <c>Fn::Split</c>).
/// </summary>
/// <remarks>Source: AWS CloudFormation Template Reference, "Fn::ForEach" (intrinsic-function-reference-foreach.html):
/// "All instances of ${Identifier} or &amp;{Identifier} in the OutputKey and OutputValue parameters are replaced with
/// the values of the Collection"; "The &amp;{} syntax allows non-alphanumeric characters of the Collection to be used in
/// OutputKey". Generated nodes keep the location of what they were generated from, so results about a generated
/// resource point at the loop's template, where the user edits. Not expanded: <c>Fn::ForEach</c> inside resource
/// properties, <c>Conditions</c> and <c>Outputs</c> (no rule reads generated conditions or outputs).</remarks>
internal sealed class ForEachExpander(TemplateModel template)
{
    /// <summary>Most nodes generated per template; past it, a loop is reported as not expanded.</summary>
    public const int MaxGeneratedNodes = 100_000;

    private int _generated;

    /// <summary>Expands <paramref name="loop"/>; false with a reason when it cannot be expanded.</summary>
    public bool TryExpand(MappingEntry loop, List<GeneratedResource> output, out string reason) =>
        TryExpand(loop, loop, new Dictionary<string, string>(StringComparer.Ordinal), output, out reason);

    private bool TryExpand(MappingEntry loop, MappingEntry outermost, Dictionary<string, string> bindings, List<GeneratedResource> output, out string reason)
    {
        if (loop.Value is not SequenceNode { Count: 3 } parts || parts[0] is not ScalarNode { IsNull: false } identifierNode || parts[2] is not MappingNode body)
        {
            reason = "it is not [identifier, collection, {OutputKey: OutputValue}]";
            return false;
        }

        var collection = template.Resolver.Resolve(Substitute(parts.Items[1], bindings));
        if (collection.Alternatives is not [ListValue list] || list.Items.Any(i => !i.TryGetString(out _)))
        {
            reason = $"its collection cannot be known offline: {collection.FirstUnknownStringReason ?? $"it is {collection}"}";
            return false;
        }

        var identifier = identifierNode.Value;
        foreach (var item in list.Items)
        {
            item.TryGetString(out var value);
            var inner = new Dictionary<string, string>(bindings, StringComparer.Ordinal) { [identifier] = value };
            foreach (var entry in body.EffectiveEntries())
            {
                if (entry.KeyText is not { } key)
                    continue;
                if (key.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
                {
                    if (!TryExpand(entry, outermost, inner, output, out reason))
                        return false;
                    continue;
                }

                var logicalId = Replace(key, inner);
                var generatedKey = new ScalarNode(entry.Key.Tree, entry.Key.Span, logicalId, ScalarStyle.Synthetic);
                output.Add(new GeneratedResource(logicalId, new MappingEntry(generatedKey, Substitute(entry.RawValue, inner)), outermost));
                if (_generated > MaxGeneratedNodes)
                {
                    reason = FormattableString.Invariant($"it generates more than {MaxGeneratedNodes:N0} nodes");
                    return false;
                }
            }
        }

        reason = string.Empty;
        return true;
    }

    /// <summary><paramref name="node"/> with the bindings applied: a copy where anything changes, located where the
    /// original is (aliases are followed and copied, at most <see cref="MaxGeneratedNodes"/> nodes in all).</summary>
    private SyntaxNode Substitute(SyntaxNode node, Dictionary<string, string> bindings)
    {
        if (bindings.Count == 0 || _generated > MaxGeneratedNodes)
            return node;
        _generated++;
        switch (node.Resolve())
        {
            case ScalarNode scalar:
            {
                var replaced = Replace(scalar.Value, bindings);
                return ReferenceEquals(replaced, scalar.Value) ? scalar : scalar.WithGeneratedValue(replaced);
            }

            case SequenceNode sequence:
                return new SequenceNode(sequence.Tree, sequence.Span, [.. sequence.Items.Select(i => Substitute(i, bindings))], sequence.IsFlow, sequence.Tag);
            case MappingNode mapping:
            {
                if (mapping.Count == 1 && mapping.Entries[0] is { KeyText: "Ref" } reference && reference.Value is ScalarNode { Value: var name } named
                    && bindings.TryGetValue(name, out var bound))
                    return named.WithGeneratedValue(bound, mapping.Span);
                var entries = mapping.Entries.Select(e => new MappingEntry(Substitute(e.Key, bindings), Substitute(e.RawValue, bindings))).ToList();
                return new MappingNode(mapping.Tree, mapping.Span, entries, mapping.IsFlow, mapping.Tag, mapping.IsShortFormIntrinsic);
            }

            default:
                return node;
        }
    }

    /// <summary><paramref name="text"/> with every <c>${id}</c> and <c>&amp;{id}</c> of a bound identifier replaced; the
    /// same instance when nothing is.</summary>
    private static string Replace(string text, Dictionary<string, string> bindings)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
            return text;
        var result = text;
        foreach (var (identifier, value) in bindings)
        {
            result = result.Replace("${" + identifier + "}", value, StringComparison.Ordinal);
            if (result.Contains("&{" + identifier + "}", StringComparison.Ordinal))
                result = result.Replace("&{" + identifier + "}", AlphanumericOnly(value), StringComparison.Ordinal);
        }

        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    private static string AlphanumericOnly(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(c);
        }

        return builder.ToString();
    }
}
