using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ExclusionTags;

/// <summary>
/// PL1004: reports a ledger entry whose <c>tag</c> disagrees with its <c>scan_type</c>, or whose scan type disagrees
/// with the exclusion tag on the function it records (the function carries only the other scan type's tag, and no
/// entry records that one). One result per entry, at the first offending <c>tag.key</c>/<c>tag.value</c>, else at
/// <c>scan_type</c> (docs/conventions.md#c7).
/// </summary>
public sealed class MismatchedLedgerTagAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the entry ("Ledger entry 'name'"); {1} what disagrees with what, and the fix.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL1004",
        name: "MismatchedLedgerTag",
        title: "Ledger entry's tag disagrees with its scan type or with the function",
        messageFormat: "{0}: {1}",
        category: RuleCategory.ExclusionTags,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "A ledger entry's tag must be the exclusion tag of its scan_type (InspectorExclusion: LambdaStandardScanning " +
                     "for standard, InspectorCodeExclusion: LambdaCodeScanning for code), and the function it records must carry " +
                     "that tag. Otherwise the entry approves an exclusion other than the one deployed.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        if (context.Ledger.IsBroken)
            return;
        foreach (var entry in context.Ledger.Exclusions)
        {
            if (entry.ScanType is not { } scanType)
                continue; // unknown or missing scan_type: PL3004
            Check(context, entry, scanType);
        }
    }

    private static void Check(LedgerAnalysisContext context, LedgerEntry entry, ScanType scanType)
    {
        var expectedKey = Shared.ExclusionTags.KeyFor(scanType);
        var expectedValue = Shared.ExclusionTags.ValueFor(scanType);
        var key = Given(entry.TagKey);
        var value = Given(entry.TagValue);
        var keyBad = key is not null && key != expectedKey;
        var valueBad = value is not null && value != expectedValue;

        var lambda = entry.TargetType?.Text is null or "lambda";
        var target = lambda ? LedgerMatching.TargetOf(context.Project, entry) : null;
        var carrying = target is null || target.IsUndecidable
            ? null
            : target.Functions.FirstOrDefault(f => Shared.ExclusionTags.Carries(f, scanType) == TriState.True);
        var carryingOther = target is not null && LedgerMatching.CarryingOtherTagOnly(context.Project, target, scanType) is [var first, ..] ? first : null;

        var scanName = Shared.ExclusionTags.Name(scanType);
        if (keyBad || valueBad)
        {
            var (field, fieldText, expected) = keyBad && valueBad
                ? (entry.TagKey!, $"tag '{key}: {value}'", $"tag '{Shared.ExclusionTags.Pair(scanType)}'")
                : keyBad
                    ? (entry.TagKey!, $"tag.key '{key}'", $"tag.key '{expectedKey}'")
                    : (entry.TagValue!, $"tag.value '{value}'", $"tag.value '{expectedValue}'");
            string clause;
            if (carrying is not null)
                clause = $"{fieldText} disagrees with scan_type '{scanName}' and with function {FunctionNames.Describe(carrying)}, which carries '{Shared.ExclusionTags.Pair(scanType)}'; write {expected}";
            else if (carryingOther is not null)
            {
                var other = Shared.ExclusionTags.Other(scanType);
                var tagIsOthers = (key ?? Shared.ExclusionTags.KeyFor(other)) == Shared.ExclusionTags.KeyFor(other)
                    && (value ?? Shared.ExclusionTags.ValueFor(other)) == Shared.ExclusionTags.ValueFor(other);
                clause = $"{fieldText} disagrees with scan_type '{scanName}' (whose tag is '{Shared.ExclusionTags.Pair(scanType)}'), and function " +
                         $"{FunctionNames.Describe(carryingOther)} carries '{Shared.ExclusionTags.Pair(other)}'; " +
                         (tagIsOthers
                             ? $"set scan_type to '{Shared.ExclusionTags.Name(other)}'"
                             : $"record its {Shared.ExclusionTags.Name(other)} scanning exclusion: scan_type '{Shared.ExclusionTags.Name(other)}' and tag '{Shared.ExclusionTags.Pair(other)}'");
            }
            else
                clause = $"{fieldText} disagrees with scan_type '{scanName}', whose exclusion tag is '{Shared.ExclusionTags.Pair(scanType)}'; write {expected}, or correct scan_type";

            context.ReportDiagnostic(Rule, field, LedgerRecords.Describe(entry), clause);
        }
        else if (carryingOther is not null)
        {
            var other = Shared.ExclusionTags.Other(scanType);
            var recorded = entry.TagKey is not null ? $"scan_type '{scanName}' and tag '{Shared.ExclusionTags.Pair(scanType)}' disagree" : $"scan_type '{scanName}' disagrees";
            IReportable at = entry.TagKey ?? entry.TagValue ?? (IReportable)entry.ScanTypeField!;
            context.ReportDiagnostic(Rule, at, LedgerRecords.Describe(entry),
                $"{recorded} with function {FunctionNames.Describe(carryingOther)}, which carries '{Shared.ExclusionTags.Pair(other)}' instead; " +
                $"record its {Shared.ExclusionTags.Name(other)} scanning exclusion (scan_type '{Shared.ExclusionTags.Name(other)}')");
        }
    }

    /// <summary>A tag field's text, or null when absent or empty (PL3004 reports those).</summary>
    private static string? Given(LedgerField? field) => field?.Text is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
