using PolicyLint.Core.Analysis;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>
/// Amazon Inspector's Lambda exclusion tags, matched exactly (case-sensitive key and value), and how to read them
/// from a function (docs/conventions.md#c8).
/// </summary>
/// <remarks>Sources: Amazon Inspector User Guide, "Excluding functions from Lambda standard scanning"
/// (scanning_resources_lambda_exclude_functions.html) and "Excluding functions from Lambda code scanning"
/// (scanning_resources_lambda_code_exclude_functions.html).</remarks>
public static class ExclusionTags
{
    /// <summary>
    /// Where an inherited tag comes from, for a message: empty for the function's own <c>Tags</c>,
    /// <c>" (from Globals.Function.Tags)"</c>, or <c>" (a stack tag from samconfig.toml)"</c> with the samconfig file's
    /// root-relative path, so that a reader who finds no tag on the function learns where it is set.
    /// </summary>
    public static string Origin(TagEntry tag) => tag.Origin switch
    {
        TagOrigin.Globals => " (from Globals.Function.Tags)",
        TagOrigin.NestedStack when tag.Propagated is { } propagated => $" ({Origin(propagated)})",
        TagOrigin.Stack when tag.OriginLocation is { } location => $" (a stack tag from {location.Path})",
        TagOrigin.Stack => " (a stack tag)",
        _ => string.Empty,
    };

    /// <summary>
    /// Where a tag that a nested stack passes to its child comes from, as a clause: <c>a stack tag from nested stack
    /// 'Orders' in template.yaml</c>; <c>a stack tag from nested stack 'Platform' in template.yaml, through 'Orders' in
    /// stacks/platform.yaml</c> for a grandparent's tag; <c>a stack tag from samconfig.toml, through nested stack
    /// 'Orders' in template.yaml</c> for the parent stack's samconfig tag.
    /// </summary>
    public static string Origin(PropagatedTag tag)
    {
        var through = tag.WrittenOn is null ? tag.Route : tag.Route[..^1];
        var text = tag.WrittenOn is { } stack ? $"a stack tag from {stack.Describe()}" : $"a stack tag from {tag.Location.Path}";
        for (var i = through.Length - 1; i >= 0; i--)
        {
            var separator = i == through.Length - 1 ? ", through " : ", then ";
            text += separator + (i == through.Length - 1 && tag.WrittenOn is null ? through[i].Describe() : $"'{through[i].LogicalId}' in {through[i].Resource.Template.Path}");
        }

        return text;
    }

    /// <summary>Standard scanning exclusion key.</summary>
    public const string StandardKey = "InspectorExclusion";

    /// <summary>Standard scanning exclusion value.</summary>
    public const string StandardValue = "LambdaStandardScanning";

    /// <summary>Code scanning exclusion key.</summary>
    public const string CodeKey = "InspectorCodeExclusion";

    /// <summary>Code scanning exclusion value.</summary>
    public const string CodeValue = "LambdaCodeScanning";

    /// <summary>The tag key that excludes <paramref name="scanType"/>.</summary>
    public static string KeyFor(ScanType scanType) => scanType == ScanType.Standard ? StandardKey : CodeKey;

    /// <summary>The tag value that excludes <paramref name="scanType"/>.</summary>
    public static string ValueFor(ScanType scanType) => scanType == ScanType.Standard ? StandardValue : CodeValue;

    /// <summary>How messages name a scan type: <c>standard</c> or <c>code</c>.</summary>
    public static string Name(ScanType scanType) => scanType == ScanType.Standard ? "standard" : "code";

    /// <summary>
    /// The exact exclusion tags of <paramref name="function"/>. A tag counts when its key and value (in any branch
    /// of <c>Fn::If</c>, or any of the values a parameter's <c>AllowedValues</c>, <c>Fn::FindInMap</c> or <c>Fn::Select</c>
    /// may give for a key or index that cannot be known) are exactly an exclusion pair. Where a tag's key, or an exclusion key's value, cannot be
    /// known offline (docs/conventions.md#c8: unresolved, or a value known only at deploy time such as <c>Fn::ImportValue</c> or
    /// <c>Fn::GetAtt</c>), PL0002 is reported (the engine removes the duplicates other rules report).
    /// </summary>
    public static IReadOnlyList<ExclusionTagUse> Read(AnalyzerActionContext context, LambdaFunction function)
    {
        var uses = new List<ExclusionTagUse>();
        var subject = $"whether function {FunctionNames.Describe(function)} carries an Inspector exclusion tag";
        foreach (var unreadable in function.UnreadableTags)
            context.ReportUnresolved(unreadable, subject, unreadable.Reason);

        foreach (var tag in function.Tags)
        {
            var key = tag.ResolveKey();
            var keys = key.LiteralTexts.ToHashSet(StringComparer.Ordinal);
            var matched = false;
            foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
            {
                if (!keys.Contains(KeyFor(scanType)))
                    continue;
                matched = true;
                var value = tag.ResolveValue();
                if (value.LiteralTexts.Contains(ValueFor(scanType), StringComparer.Ordinal))
                    uses.Add(new ExclusionTagUse(tag, scanType) { Possibility = Possibility(key, value, scanType) });
                else if (value.FirstUnknownStringReason is { } reason)
                    context.ReportUnresolved(tag, $"whether function {FunctionNames.Describe(function)} is excluded from Lambda {Name(scanType)} scanning", reason);
            }

            if (!matched && key.FirstUnknownStringReason is { } keyReason)
                context.ReportUnresolved(tag, subject, keyReason);
        }

        return uses;
    }

    /// <summary>Why the key or value may be the exclusion pair when it is one of several values known offline, else
    /// empty (see <see cref="ExclusionTagUse.Possibility"/>).</summary>
    private static string Possibility(ResolvedValue key, ResolvedValue value, ScanType scanType)
    {
        static string? Via(ResolvedValue resolved, string text) =>
            resolved.Alternatives.OfType<LiteralValue>().FirstOrDefault(l => l.Text == text && l.Via is null) is not null
                ? null
                : resolved.Alternatives.OfType<LiteralValue>().FirstOrDefault(l => l.Text == text)?.Via;

        var keyVia = Via(key, KeyFor(scanType));
        var valueVia = Via(value, ValueFor(scanType));
        return (keyVia, valueVia) switch
        {
            (null, null) => string.Empty,
            (null, { } v) => $" whose value may be '{ValueFor(scanType)}' ({v})",
            ({ } k, null) => $" (its key may be it: {k})",
            ({ } k, { } v) => $" whose value may be '{ValueFor(scanType)}' ({v}; its key may be it: {k})",
        };
    }

    /// <summary>
    /// Whether <paramref name="function"/> carries the exact exclusion tag of <paramref name="scanType"/> (in any branch
    /// of <c>Fn::If</c>, docs/conventions.md#c8): <see cref="TriState.Unknown"/> when it does not visibly, but a tag whose key or value
    /// cannot be resolved might be it. Reports nothing (<see cref="Read"/> reports the PL0002).
    /// </summary>
    public static TriState Carries(LambdaFunction function, ScanType scanType)
    {
        var unknown = function.UnreadableTags.Count > 0 || function.HasUnreadableInheritedTags;
        foreach (var tag in function.Tags)
        {
            var key = tag.ResolveKey();
            if (key.LiteralTexts.Contains(KeyFor(scanType), StringComparer.Ordinal))
            {
                var value = tag.ResolveValue();
                if (value.LiteralTexts.Contains(ValueFor(scanType), StringComparer.Ordinal))
                    return TriState.True;
                unknown |= value.FirstUnknownStringReason is not null;
            }
            else
                unknown |= key.FirstUnknownStringReason is not null;
        }

        return unknown ? TriState.Unknown : TriState.False;
    }

    /// <summary>The other scan type.</summary>
    public static ScanType Other(ScanType scanType) => scanType == ScanType.Standard ? ScanType.Code : ScanType.Standard;

    /// <summary>The exclusion tag of <paramref name="scanType"/> as messages quote it: <c>InspectorExclusion: LambdaStandardScanning</c>.</summary>
    public static string Pair(ScanType scanType) => $"{KeyFor(scanType)}: {ValueFor(scanType)}";
}
