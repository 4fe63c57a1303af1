using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.LedgerHygiene;

/// <summary>
/// PL3005: reports every ledger entry after the first that records the same function and scan type: the same recorded
/// identity (<c>template</c> + <c>logical_id</c>, else the function name), or a different identity that matches the
/// same analyzed function (by name and by <c>template</c> + <c>logical_id</c>).
/// </summary>
public sealed class DuplicateLedgerEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the entry ("Ledger entry 'name'"); {1} the line of the earlier entry; {2} the earlier
    /// entry's name; {3} the scan type; {4} what both record ("function 'name'", or the analyzed function).</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL3005",
        name: "DuplicateLedgerEntry",
        title: "Ledger has duplicate entries for one function and scan type",
        messageFormat: "{0} duplicates the entry at line {1} ('{2}'): both record the {3} scanning exclusion of {4}; keep one entry per function and scan type",
        category: RuleCategory.LedgerHygiene,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "Two ledger entries record the same exclusion. They drift apart (one renewed, the other not; different " +
                     "owners or reasons), and whichever is read decides what the team believes was approved.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(Analyze);

    private static void Analyze(LedgerAnalysisContext context)
    {
        var entries = context.Ledger.Exclusions.Where(e => e.ScanType is not null).ToList();
        if (entries.Count < 2)
            return;

        // Entries matched to each analyzed function, per scan type (an entry may match functions in several templates).
        var functionsOf = new Dictionary<LedgerEntry, List<LambdaFunction>>();
        foreach (var function in context.Project.Functions)
        {
            foreach (var entry in LedgerMatching.EntriesFor(context.Project, function))
            {
                if (!functionsOf.TryGetValue(entry, out var list))
                    functionsOf[entry] = list = [];
                list.Add(function);
            }
        }

        var firstByIdentity = new Dictionary<IdentityKey, LedgerEntry>();
        var firstByFunction = new Dictionary<FunctionKey, LedgerEntry>();
        foreach (var entry in entries)
        {
            var scanType = entry.ScanType!.Value;
            var identity = LedgerMatching.Identity(entry);
            var functions = functionsOf.GetValueOrDefault(entry) ?? [];
            LedgerEntry? first = null;
            string? what = null;
            if (identity is not null && firstByIdentity.TryGetValue(new IdentityKey(identity, scanType), out var sameIdentity))
                (first, what) = (sameIdentity, identity);
            foreach (var function in functions)
            {
                if (firstByFunction.TryGetValue(new FunctionKey(function, scanType), out var sameFunction) && (first is null || sameFunction.Index < first.Index))
                    (first, what) = (sameFunction, $"function {FunctionNames.Describe(function)} in '{function.Resource.Template.Path}'");
            }

            if (first is not null)
            {
                var target = entry.Target.WithRelated(first.FirstKeyLocation, $"The first entry for {what}");
                context.ReportDiagnostic(Rule, target, LedgerRecords.Describe(entry), first.FirstKeyLocation.Start.Line, first.DisplayName,
                    Shared.ExclusionTags.Name(scanType), what);
            }

            if (identity is not null)
                firstByIdentity.TryAdd(new IdentityKey(identity, scanType), entry);
            foreach (var function in functions)
                firstByFunction.TryAdd(new FunctionKey(function, scanType), entry);
        }
    }

    // Reference types rather than value tuples: Dictionary over them shares the precompiled canonical code, where a
    // value-type key has ReadyToRun JIT-compile the dictionary's methods at start-up.
    private sealed record IdentityKey(string Identity, ScanType ScanType);

    private sealed record FunctionKey(LambdaFunction Function, ScanType ScanType);
}
