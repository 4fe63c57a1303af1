using System.Runtime.CompilerServices;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>
/// Matches ledger entries to functions (DOMAIN.md, C10): by <c>target.template</c> + <c>target.logical_id</c> when
/// given; else by <c>function_name</c> equal to the function's static name; else by the name inside
/// <c>function_arn</c>. Lookups are indexed once per project (no quadratic scans).
/// </summary>
public static class LedgerMatching
{
    private static readonly ConditionalWeakTable<ProjectModel, Index> Indexes = new();

    /// <summary>The entries that record <paramref name="function"/>'s exclusion of <paramref name="scanType"/>, in
    /// file order; expired or otherwise invalid entries count (C10).</summary>
    public static IReadOnlyList<LedgerEntry> EntriesFor(ProjectModel project, LambdaFunction function, ScanType scanType) =>
        [.. EntriesFor(project, function).Where(e => e.ScanType == scanType)];

    /// <summary>The entries whose target is <paramref name="function"/>, whatever their scan type, in file order.</summary>
    public static IReadOnlyList<LedgerEntry> EntriesFor(ProjectModel project, LambdaFunction function)
    {
        var index = Indexes.GetValue(project, p => new Index(p.Ledger));
        var result = new List<LedgerEntry>();
        if (index.ByTemplate.TryGetValue((function.Resource.Template.Path, function.LogicalId), out var byTemplate))
            result.AddRange(byTemplate);
        if (function.StaticName is { } name && index.ByName.TryGetValue(name, out var byName))
            result.AddRange(byName);
        result.Sort((a, b) => a.Index.CompareTo(b.Index));
        return result;
    }

    /// <summary>Whether <paramref name="entry"/> names a template and logical ID (then it matches by those only).</summary>
    public static bool HasTemplateTarget(LedgerEntry entry) => entry.Template?.Text is not null && entry.LogicalId?.Text is not null;

    /// <summary>A ledger <c>target.template</c> as a root-relative path: <c>/</c> separators, no leading <c>./</c>.</summary>
    public static string NormalizePath(string path)
    {
        path = path.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path[2..];
        return path;
    }

    private sealed class Index
    {
        public Index(ExclusionLedger ledger)
        {
            foreach (var entry in ledger.Exclusions)
            {
                if (HasTemplateTarget(entry))
                    Add(ByTemplate, (NormalizePath(entry.Template!.Text!), entry.LogicalId!.Text!), entry);
                else if (entry.RecordedName is { } name)
                    Add(ByName, name, entry);
            }
        }

        public Dictionary<(string Path, string LogicalId), List<LedgerEntry>> ByTemplate { get; } = [];

        public Dictionary<string, List<LedgerEntry>> ByName { get; } = new(StringComparer.Ordinal);

        private static void Add<TKey>(Dictionary<TKey, List<LedgerEntry>> map, TKey key, LedgerEntry entry)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
                map[key] = list = [];
            list.Add(entry);
        }
    }
}
