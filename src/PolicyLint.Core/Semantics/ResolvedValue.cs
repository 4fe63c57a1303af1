using System.Collections.Immutable;
using System.Text;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// One value a template expression may take at deploy time, as far as it can be known offline.
/// </summary>
public abstract record ValueAlternative
{
    private protected ValueAlternative()
    {
    }

    /// <summary>A short human description for messages (never the full text of a literal that may be a secret).</summary>
    public abstract string Describe();
}

/// <summary>A fully known string (numbers and booleans are strings too).</summary>
/// <param name="Text">The string.</param>
public sealed record LiteralValue(string Text) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => $"'{Text}'";
}

/// <summary>A string partly known: literal parts and holes, as produced by <c>Fn::Sub</c> or <c>Fn::Join</c>
/// with parts that cannot be resolved.</summary>
/// <param name="Parts">The parts in order; adjacent literal parts are merged.</param>
public sealed record PartialStringValue(ImmutableArray<StringPart> Parts) : ValueAlternative
{
    /// <summary>The holes, in order.</summary>
    public IEnumerable<UnresolvedValue> Holes => Parts.Where(p => p.Hole is not null).Select(p => p.Hole!);

    /// <summary>The known text after the last hole (empty when the string ends with a hole).</summary>
    public string KnownSuffix => Parts.Length > 0 && Parts[^1].Text is { } t ? t : string.Empty;

    /// <summary>The known text before the first hole.</summary>
    public string KnownPrefix => Parts.Length > 0 && Parts[0].Text is { } t ? t : string.Empty;

    /// <summary>The string with each hole written as <c>${…}</c>.</summary>
    public string Pattern
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var p in Parts)
                sb.Append(p.Text ?? "${…}");
            return sb.ToString();
        }
    }

    /// <inheritdoc />
    public override string Describe() => $"'{Pattern}'";
}

/// <summary>A part of a <see cref="PartialStringValue"/>: literal <see cref="Text"/> or a <see cref="Hole"/>.</summary>
/// <param name="Text">Known text, or null for a hole.</param>
/// <param name="Hole">Why this part is unknown, or null for known text.</param>
public sealed record StringPart(string? Text, UnresolvedValue? Hole);

/// <summary><c>AWS::NoValue</c>: the property is removed (also a YAML null).</summary>
public sealed record NoValue : ValueAlternative
{
    /// <summary>The single instance.</summary>
    public static NoValue Instance { get; } = new();

    /// <inheritdoc />
    public override string Describe() => "AWS::NoValue";
}

/// <summary>A reference to a resource of the template: <c>Ref</c> (<see cref="Attribute"/> null) or <c>Fn::GetAtt</c>.</summary>
/// <param name="LogicalId">The referenced resource.</param>
/// <param name="Attribute">The attribute (<c>Arn</c>, <c>Outputs.KeyArn</c>), or null for <c>Ref</c>.</param>
/// <param name="ResourceType">The referenced resource's type.</param>
/// <param name="Node">The reference as written.</param>
public sealed record ResourceReferenceValue(string LogicalId, string? Attribute, string ResourceType, SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => Attribute is null ? $"a reference to {ResourceType} '{LogicalId}'" : $"attribute {Attribute} of {ResourceType} '{LogicalId}'";
}

/// <summary>A value imported from another stack with <c>Fn::ImportValue</c>.</summary>
/// <param name="ExportName">The export name, resolved as far as possible.</param>
/// <param name="Node">The call as written.</param>
public sealed record ImportedValue(ResolvedValue ExportName, SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => ExportName.TryGetString(out var name) ? $"the value imported from export '{name}'" : "an imported value";
}

/// <summary>A list (a YAML sequence, <c>Fn::Split</c>, a <c>CommaDelimitedList</c> parameter).</summary>
/// <param name="Items">The items, each with its own alternatives.</param>
public sealed record ListValue(ImmutableArray<ResolvedValue> Items) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => $"a list of {Items.Length}";
}

/// <summary>A literal mapping or other structure that is not a string.</summary>
/// <param name="Node">The structure as written.</param>
public sealed record StructureValue(SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => "a structure";
}

/// <summary>A value that cannot be known offline.</summary>
/// <param name="Reason">Why, as a clause: "parameter 'KeyArn' has no default".</param>
/// <param name="Node">The expression that could not be resolved.</param>
public sealed record UnresolvedValue(string Reason, SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => Reason;
}

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
