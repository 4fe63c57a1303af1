using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// One element of an event pattern field's list: an exact value or a comparison operator, as EventBridge evaluates
/// it against one string value of an event.
/// </summary>
/// <remarks>Source: Amazon EventBridge User Guide, "Comparison operators for use in event patterns in Amazon
/// EventBridge" (eb-create-pattern-operators.html): values match exactly and case-sensitively; <c>prefix</c>,
/// <c>suffix</c> (each optionally with <c>equals-ignore-case</c>), <c>equals-ignore-case</c>, <c>wildcard</c>
/// (<c>*</c> is any run of characters, <c>\*</c> and <c>\\</c> escape), <c>anything-but</c> (a value, a list, or
/// <c>prefix</c>/<c>suffix</c>/<c>equals-ignore-case</c>/<c>wildcard</c>), <c>exists</c>, <c>numeric</c>, <c>cidr</c>;
/// the elements of a list are alternatives.</remarks>
public abstract record ValueMatcher(SyntaxNode Node)
{
    /// <summary>Whether a field holding <paramref name="value"/> matches.</summary>
    public abstract TriState Matches(string value);

    /// <summary>How messages name the operator, followed by a space (empty for an exact value).</summary>
    public abstract string OperatorText { get; }

    /// <summary>Whether a list of matchers (alternatives) matches <paramref name="value"/>.</summary>
    public static TriState AnyMatches(IEnumerable<ValueMatcher> matchers, string value)
    {
        var result = TriState.False;
        foreach (var matcher in matchers)
        {
            var matches = matcher.Matches(value);
            if (matches == TriState.True)
                return TriState.True;
            if (matches == TriState.Unknown)
                result = TriState.Unknown;
        }

        return result;
    }

    private protected static TriState Of(bool value) => value ? TriState.True : TriState.False;
}

/// <summary>An exact value (<c>"HIGH"</c>), compared ordinally.</summary>
/// <param name="Value">The value.</param>
/// <param name="Node">Where it is written.</param>
public sealed record ExactMatcher(string Value, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(string.Equals(value, Value, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string OperatorText => string.Empty;
}

/// <summary><c>{prefix: …}</c> or <c>{suffix: …}</c>, optionally <c>{prefix: {equals-ignore-case: …}}</c>.</summary>
/// <param name="Value">The operand.</param>
/// <param name="IsSuffix">Whether it is <c>suffix</c>.</param>
/// <param name="IgnoreCase">Whether <c>equals-ignore-case</c> is nested.</param>
/// <param name="Node">Where the operand is written.</param>
public sealed record AffixMatcher(string Value, bool IsSuffix, bool IgnoreCase, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(Test(value, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    /// <summary>Whether <paramref name="value"/> has the operand as prefix (suffix) under <paramref name="comparison"/>.</summary>
    public bool Test(string value, StringComparison comparison) =>
        IsSuffix ? value.EndsWith(Value, comparison) : value.StartsWith(Value, comparison);

    /// <inheritdoc />
    public override string OperatorText => (IsSuffix ? "suffix " : "prefix ") + (IgnoreCase ? "equals-ignore-case " : string.Empty);
}

/// <summary><c>{equals-ignore-case: …}</c>.</summary>
/// <param name="Value">The operand.</param>
/// <param name="Node">Where the operand is written.</param>
public sealed record IgnoreCaseMatcher(string Value, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(string.Equals(value, Value, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override string OperatorText => "equals-ignore-case ";
}

/// <summary><c>{wildcard: …}</c>.</summary>
/// <param name="Value">The operand.</param>
/// <param name="Node">Where the operand is written.</param>
public sealed record WildcardMatcher(string Value, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(Test(value, ignoreCase: false));

    /// <inheritdoc />
    public override string OperatorText => "wildcard ";

    /// <summary>Whether <paramref name="value"/> matches the wildcard expression.</summary>
    public bool Test(string value, bool ignoreCase) => Matches(Value, value, ignoreCase);

    /// <summary>Whether <paramref name="value"/> matches <paramref name="pattern"/>, in which <c>*</c> stands for any
    /// run of characters and <c>\*</c>, <c>\\</c> for themselves.</summary>
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        // Tokens: a character, or a star for an unescaped '*'. (Two arrays rather than a List<char?>, which has no
        // ReadyToRun code and would be JIT-compiled at every start.)
        var characters = new char[pattern.Length];
        var stars = new bool[pattern.Length];
        var count = 0;
        for (var i = 0; i < pattern.Length; i++, count++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
                characters[count] = pattern[++i];
            else if (pattern[i] == '*')
                stars[count] = true;
            else
                characters[count] = pattern[i];
        }

        // Greedy matching with backtracking to the last star: linear in practice, never exponential.
        int t = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (t < count && !stars[t] && Same(characters[t], value[v], ignoreCase))
            {
                t++;
                v++;
            }
            else if (t < count && stars[t])
            {
                star = t++;
                mark = v;
            }
            else if (star >= 0)
            {
                t = star + 1;
                v = ++mark;
            }
            else
                return false;
        }

        while (t < count && stars[t])
            t++;
        return t == count;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}

/// <summary><c>{anything-but: …}</c>: matches a value that none of <paramref name="Excluded"/> matches.</summary>
/// <param name="Excluded">What is excluded: exact values, or one operator.</param>
/// <param name="Node">Where the operator is written.</param>
public sealed record AnythingButMatcher(IReadOnlyList<ValueMatcher> Excluded, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => AnyMatches(Excluded, value) switch
    {
        TriState.True => TriState.False,
        TriState.False => TriState.True,
        _ => TriState.Unknown,
    };

    /// <inheritdoc />
    public override string OperatorText => "anything-but ";
}

/// <summary><c>{exists: true|false}</c>: a field that has a value matches only <c>exists: true</c>.</summary>
/// <param name="Exists">The operand.</param>
/// <param name="Node">Where it is written.</param>
public sealed record ExistsMatcher(bool Exists, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(Exists);

    /// <inheritdoc />
    public override string OperatorText => "exists ";
}

/// <summary>An element that never matches a string: <c>null</c>, <c>numeric</c>, <c>cidr</c>.</summary>
/// <param name="Node">Where it is written.</param>
public sealed record NoStringMatcher(SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => TriState.False;

    /// <inheritdoc />
    public override string OperatorText => string.Empty;
}

/// <summary>An element PolicyLint cannot evaluate: an unresolvable intrinsic function, an unknown operator.</summary>
/// <param name="Reason">Why, as a clause.</param>
/// <param name="Node">Where it is written.</param>
public sealed record UnknownMatcher(string Reason, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => TriState.Unknown;

    /// <inheritdoc />
    public override string OperatorText => string.Empty;
}

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
