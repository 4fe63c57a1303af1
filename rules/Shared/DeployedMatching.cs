using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Text;

namespace PolicyLint.Rules.Shared;

/// <summary>Why a deployed function counts as excluded from one scan type.</summary>
/// <param name="Location">The evidence in the export: the exclusion tag's key, else the coverage record's reason.</param>
/// <param name="Description">The evidence for a message: "tag 'InspectorExclusion: LambdaStandardScanning'" or
/// "coverage reason EXCLUDED_BY_TAG".</param>
internal sealed record DeployedExclusion(Location Location, string Description);

/// <summary>
/// The deployed state against the ledger and the templates (rules/docs/PL7001.md, "How a ledger entry matches"):
/// an entry matches a deployed function by <c>target.function_arn</c> (the unqualified ARN) when given; else by
/// <c>target.template</c> + <c>target.logical_id</c> through the <c>aws:cloudformation:logical-id</c> tag and, when
/// PolicyLint knows the template's stack name (samconfig, <c>.policylint.yaml</c>, <c>--stack-name</c>), the
/// <c>aws:cloudformation:stack-name</c> tag; else by <c>target.function_name</c> in every account and Region. Indexed
/// once per project.
/// </summary>
internal static class DeployedMatching
{
    private static readonly ConditionalWeakTable<ProjectModel, ConcurrentDictionary<LedgerEntry, IReadOnlyList<DeployedFunction>>> Targets = new();

    /// <summary>Whether <paramref name="function"/> is excluded from <paramref name="scanType"/>: it carries the exact
    /// exclusion tag in an export, or Inspector's coverage says <c>EXCLUDED_BY_TAG</c>; null when neither.</summary>
    public static DeployedExclusion? Exclusion(DeployedFunction function, ScanType scanType)
    {
        if (function.FindTag(ExclusionTags.KeyFor(scanType), ExclusionTags.ValueFor(scanType)) is { } tag)
            return new DeployedExclusion(tag.Location, $"tag '{ExclusionTags.Pair(scanType)}'");
        return function.CoverageOf(scanType).FirstOrDefault(c => c.Reason == "EXCLUDED_BY_TAG") is { } coverage
            ? new DeployedExclusion(coverage.Location, "coverage reason EXCLUDED_BY_TAG")
            : null;
    }

    /// <summary>Whether an export says whether <paramref name="function"/> is excluded from <paramref name="scanType"/>:
    /// it lists the function's tags, or a coverage record of that scan type.</summary>
    public static bool ExclusionKnown(DeployedFunction function, ScanType scanType) =>
        function.TagsKnown || function.CoverageOf(scanType).Any();

    /// <summary>The lambda entries of the ledger that record <paramref name="function"/>'s exclusion of
    /// <paramref name="scanType"/>, in file order.</summary>
    public static IReadOnlyList<LedgerEntry> EntriesFor(ProjectModel project, DeployedFunction function, ScanType scanType) =>
        [.. project.Ledger.Exclusions.Where(e => e.ScanType == scanType && FunctionsOf(project, e).Contains(function))];

    /// <summary>The deployed functions <paramref name="entry"/> records, in ARN order (see the type's summary).</summary>
    public static IReadOnlyList<DeployedFunction> FunctionsOf(ProjectModel project, LedgerEntry entry) =>
        Targets.GetValue(project, _ => new(ReferenceEqualityComparer.Instance))
            .GetOrAdd(entry, e => Find(project, e));

    /// <summary>Whether the entry's recorded identity can be judged against the exports at all: it names a function,
    /// and, for an ARN, an account and Region some export covers.</summary>
    public static bool IsJudgeable(ProjectModel project, LedgerEntry entry)
    {
        if (entry.TargetType?.Text is { } type && type != "lambda")
            return false;
        if (entry.FunctionArn?.Text is { } arnText)
            return LambdaArn.TryParse(arnText, out var arn) && project.Deployed.Covers(arn);
        return (entry.Template?.Text is not null && entry.LogicalId?.Text is not null) || entry.FunctionName?.Text is { Length: > 0 };
    }

    /// <summary>The analyzed template functions that are <paramref name="function"/>: the function of the stack's
    /// template whose logical ID its CloudFormation tags name, or a function whose static <c>FunctionName</c> is its name.</summary>
    public static IReadOnlyList<LambdaFunction> TemplateFunctionsOf(ProjectModel project, DeployedFunction function)
    {
        var result = new List<LambdaFunction>();
        if (function.LogicalId is { } logicalId)
        {
            var known = project.Templates.Where(t => t.Settings.StackName is not null).ToList();
            var templates = known.Any(t => t.Settings.StackName == function.StackName)
                ? known.Where(t => t.Settings.StackName == function.StackName)
                : project.Templates.Where(t => t.Settings.StackName is null);
            result.AddRange(templates.SelectMany(t => t.Functions).Where(f => f.LogicalId == logicalId));
        }

        result.AddRange(project.Functions.Where(f => f.StaticName == function.Name && !result.Contains(f)));
        return result;
    }

    /// <summary>A result about <paramref name="function"/> located in an export at <paramref name="at"/>: its logical
    /// location is the function's ARN (a stable fingerprint whatever line the export lists it on), and every other export
    /// that lists the function is a related location.</summary>
    public static DiagnosticTarget Target(Location at, DeployedFunction function, string propertyPath) =>
        new(at, new LogicalLocation(function.Name, function.Arn.Unqualified, LogicalLocationKind.Resource), propertyPath,
            [.. function.Sightings.Where(s => s.Location.Path != at.Path).GroupBy(s => s.Location.Path, StringComparer.Ordinal)
                .Select(g => new RelatedLocation(g.First().Location, $"Also listed in {g.Key}"))])
        { StableKey = function.Arn.Unqualified };

    /// <summary><paramref name="target"/> with where each of <paramref name="functions"/> is first listed, as related
    /// locations ("Deployed as arn:…, listed in deployed/tags.json").</summary>
    public static DiagnosticTarget WithSightings(DiagnosticTarget target, IEnumerable<DeployedFunction> functions)
    {
        foreach (var function in functions)
            target = target.WithRelated(function.Sightings[0].Location, $"Deployed as {function.Arn.Unqualified}, listed in {function.Sightings[0].Export.Path}");
        return target;
    }

    /// <summary>"orders-api (arn:aws:lambda:…:function:orders-api)".</summary>
    public static string Describe(DeployedFunction function) => $"{function.Name} ({function.Arn.Unqualified})";

    private static List<DeployedFunction> Find(ProjectModel project, LedgerEntry entry)
    {
        var deployed = project.Deployed;
        if (entry.TargetType?.Text is { } type && type != "lambda")
            return [];
        if (entry.FunctionArn?.Text is { } arn)
            return deployed.FindByArn(arn) is { } byArn ? [byArn] : [];
        if (entry.Template?.Text is { } templatePath && entry.LogicalId?.Text is { } logicalId)
        {
            var path = LedgerMatching.NormalizePath(templatePath);
            var stackNames = project.Templates.Where(t => t.Path == path).Select(t => t.Settings.StackName).ToList();
            var known = stackNames.Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
            return [.. deployed.FindByLogicalId(logicalId).Where(f => known.Count == 0 || (f.StackName is { } stack && known.Contains(stack)))];
        }

        return entry.FunctionName?.Text is { Length: > 0 } name ? [.. deployed.FindByName(name)] : [];
    }
}
