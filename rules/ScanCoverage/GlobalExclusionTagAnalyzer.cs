using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Text;

namespace PolicyLint.Rules.ScanCoverage;

/// <summary>
/// PL2002: reports an Amazon Inspector exclusion tag set in SAM <c>Globals.Function.Tags</c>, which turns scanning off
/// for every function of the template that inherits it. Reported once, at the tag key under <c>Globals</c> (docs/conventions.md#c7), when
/// at least one function inherits it.
/// </summary>
public sealed class GlobalExclusionTagAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the exclusion tag ("key: value"); {1} the scan type; {2} the functions that inherit it.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL2002",
        name: "GlobalExclusionTag",
        title: "Exclusion tag applies to every function through Globals",
        messageFormat: "Globals.Function.Tags sets the exclusion tag '{0}', so Amazon Inspector skips Lambda {1} scanning for every function of the template ({2}); tag only the functions that need the exclusion",
        category: RuleCategory.ScanCoverage,
        defaultSeverity: DiagnosticSeverity.Note,
        description: "An exclusion tag in SAM Globals.Function.Tags is merged into every AWS::Serverless::Function of the template, " +
                     "including functions added later, so each new function silently starts without Amazon Inspector scanning.");

    private const int MaxNamed = 5;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterTemplateAction(Analyze);

    private static void Analyze(TemplateAnalysisContext context)
    {
        if (context.Template.Globals is null)
            return;
        var inherited = new Dictionary<GlobalTag, List<LambdaFunction>>();
        var order = new List<GlobalTag>();
        foreach (var function in context.Template.Functions)
        {
            foreach (var use in Shared.ExclusionTags.Read(context, function))
            {
                if (use.Tag.Origin != TagOrigin.Globals || use.Tag.OriginLocation is not { } location)
                    continue;
                var tag = new GlobalTag(location, use.ScanType);
                if (!inherited.TryGetValue(tag, out var functions))
                {
                    inherited[tag] = functions = [];
                    order.Add(tag);
                }

                if (!functions.Contains(function))
                    functions.Add(function);
            }
        }

        foreach (var tag in order)
        {
            var (location, scanType) = tag;
            var key = Shared.ExclusionTags.KeyFor(scanType);
            var functions = inherited[tag];
            var named = string.Join(", ", functions.Take(MaxNamed).Select(f => $"'{f.LogicalId}'"));
            var list = functions.Count > MaxNamed ? $"{named} and {functions.Count - MaxNamed} more" : named;
            var count = functions.Count == 1 ? "1 function" : $"{functions.Count} functions";
            context.ReportDiagnostic(Rule, DiagnosticTarget.At(location, $"Globals.Function.Tags.{key}"),
                Shared.ExclusionTags.Pair(scanType), Shared.ExclusionTags.Name(scanType), $"{count}: {list}");
        }
    }

    // A reference type rather than a value tuple: Dictionary/List over it share the precompiled canonical code, where a
    // value-type key has ReadyToRun JIT-compile the collection's methods at start-up.
    private sealed record GlobalTag(Location Location, ScanType ScanType);
}
