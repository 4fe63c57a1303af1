using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ExclusionTags;

/// <summary>
/// PL1003: reports a function tag that looks like an Amazon Inspector exclusion tag but is not one, so Inspector does
/// not honour it (docs/conventions.md#c8): key or value equal ignoring case, within edit distance 2, or with leading/trailing white space;
/// a boolean or number value; the other scan type's value; key and value swapped. Exact pairs are not look-alikes.
/// </summary>
public sealed class LookalikeExclusionTagAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function; {1} the tag as written ("key: value", resolved); {2} the exclusion tag it resembles;
    /// {3} what differs; {4} the scan type (standard or code).</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL1003",
        name: "LookalikeExclusionTag",
        title: "Look-alike exclusion tag is not honoured by Amazon Inspector",
        messageFormat: "Function {0} has tag '{1}'{5}, which looks like the exclusion tag '{2}' but {3}; Amazon Inspector does not honour it, so Lambda {4} scanning still runs",
        category: RuleCategory.ExclusionTags,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Amazon Inspector matches its exclusion tags exactly (InspectorExclusion: LambdaStandardScanning, " +
                     "InspectorCodeExclusion: LambdaCodeScanning). A tag that nearly matches (wrong case, a typo, white space, a " +
                     "boolean, the other scan type's value, key and value swapped) excludes nothing, while its author believes the " +
                     "function is excluded.",
        precision: RulePrecision.High);

    private const int MaxDistance = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        foreach (var tag in context.Function.Tags)
        {
            if (Classify(tag) is { } lookalike)
            {
                context.ReportDiagnostic(Rule, tag, FunctionNames.Describe(context.Function), lookalike.Deployed,
                    Shared.ExclusionTags.Pair(lookalike.ScanType), lookalike.Difference, Shared.ExclusionTags.Name(lookalike.ScanType), Shared.ExclusionTags.Origin(tag));
            }
        }
    }

    private sealed record Lookalike(ScanType ScanType, string Deployed, string Difference);

    /// <summary>The first look-alike among the tag's possible key/value pairs (every <c>Fn::If</c> branch counts), or null.</summary>
    private static Lookalike? Classify(TagEntry tag)
    {
        var keys = tag.ResolveKey().LiteralTexts.ToList();
        var values = tag.ResolveValue().Alternatives;
        var scalar = tag.ValueNode?.AsScalar();
        foreach (var key in keys)
        {
            foreach (var alternative in values)
            {
                if (alternative is not LiteralValue { Text: var value })
                    continue;
                if (Classify(key, value, ReferenceEquals(alternative, values[0]) && values.Length == 1 ? scalar : null) is { } found)
                    return found;
            }
        }

        return null;
    }

    private static Lookalike? Classify(string key, string value, ScalarNode? written)
    {
        foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
        {
            var expectedKey = Shared.ExclusionTags.KeyFor(scanType);
            var expectedValue = Shared.ExclusionTags.ValueFor(scanType);
            if (key == expectedKey && value == expectedValue)
                return null; // exact: the real exclusion tag
        }

        foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
        {
            var expectedKey = Shared.ExclusionTags.KeyFor(scanType);
            if (Near(key, expectedKey) is not { } keyDifference)
                continue;
            var valueDifference = ValueDifference(scanType, value, written);
            if (valueDifference is null)
                return null; // an exclusion key with an unrelated value: not a look-alike (docs/conventions.md#c8)
            var differences = new List<string>();
            if (keyDifference.Length > 0)
                differences.Add($"the key {keyDifference}");
            if (valueDifference.Length > 0)
                differences.Add(valueDifference);
            return new Lookalike(scanType, $"{key}: {value}", string.Join(" and ", differences));
        }

        // Swapped: the key is (nearly) an exclusion value and the value (nearly) an exclusion key.
        foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
        {
            if (Near(key, Shared.ExclusionTags.ValueFor(scanType)) is not null)
            {
                foreach (var valueScanType in new[] { ScanType.Standard, ScanType.Code })
                {
                    if (Near(value, Shared.ExclusionTags.KeyFor(valueScanType)) is not null)
                        return new Lookalike(valueScanType, $"{key}: {value}", "its key and value are swapped");
                }
            }
        }

        return null;
    }

    /// <summary>How <paramref name="value"/> differs from an exclusion value for a tag whose key names
    /// <paramref name="scanType"/>: empty when it is exact, a phrase when it is a look-alike, null when unrelated.</summary>
    private static string? ValueDifference(ScanType scanType, string value, ScalarNode? written)
    {
        var expected = Shared.ExclusionTags.ValueFor(scanType);
        if (value == expected)
            return string.Empty;
        if (written is { IsBooleanLiteral: true })
        {
            return written.Value.ToLowerInvariant() switch
            {
                "true" => $"its value is the unquoted boolean {written.Value}, deployed as 'true'",
                "false" => $"its value is the unquoted boolean {written.Value}, deployed as 'false' (or, by older SAM versions, as an empty value)",
                _ => $"its value {written.Value} is unquoted, so YAML 1.1 parsers such as SAM's read it as a boolean",
            };
        }

        if (written is { IsNumberLiteral: true })
            return $"its value is the number {written.Value}";
        // A quoted "false" (or a parameter's "false") is a string, not a boolean: say exactly that.
        if (IsBooleanText(value))
            return $"its value is the string '{value}', which looks like a boolean, not an exclusion value";
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            return $"its value is the string '{value}', which looks like a number, not an exclusion value";
        if (Near(value, expected) is { } difference)
            return $"the value {difference}";
        var other = Shared.ExclusionTags.Other(scanType);
        var otherValue = Shared.ExclusionTags.ValueFor(other);
        if (value == otherValue)
            return $"its value is the {Shared.ExclusionTags.Name(other)} scanning value '{otherValue}'";
        if (Near(value, otherValue) is not null)
            return $"its value is close to the {Shared.ExclusionTags.Name(other)} scanning value '{otherValue}'";
        return null;
    }

    /// <summary>How <paramref name="text"/> misses <paramref name="expected"/>: empty when equal, a phrase when it is a
    /// near miss (case, white space, edit distance of at most 2, ignoring case), null when unrelated.</summary>
    private static string? Near(string text, string expected)
    {
        if (text == expected)
            return string.Empty;
        var trimmed = text.Trim();
        if (trimmed != text && trimmed.Length > 0 && Near(trimmed, expected) is { } rest)
        {
            var where = text.TrimStart() == text ? "trailing" : text.TrimEnd() == text ? "leading" : "leading and trailing";
            return rest.Length == 0 ? $"has {where} white space" : $"has {where} white space and {rest}";
        }

        if (string.Equals(text, expected, StringComparison.OrdinalIgnoreCase))
            return "differs in case";
        if (EditDistance.Compute(text.ToLowerInvariant(), expected.ToLowerInvariant(), MaxDistance) <= MaxDistance)
            return $"is misspelt ('{expected}' expected)";
        return null;
    }

    private static bool IsBooleanText(string value) => value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off";
}
