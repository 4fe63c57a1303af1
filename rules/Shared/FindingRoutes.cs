using System.Runtime.CompilerServices;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Rules.Shared;

/// <summary>How close an event pattern comes to Amazon Inspector's finding events.</summary>
internal enum InspectorMatch
{
    /// <summary>The pattern names neither <c>aws.inspector2</c> nor <c>Inspector2 Finding</c>, not even nearly.</summary>
    None,

    /// <summary>It names one of them only nearly (case, <c>-</c>/<c>_</c>, or an edit distance of at most 2).</summary>
    NearMiss,

    /// <summary>It names <c>aws.inspector2</c> or <c>Inspector2 Finding</c> exactly.</summary>
    Exact,
}

/// <summary>What a rule's pattern selects among AWS Security Hub's events (docs/conventions.md#c6, revised 2026-12-07).</summary>
internal enum SecurityHubMatch
{
    /// <summary>The pattern does not name <c>aws.securityhub</c>, not even nearly.</summary>
    None,

    /// <summary>It names Security Hub, but selects no imported Amazon Inspector finding: another detail-type, or a
    /// product filter that leaves Inspector out.</summary>
    Other,

    /// <summary>It selects Inspector's imported findings, but names a key or value only nearly (case, <c>-</c>/<c>_</c>,
    /// or an edit distance of at most 2), so it matches nothing until that is fixed.</summary>
    NearMiss,

    /// <summary>It selects Security Hub's imported findings of Amazon Inspector: <c>source</c> <c>aws.securityhub</c>,
    /// <c>detail-type</c> <c>Security Hub Findings - Imported</c> (or absent), and a product filter that keeps
    /// Inspector (or none).</summary>
    Exact,
}

/// <summary>
/// An EventBridge rule of the project (<see cref="EventBridgeRule"/>, read by the engine) with the rule pack's
/// questions answered: how its pattern selects Amazon Inspector's findings, directly or through Security Hub.
/// </summary>
internal sealed class EventRule : EventBridgeRule
{
    internal EventRule(EventBridgeRule rule)
        : base(rule)
    {
        var source = FindField(Pattern, "source");
        var detailType = FindField(Pattern, "detail-type");
        var s = Classify(source, InspectorFindings.Source);
        var d = Classify(detailType, InspectorFindings.DetailType);
        Match = (InspectorMatch)Math.Max((int)s, (int)d);
        OtherInspectorEvents = Match != InspectorMatch.None && d == InspectorMatch.None && detailType is not null
            ? InspectorFindings.OtherDetailTypes.Where(t => Matches(detailType, t) == TriState.True).ToList()
            : [];
        if (OtherInspectorEvents.Count > 0 && Matches(detailType, InspectorFindings.DetailType) != TriState.False)
            OtherInspectorEvents = [];
        SecurityHub = ClassifySecurityHub(source, detailType, out var securityHubReason);
        SecurityHubReason = securityHubReason;
    }

    /// <summary>How closely the pattern names Inspector's finding events.</summary>
    public InspectorMatch Match { get; }

    /// <summary>Amazon Inspector's other detail-types (<c>Inspector2 Scan</c>, <c>Inspector2 Coverage</c>) that the
    /// pattern matches on purpose, when it names Inspector but neither names nor matches <c>Inspector2 Finding</c>;
    /// empty otherwise. Such a rule is not a finding route (docs/conventions.md#c6).</summary>
    public IReadOnlyList<string> OtherInspectorEvents { get; }

    /// <summary>Whether this is an Inspector rule (docs/conventions.md#c6): its pattern names Inspector's finding events exactly or
    /// nearly, and it is not a rule for Inspector's other events.</summary>
    public bool IsInspectorRule => Match != InspectorMatch.None && OtherInspectorEvents.Count == 0;

    /// <summary>How the pattern selects among Security Hub's events.</summary>
    public SecurityHubMatch SecurityHub { get; }

    /// <summary>For <see cref="SecurityHubMatch.Other"/>, why the rule routes no Inspector finding (a clause), else null.</summary>
    public string? SecurityHubReason { get; }

    /// <summary>Whether the rule selects Inspector findings among Security Hub's imported findings, exactly or nearly
    /// (docs/conventions.md#c6, revised 2026-12-07).</summary>
    public bool IsSecurityHubRoute => SecurityHub is SecurityHubMatch.Exact or SecurityHubMatch.NearMiss;

    /// <summary>Whether the rule is meant to route Inspector findings: an Inspector rule or a Security Hub route. Only
    /// these get PL4002–PL4004, and one on the default bus silences PL4001.</summary>
    public bool IsFindingRule => IsInspectorRule || IsSecurityHubRoute;

    /// <summary>The literal strings a pattern field lists, operators' operands included (e.g. the text of
    /// <c>{prefix: …}</c>), in order; empty when the field is absent. A key that misses <paramref name="field"/> only
    /// nearly (<c>Source</c>, <c>DetailType</c>) is read when the exact key is absent.</summary>
    public IReadOnlyList<string> Values(string field) => FindField(Pattern, field)?.Entry.Value switch
    {
        SequenceNode list => [.. list.Items.SelectMany(i => Strings(i.Resolve()))],
        { } single => [.. Strings(single.Resolve())],
        null => [],
    };

    /// <summary>The entry of <paramref name="mapping"/> for <paramref name="key"/>: the exact key, else the first key
    /// that misses it only by case, <c>-</c>/<c>_</c>/space/<c>.</c>, or an edit distance of at most 2 (which matches
    /// no event); null when neither exists.</summary>
    public static PatternField? FindField(MappingNode? mapping, string key)
    {
        if (mapping is null || IntrinsicFunction.Is(mapping))
            return null;
        if (mapping.Find(key) is { } exact)
            return new PatternField(exact, IsExactKey: true);
        foreach (var entry in mapping.EffectiveEntries())
        {
            if (entry.KeyText is { } text && InspectorFindings.IsNearMiss(text, key))
                return new PatternField(entry, IsExactKey: false);
        }

        return null;
    }

    /// <summary>Whether the field's matchers match <paramref name="value"/>; an absent field matches everything.</summary>
    public TriState Matches(PatternField? field, string value) => base.Matches(field?.Entry, value);

    /// <summary>The matchers of a field's value (the operators of docs/conventions.md#c6), intrinsic functions resolved unless the pattern is a
    /// JSON string.</summary>
    public IReadOnlyList<ValueMatcher> Matchers(PatternField field) => base.Matchers(field.Entry);

    private static IEnumerable<string> Strings(SyntaxNode node) => node switch
    {
        ScalarNode s => [s.Value],
        MappingNode m => m.Entries.SelectMany(e => e.Value switch
        {
            ScalarNode s => [s.Value],
            SequenceNode l => l.Items.Select(i => i.AsScalar()?.Value).OfType<string>(),
            _ => [],
        }),
        _ => [],
    };

    private static InspectorMatch Classify(PatternField? field, string expected)
    {
        if (field is null)
            return InspectorMatch.None;
        var best = InspectorMatch.None;
        foreach (var value in FieldStrings(field))
        {
            if (string.Equals(value, expected, StringComparison.Ordinal))
                return field.IsExactKey ? InspectorMatch.Exact : InspectorMatch.NearMiss; // a wrong key matches nothing
            if (InspectorFindings.IsNearMiss(value, expected))
                best = InspectorMatch.NearMiss;
        }

        return best;
    }

    private static IEnumerable<string> FieldStrings(PatternField field) => field.Entry.Value.Resolve() switch
    {
        SequenceNode list => list.Items.SelectMany(i => Strings(i.Resolve())),
        var single => Strings(single),
    };

    /// <summary>Classifies the pattern against Security Hub's imported findings of Amazon Inspector (docs/conventions.md#c6).</summary>
    private SecurityHubMatch ClassifySecurityHub(PatternField? source, PatternField? detailType, out string? reason)
    {
        reason = null;
        var s = Classify(source, SecurityHubFindings.Source);
        if (s == InspectorMatch.None)
            return SecurityHubMatch.None;
        var d = detailType is null ? InspectorMatch.Exact : Classify(detailType, SecurityHubFindings.DetailType);
        if (d == InspectorMatch.None && (detailType is null || Matches(detailType, SecurityHubFindings.DetailType) == TriState.False))
        {
            reason = $"matches Security Hub events other than '{SecurityHubFindings.DetailType}'";
            return SecurityHubMatch.Other;
        }

        var findings = FindField(FindField(Pattern, "detail")?.Entry.Value.Resolve() as MappingNode, "findings")?.Entry.Value.Resolve() as MappingNode;
        var product = SecurityHubFindings.ClassifyProduct(this, findings, out var productReason);
        if (product == InspectorMatch.None)
        {
            reason = $"filters Security Hub's imported findings to other products than Amazon Inspector ({productReason})";
            return SecurityHubMatch.Other;
        }

        return s == InspectorMatch.Exact && d is InspectorMatch.Exact && product == InspectorMatch.Exact
            ? SecurityHubMatch.Exact
            : SecurityHubMatch.NearMiss;
    }
}

/// <summary>Inspector's finding events on EventBridge.</summary>
/// <remarks>Source: Amazon Inspector User Guide, "Creating custom responses to Amazon Inspector findings with Amazon
/// EventBridge" (eventbridge-integration.html).</remarks>
internal static class InspectorFindings
{
    /// <summary>The <c>source</c> of Inspector (v2) finding events.</summary>
    public const string Source = "aws.inspector2";

    /// <summary>The <c>detail-type</c> of Inspector (v2) finding events.</summary>
    public const string DetailType = "Inspector2 Finding";

    /// <summary>Inspector's other detail-types: a scan completed, a resource's coverage changed. A rule for them is not
    /// a finding route (docs/conventions.md#c6).</summary>
    public static readonly IReadOnlyList<string> OtherDetailTypes = ["Inspector2 Scan", "Inspector2 Coverage"];

    /// <summary>Whether <paramref name="value"/> misses <paramref name="expected"/> only by case, <c>-</c>/<c>_</c>/space,
    /// or an edit distance of at most 2 (docs/conventions.md#c6).</summary>
    public static bool IsNearMiss(string value, string expected)
    {
        if (string.Equals(value, expected, StringComparison.Ordinal))
            return false;
        if (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase))
            return true;
        static string Normalize(string s)
        {
            // A loop, not LINQ over characters: generic code over char is set up at every run that checks a pattern (issue 15).
            var kept = new System.Text.StringBuilder(s.Length);
            foreach (var c in s.ToLowerInvariant())
            {
                if (c is not '-' and not '_' and not ' ' and not '.')
                    kept.Append(c);
            }

            return kept.ToString();
        }

        if (Normalize(value) == Normalize(expected))
            return true;
        return EditDistance.Compute(value, expected, 2) <= 2;
    }
}

/// <summary>Finds the EventBridge rules of a project (once per project).</summary>
internal static class FindingRoutes
{
    private static readonly ConditionalWeakTable<ProjectModel, IReadOnlyList<EventRule>> Cache = new();

    /// <summary>Every EventBridge rule of the project in template order (<see cref="EventBridgeRules.Find"/>).</summary>
    public static IReadOnlyList<EventRule> All(ProjectModel project) =>
        Cache.GetValue(project, p => [.. EventBridgeRules.Find(p.Templates).Select(r => new EventRule(r))]);
}

/// <summary>A field of an event pattern: its entry, and whether its key is the exact one or only a near miss.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="IsExactKey">False when the key misses the intended one (case, <c>-</c>/<c>_</c>, a typo): no event has
/// such a field, so the pattern matches nothing.</param>
internal sealed record PatternField(MappingEntry Entry, bool IsExactKey);
