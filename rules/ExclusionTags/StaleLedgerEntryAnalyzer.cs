using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ExclusionTags;

/// <summary>
/// PL1002: reports a ledger entry whose function does not carry the exclusion tag of its scan type, or that no
/// analyzed template defines. Not reported while the ledger has PL0001 (docs/conventions.md#c18), for an entry that PL3004 already finds
/// unusable (no target, unknown scan type or target type), where the function's tags cannot be resolved, for a target
/// template that cannot be analyzed, or when the function carries the other scan type's tag instead (PL1004). An entry
/// recorded by name that matches no analyzed function while some template could not be analyzed (PL0001, or
/// <c>Fn::ForEach</c>) gets PL0002 instead: the function may be defined there.
/// </summary>
public sealed class StaleLedgerEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the entry ("Ledger entry 'name'"); {1} why it is stale; {2} what to do.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL1002",
        name: "StaleLedgerEntry",
        title: "Ledger entry is stale",
        messageFormat: "{0} is stale: {1}; {2}",
        category: RuleCategory.ExclusionTags,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "The ledger records an Amazon Inspector exclusion that no analyzed function has: the function does not " +
                     "carry the exclusion tag of the entry's scan type, or no analyzed template defines it. The entry " +
                     "documents an accepted risk that no longer exists, and would silently approve the tag if it came back.");

    private const string RemoveOrRestore = "remove the entry, or restore the tag if the exclusion is still intended";
    private const string RemoveOrCorrect = "remove the entry, or correct its target";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        if (context.Ledger.IsBroken)
            return; // nothing can be matched (docs/conventions.md#c18)
        foreach (var entry in context.Ledger.Exclusions)
        {
            if (entry.ScanType is not { } scanType || entry.TargetType?.Text is { } type && type != "lambda")
                continue; // PL3004
            var target = LedgerMatching.TargetOf(context.Project, entry);
            if (target.IsUndecidable)
                continue;
            Check(context, entry, scanType, target);
        }
    }

    private static void Check(LedgerAnalysisContext context, LedgerEntry entry, ScanType scanType, LedgerTarget target)
    {
        var pair = Shared.ExclusionTags.Pair(scanType);
        if (target.Functions.Any(f => Shared.ExclusionTags.Carries(f, scanType) != TriState.False))
            return; // recorded, or its tags cannot be resolved (PL0002 on the function)

        if (target.Possible.FirstOrDefault(p => Shared.ExclusionTags.Carries(p.Function, scanType) == TriState.True) is { } tagged)
        {
            // Stale only if the entry does not record that function, which cannot be decided (docs/conventions.md#c9).
            context.ReportUnresolved(entry,
                $"whether ledger entry '{entry.DisplayName}' records function {FunctionNames.Describe(tagged.Function)} in '{tagged.Function.Resource.Template.Path}', which carries '{pair}'",
                tagged.Reason);
            return;
        }

        if (target.Possible.Any(p => Shared.ExclusionTags.Carries(p.Function, scanType) == TriState.Unknown))
            return;

        if (LedgerMatching.CarryingOtherTagOnly(context.Project, target, scanType).Count > 0)
            return; // PL1004: the entry disagrees with the function's tag

        var name = LedgerRecords.Describe(entry);
        if (target.Functions.Count > 0)
        {
            var functions = Describe(target.Functions);
            var clause = target.Functions.Count == 1
                ? $"function {functions} does not carry '{pair}'"
                : $"none of the functions it records ({functions}) carries '{pair}'";
            context.ReportDiagnostic(Rule, entry, name, clause, RemoveOrRestore);
        }
        else
        {
            var clause = target.Possible.Count > 0
                ? $"no function that may be deployed as '{entry.RecordedName}' carries '{pair}' ({Describe(target.Possible.Select(p => p.Function))}, whose names are not static)"
                : target.Missing!;
            if (target.Unseen.Count > 0)
            {
                // The recorded function may be defined where nothing was analyzed: removing the entry may be wrong advice.
                context.ReportUnresolved(entry, $"whether ledger entry '{entry.DisplayName}' is stale",
                    $"{clause}, but the function may be defined in {Join(target.Unseen)}, which could not be analyzed");
            }
            else
                context.ReportDiagnostic(Rule, entry, name, clause, target.Possible.Count > 0 ? RemoveOrRestore : RemoveOrCorrect);
        }
    }

    /// <summary>'a', 'b' or 'c'.</summary>
    private static string Join(IReadOnlyList<string> paths) =>
        paths.Count == 1 ? $"'{paths[0]}'" : $"{string.Join(", ", paths.SkipLast(1).Select(p => $"'{p}'"))} or '{paths[^1]}'";

    private static string Describe(IEnumerable<LambdaFunction> functions) =>
        string.Join(", ", functions.Select(f => $"{FunctionNames.Describe(f)} in '{f.Resource.Template.Path}'"));
}
