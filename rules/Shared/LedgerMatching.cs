using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>
/// Matches ledger entries to functions (docs/ledger-format.md#matching, docs/conventions.md#c10): by <c>target.template</c> + <c>target.logical_id</c> when
/// given; else by <c>function_name</c> equal to the function's static name; else by the name inside
/// <c>function_arn</c>. Lookups are indexed once per project (no quadratic scans).
/// </summary>
public static class LedgerMatching
{
    private static readonly ConditionalWeakTable<ProjectModel, Index> Indexes = new();

    /// <summary>The entries that record <paramref name="function"/>'s exclusion of <paramref name="scanType"/>, in
    /// file order; expired or otherwise invalid entries count (docs/conventions.md#c10).</summary>
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

    /// <summary>
    /// The analyzed functions <paramref name="entry"/> records (the reverse of <see cref="EntriesFor(ProjectModel, LambdaFunction)"/>,
    /// plus what cannot be decided): by <c>template</c> + <c>logical_id</c> when given, else by the recorded name
    /// (<c>function_name</c>, else the name in <c>function_arn</c>).
    /// </summary>
    public static LedgerTarget TargetOf(ProjectModel project, LedgerEntry entry)
    {
        var index = Indexes.GetValue(project, p => new Index(p.Ledger));
        return index.Targets.GetOrAdd(entry, e => FindTarget(project, index, e));
    }

    /// <summary>
    /// The functions of <paramref name="target"/> that carry only the other scan type's exclusion tag, which no entry of
    /// that scan type records: then the entry disagrees with the function (PL1004) rather than being stale (PL1002).
    /// Empty when any of its functions carries (or may carry) the tag of <paramref name="scanType"/>.
    /// </summary>
    public static IReadOnlyList<LambdaFunction> CarryingOtherTagOnly(ProjectModel project, LedgerTarget target, ScanType scanType)
    {
        if (target.IsUndecidable || target.Functions.Any(f => ExclusionTags.Carries(f, scanType) != TriState.False))
            return [];
        var other = ExclusionTags.Other(scanType);
        return [.. target.Functions.Where(f => ExclusionTags.Carries(f, other) == TriState.True && EntriesFor(project, f, other).Count == 0)];
    }

    /// <summary>The identity an entry records, for comparing entries: <c>template#logical_id</c> when given, else the
    /// recorded name; null when it records none.</summary>
    public static string? Identity(LedgerEntry entry) =>
        HasTemplateTarget(entry) ? $"template '{NormalizePath(entry.Template!.Text!)}' logical ID '{entry.LogicalId!.Text}'"
        : entry.RecordedName is { } name ? $"function '{name}'"
        : null;

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

    private static LedgerTarget FindTarget(ProjectModel project, Index index, LedgerEntry entry)
    {
        if (HasTemplateTarget(entry))
        {
            var path = NormalizePath(entry.Template!.Text!);
            var logicalId = entry.LogicalId!.Text!;
            var templates = index.Names(project).TemplatesAt(path);
            if (project.BrokenTemplatePaths.Contains(path))
                return LedgerTarget.Undecidable;
            var functions = templates.SelectMany(t => t.Functions).Where(f => f.LogicalId == logicalId).ToList();
            if (functions.Count > 0)
                return new LedgerTarget(functions, [], null, [], false);
            if (templates.Any(t => t.UnexpandedForEach.Count > 0))
                return LedgerTarget.Undecidable; // Fn::ForEach may generate it
            var missing = templates.Count == 0
                ? $"no analyzed template is at target.template '{path}'"
                : templates.SelectMany(t => t.Resources).FirstOrDefault(r => r.LogicalId == logicalId) is { } other
                    ? $"'{logicalId}' in '{path}' is of type {other.Type}, not a function"
                    : $"template '{path}' has no resource '{logicalId}'";
            return new LedgerTarget([], [], missing, [], false);
        }

        if (entry.RecordedName is not { } name)
            return LedgerTarget.Undecidable;
        var names = index.Names(project);
        var matches = names.ByName.TryGetValue(name, out var found) ? found : [];
        var possible = new List<PossibleMatch>();
        foreach (var (function, value) in names.NotStaticCandidates(name))
        {
            if (!matches.Contains(function) && CouldBeNamed(function, value, name) is { } reason)
                possible.Add(new PossibleMatch(function, reason));
        }

        return new LedgerTarget(matches, possible,
            matches.Count == 0 && possible.Count == 0 ? $"no analyzed template defines a function named '{name}'" : null,
            names.Unseen, false);
    }

    /// <summary>Why <paramref name="function"/>, whose name is not static, may be deployed as <paramref name="name"/>;
    /// null when it cannot be.</summary>
    private static string? CouldBeNamed(LambdaFunction function, ResolvedValue? value, string name)
    {
        if (value is null)
        {
            return CouldBeGenerated(name, function.LogicalId)
                ? "it has no FunctionName, and the name CloudFormation generates for it may be this one"
                : null;
        }

        foreach (var alternative in value.Alternatives)
        {
            switch (alternative)
            {
                case PartialStringValue known when Matches(known, name):
                    return $"its FunctionName is {known.Describe()}, and {known.Holes.First().Reason}";
                case UnresolvedValue unresolved:
                    return $"its FunctionName cannot be known offline: {unresolved.Reason}";
                case ImportedValue imported:
                    return $"its FunctionName is {imported.Describe()}";
                case NoValue when CouldBeGenerated(name, function.LogicalId):
                    return "its FunctionName may be AWS::NoValue, and the name CloudFormation generates then may be this one";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> may be a name CloudFormation generates for a function without
    /// <c>FunctionName</c>: <c>{stack name}-{logical ID, possibly truncated}-{random suffix}</c>.</summary>
    private static bool CouldBeGenerated(string name, string logicalId)
    {
        var prefix = "-" + logicalId[..Math.Min(logicalId.Length, 8)];
        var at = name.IndexOf(prefix, StringComparison.Ordinal);
        return at > 0 && name.IndexOf('-', at + prefix.Length) > 0;
    }

    /// <summary>Whether <paramref name="name"/> fits <paramref name="pattern"/>, each hole standing for any text.</summary>
    internal static bool Matches(PartialStringValue pattern, string name)
    {
        var parts = pattern.Parts;
        var start = 0;
        var end = name.Length;
        var first = 0;
        var last = parts.Length - 1;
        if (parts.Length > 0 && parts[0].Text is { } prefix)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
                return false;
            start = prefix.Length;
            first = 1;
        }

        if (last >= first && parts[last].Text is { } suffix)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal) || name.Length - suffix.Length < start)
                return false;
            end = name.Length - suffix.Length;
            last--;
        }

        for (var i = first; i <= last; i++)
        {
            if (parts[i].Text is not { } text)
                continue;
            var at = name.IndexOf(text, start, end - start, StringComparison.Ordinal);
            if (at < 0)
                return false;
            start = at + text.Length;
        }

        return true;
    }

    /// <summary>Functions by the names they may be deployed under, templates by path, and the templates that could not
    /// be analyzed: built once per project, so that matching every entry costs no scan of every template.</summary>
    private sealed class NameIndex
    {
        private readonly Dictionary<string, List<TemplateModel>> _templatesByPath = new(StringComparer.Ordinal);

        public NameIndex(ProjectModel project)
        {
            foreach (var template in project.Templates)
            {
                if (!_templatesByPath.TryGetValue(template.Path, out var list))
                    _templatesByPath[template.Path] = list = [];
                list.Add(template);
            }

            Unseen = [.. project.BrokenTemplatePaths
                .Concat(project.Templates.Where(t => t.UnexpandedForEach.Count > 0).Select(t => t.Path))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)];

            foreach (var function in project.Functions)
            {
                if (function.FunctionName is not { } property)
                {
                    NotStatic.Add((function, null));
                    continue;
                }

                var value = function.Resource.Template.Resolver.Resolve(property.Value);
                var literals = value.LiteralTexts.Where(t => t.Length > 0).ToList();
                foreach (var literal in literals)
                {
                    if (!ByName.TryGetValue(literal, out var list))
                        ByName[literal] = list = [];
                    list.Add(function);
                }

                if (literals.Count != value.Alternatives.Length)
                    NotStatic.Add((function, value));
            }

            for (var i = 0; i < NotStatic.Count; i++)
                AddCandidateKeys(i);
        }

        /// <summary>Functions by each literal their <c>FunctionName</c> may take (one, or one per <c>Fn::If</c> branch).</summary>
        public Dictionary<string, List<LambdaFunction>> ByName { get; } = new(StringComparer.Ordinal);

        /// <summary>Functions with an alternative that is not a literal (null value: no <c>FunctionName</c>).</summary>
        public List<(LambdaFunction Function, ResolvedValue? Value)> NotStatic { get; } = [];

        /// <summary>Root-relative paths of the templates that may define a function but could not be analyzed (files
        /// that could not be read at all, templates with a <c>Fn::ForEach</c> that could not be expanded), in ordinal order.</summary>
        public IReadOnlyList<string> Unseen { get; }

        /// <summary>
        /// The functions of <see cref="NotStatic"/> that may be deployed as <paramref name="name"/>, in their order: a
        /// superset of those <see cref="CouldBeNamed"/> accepts, found through keys every match must have (a pattern's
        /// literal prefix or suffix, a generated name's logical-ID part after a <c>-</c>), so that matching every
        /// entry does not test every function.
        /// </summary>
        public IEnumerable<(LambdaFunction Function, ResolvedValue? Value)> NotStaticCandidates(string name)
        {
            // A list sorted once rather than a SortedSet<int>: no collection over a value type that the runtime's
            // precompiled code lacks, which would be JIT-compiled at every start (issue 15).
            var found = new List<int>(_anyName);
            for (var length = 1; length <= name.Length; length++)
            {
                if (_byPrefix.TryGetValue(name[..length], out var prefixed))
                    found.AddRange(prefixed);
                if (_bySuffix.TryGetValue(name[^length..], out var suffixed))
                    found.AddRange(suffixed);
            }

            for (var dash = name.Length > 1 ? name.IndexOf('-', 1) : -1; dash > 0; dash = name.IndexOf('-', dash + 1))
            {
                for (var length = 1; length <= GeneratedKeyLength && dash + 1 + length <= name.Length; length++)
                {
                    if (_byGeneratedKey.TryGetValue(name.Substring(dash + 1, length), out var generated))
                        found.AddRange(generated);
                }
            }

            found.Sort();
            return Distinct(found);
        }

        /// <summary>The functions at <paramref name="sorted"/> (ascending indexes of <see cref="NotStatic"/>, with
        /// repeats), each once, in that order.</summary>
        private IEnumerable<(LambdaFunction Function, ResolvedValue? Value)> Distinct(List<int> sorted)
        {
            for (var k = 0; k < sorted.Count; k++)
            {
                if (k == 0 || sorted[k] != sorted[k - 1])
                    yield return NotStatic[sorted[k]];
            }
        }

        // The logical-ID characters CloudFormation keeps in a generated name, as CouldBeGenerated compares them.
        private const int GeneratedKeyLength = 8;

        private readonly List<int> _anyName = [];
        private readonly Dictionary<string, List<int>> _byPrefix = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _bySuffix = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byGeneratedKey = new(StringComparer.Ordinal);

        /// <summary>Files <see cref="NotStatic"/>[<paramref name="i"/>] under every key a name it may take must have,
        /// one per alternative that <see cref="CouldBeNamed"/> may accept.</summary>
        private void AddCandidateKeys(int i)
        {
            var (function, value) = NotStatic[i];
            var generatedKey = function.LogicalId[..Math.Min(function.LogicalId.Length, GeneratedKeyLength)];
            if (value is null)
            {
                Add(_byGeneratedKey, generatedKey, i);
                return;
            }

            foreach (var alternative in value.Alternatives)
            {
                switch (alternative)
                {
                    case PartialStringValue { Parts: var parts } when parts.Length > 0 && parts[0].Text is { Length: > 0 } prefix:
                        Add(_byPrefix, prefix, i);
                        break;
                    case PartialStringValue { Parts: var parts } when parts.Length > 0 && parts[^1].Text is { Length: > 0 } suffix:
                        Add(_bySuffix, suffix, i);
                        break;
                    case PartialStringValue or UnresolvedValue or ImportedValue:
                        _anyName.Add(i);
                        break;
                    case NoValue:
                        Add(_byGeneratedKey, generatedKey, i);
                        break;
                }
            }

            static void Add(Dictionary<string, List<int>> map, string key, int i)
            {
                if (!map.TryGetValue(key, out var list))
                    map[key] = list = [];
                list.Add(i);
            }
        }

        /// <summary>The analyzed templates (documents) at <paramref name="path"/>, in project order; empty when none.</summary>
        public List<TemplateModel> TemplatesAt(string path) =>
            _templatesByPath.TryGetValue(path, out var list) ? list : [];
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

        public ConcurrentDictionary<LedgerEntry, LedgerTarget> Targets { get; } = new();

        private NameIndex? _names;

        public NameIndex Names(ProjectModel project) => LazyInitializer.EnsureInitialized(ref _names, () => new NameIndex(project));

        private static void Add<TKey>(Dictionary<TKey, List<LedgerEntry>> map, TKey key, LedgerEntry entry)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
                map[key] = list = [];
            list.Add(entry);
        }
    }
}
