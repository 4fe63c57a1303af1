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
