using System.Collections.Immutable;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// Everything an expression may evaluate to: one alternative when the value is decided, several when it depends
/// on a condition that cannot be decided (both <c>Fn::If</c> branches), each possibly partly unknown.
/// </summary>
public sealed class ResolvedValue
{
    /// <summary>At most this many alternatives are tracked; beyond it the value is unresolved.</summary>
    public const int MaxAlternatives = 32;

    /// <summary>Creates a value from its alternatives (duplicates of literal text removed).</summary>
    public ResolvedValue(ImmutableArray<ValueAlternative> alternatives)
    {
        Alternatives = alternatives;
    }

    /// <summary>The alternatives, in source order; never empty.</summary>
    public ImmutableArray<ValueAlternative> Alternatives { get; }

    /// <summary>A value with one alternative.</summary>
    public static ResolvedValue Of(ValueAlternative alternative) => new([alternative]);

    /// <summary>A known string.</summary>
    public static ResolvedValue Literal(string text) => Of(new LiteralValue(text));

    /// <summary>An unresolved value.</summary>
    public static ResolvedValue Unresolved(string reason, SyntaxNode node) => Of(new UnresolvedValue(reason, node));

    /// <summary>Whether the value is exactly one fully known string.</summary>
    public bool TryGetString(out string text)
    {
        if (Alternatives is [LiteralValue literal])
        {
            text = literal.Text;
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>Whether every alternative is <see cref="NoValue"/>.</summary>
    public bool IsNoValue => Alternatives.All(a => a is NoValue);

    /// <summary>Whether any alternative is or contains an unresolved part.</summary>
    public bool HasUnresolved => UnresolvedParts.Any();

    /// <summary>Every unresolved alternative and every hole of a partial string.</summary>
    public IEnumerable<UnresolvedValue> UnresolvedParts =>
        Alternatives.SelectMany(a => a switch
        {
            UnresolvedValue u => [u],
            PartialStringValue p => p.Holes,
            _ => Enumerable.Empty<UnresolvedValue>(),
        });

    /// <summary>The first reason the value is not fully known, or null.</summary>
    public string? FirstUnresolvedReason => UnresolvedParts.FirstOrDefault()?.Reason;

    /// <summary>
    /// Why the value may be a string that cannot be known offline: the first unresolved part (as
    /// <see cref="FirstUnresolvedReason"/>), else the first alternative that is not a literal or <see cref="NoValue"/>
    /// (an imported value, a resource's attribute or reference, a list, a structure); null when every alternative is a
    /// literal or <see cref="NoValue"/>. A clause, e.g. "it is the value imported from export 'x', known only at deploy
    /// time".
    /// </summary>
    public string? FirstUnknownStringReason =>
        FirstUnresolvedReason ?? Alternatives.FirstOrDefault(a => a is not LiteralValue and not NoValue) switch
        {
            null => null,
            ImportedValue or ResourceReferenceValue => $"it is {Alternatives.First(a => a is ImportedValue or ResourceReferenceValue).Describe()}, known only at deploy time",
            var other => $"it is {other.Describe()}, not a string",
        };

    /// <summary>All literal strings among the alternatives.</summary>
    public IEnumerable<string> LiteralTexts => Alternatives.OfType<LiteralValue>().Select(l => l.Text);

    /// <summary>Joins the alternatives of several values (both branches of an <c>Fn::If</c>).</summary>
    public static ResolvedValue Union(SyntaxNode node, params ResolvedValue[] values)
    {
        var builder = ImmutableArray.CreateBuilder<ValueAlternative>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var alternative in value.Alternatives)
            {
                if (alternative is LiteralValue l && !seen.Add(l.Text))
                    continue;
                builder.Add(alternative);
            }
        }

        return builder.Count > MaxAlternatives
            ? Unresolved($"the value has more than {MaxAlternatives} possible combinations", node)
            : new ResolvedValue(builder.ToImmutable());
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" | ", Alternatives.Select(a => a.Describe()));
}
