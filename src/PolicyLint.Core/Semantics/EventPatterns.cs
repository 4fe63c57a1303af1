using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>Reads the fields of an EventBridge event pattern.</summary>
public static class EventPatterns
{
    /// <summary>
    /// The matchers of a pattern field's value: each element of its list (a single value counts as a list of one).
    /// Intrinsic functions are resolved with <paramref name="template"/>'s parameter values unless
    /// <paramref name="literalOnly"/> (a pattern written as a JSON string, which CloudFormation does not evaluate).
    /// </summary>
    public static IReadOnlyList<ValueMatcher> ReadField(SyntaxNode value, TemplateModel template, bool literalOnly)
    {
        value = value.Resolve();
        if (!literalOnly && IntrinsicFunction.Is(value))
        {
            var resolved = template.Resolver.Resolve(value);
            return [.. resolved.Alternatives.SelectMany(a => a switch
            {
                ListValue list => list.Items.SelectMany(item => FromResolved(item, value)),
                _ => FromResolved(new ResolvedValue([a]), value),
            })];
        }

        return value switch
        {
            SequenceNode list => [.. list.Items.Select(item => ReadElement(item.Resolve(), template, literalOnly))],
            MappingNode { Count: 1 } mapping when mapping.Entries[0].KeyText is { } key && IsOperator(key) => [ReadElement(mapping, template, literalOnly)],
            MappingNode mapping => [new UnknownMatcher("the field holds a nested pattern, not a list of values", mapping)],
            _ => [ReadElement(value, template, literalOnly)],
        };
    }

    private static bool IsOperator(string key) => key is "prefix" or "suffix" or "equals-ignore-case" or "wildcard" or "anything-but" or "exists" or "numeric" or "cidr";

    private static IEnumerable<ValueMatcher> FromResolved(ResolvedValue value, SyntaxNode node) =>
        value.Alternatives.Select<ValueAlternative, ValueMatcher>(a => a switch
        {
            LiteralValue literal => new ExactMatcher(literal.Text, node),
            NoValue => new NoStringMatcher(node),
            _ => new UnknownMatcher(value.FirstUnresolvedReason ?? $"the value is {a.Describe()}", node),
        });

    private static ValueMatcher ReadElement(SyntaxNode element, TemplateModel template, bool literalOnly)
    {
        switch (element)
        {
            case ScalarNode { IsNull: true }:
                return new NoStringMatcher(element);
            case ScalarNode scalar:
                return new ExactMatcher(scalar.Value, scalar);
            case MappingNode mapping when !literalOnly && IntrinsicFunction.Is(mapping):
                var resolved = template.Resolver.Resolve(mapping);
                return resolved.TryGetString(out var text)
                    ? new ExactMatcher(text, mapping)
                    : new UnknownMatcher(resolved.FirstUnresolvedReason ?? $"the value is {resolved}", mapping);
            case MappingNode { Count: 1 } mapping:
                return ReadOperator(mapping.Entries[0], template, literalOnly) ?? new UnknownMatcher($"operator '{mapping.Entries[0].KeyText}' is not understood", mapping);
            default:
                return new UnknownMatcher("the element is not a value or an operator", element);
        }
    }

    private static ValueMatcher? ReadOperator(MappingEntry entry, TemplateModel template, bool literalOnly)
    {
        var operand = entry.Value;
        switch (entry.KeyText)
        {
            case "prefix" or "suffix":
            {
                var isSuffix = entry.KeyText == "suffix";
                if (operand is ScalarNode s)
                    return new AffixMatcher(s.Value, isSuffix, IgnoreCase: false, s);
                return operand is MappingNode { Count: 1 } nested && nested.Entries[0].KeyText == "equals-ignore-case" && nested.Entries[0].Value is ScalarNode n
                    ? new AffixMatcher(n.Value, isSuffix, IgnoreCase: true, n)
                    : null;
            }

            case "equals-ignore-case":
                return operand is ScalarNode e ? new IgnoreCaseMatcher(e.Value, e) : null;
            case "wildcard":
                return operand is ScalarNode w ? new WildcardMatcher(w.Value, w) : null;
            case "exists":
                return operand is ScalarNode { Value: "true" or "false" } x ? new ExistsMatcher(x.Value == "true", x) : null;
            case "numeric" or "cidr":
                return new NoStringMatcher(operand);
            case "anything-but":
            {
                switch (operand)
                {
                    case ScalarNode or SequenceNode:
                        return new AnythingButMatcher([.. Elements(operand).Select(i => ReadElement(i, template, literalOnly))], entry.Key);
                    case MappingNode { Count: 1 } inner when inner.Entries[0].KeyText is "prefix" or "suffix" or "equals-ignore-case" or "wildcard":
                    {
                        var op = inner.Entries[0].KeyText!;
                        return new AnythingButMatcher(
                            [.. Elements(inner.Entries[0].Value).Select(item => ReadExcluded(op, item) ?? new UnknownMatcher($"anything-but {op} of a non-string", item))],
                            entry.Key);
                    }

                    default:
                        return null;
                }
            }

            default:
                return null;
        }
    }

    private static IEnumerable<SyntaxNode> Elements(SyntaxNode node) => node.Resolve() switch
    {
        SequenceNode list => list.Items.Select(i => i.Resolve()),
        var single => [single],
    };

    /// <summary>One operand of an <c>anything-but</c> operator, which may list several (<c>{anything-but: {prefix: [a, b]}}</c>).</summary>
    private static ValueMatcher? ReadExcluded(string op, SyntaxNode operand) => (op, operand) switch
    {
        ("prefix", ScalarNode s) => new AffixMatcher(s.Value, IsSuffix: false, IgnoreCase: false, s),
        ("suffix", ScalarNode s) => new AffixMatcher(s.Value, IsSuffix: true, IgnoreCase: false, s),
        ("equals-ignore-case", ScalarNode s) => new IgnoreCaseMatcher(s.Value, s),
        ("wildcard", ScalarNode s) => new WildcardMatcher(s.Value, s),
        _ => null,
    };
}
