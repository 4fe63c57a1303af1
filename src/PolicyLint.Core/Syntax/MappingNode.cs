using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// A mapping (YAML mapping, JSON object). Lookups are ordinal and case-sensitive, as CloudFormation is, and
/// honour YAML merge keys: the mapping's own keys win over merged ones, earlier merge sources over later ones.
/// </summary>
public sealed class MappingNode : SyntaxNode
{
    /// <summary>The YAML merge key.</summary>
    public const string MergeKeyText = "<<";

    private readonly int _subtreeSize;
    private readonly long _expansionCost;
    private Dictionary<string, MappingEntry>? _index;

    internal MappingNode(SyntaxTree tree, TextSpan span, IReadOnlyList<MappingEntry> entries, bool isFlow, string? tag = null, bool isShortFormIntrinsic = false)
        : base(tree, span, tag)
    {
        Entries = entries;
        IsFlow = isFlow;
        IsShortFormIntrinsic = isShortFormIntrinsic;
        var size = 1;
        long cost = 0;
        foreach (var entry in entries)
        {
            size += entry.Key.SubtreeSize + entry.RawValue.SubtreeSize;
            cost = AddSaturating(cost, AddSaturating(entry.Key.ExpansionCost, entry.RawValue.ExpansionCost));
            if (entry.KeyText == MergeKeyText && entry.Key is ScalarNode { IsUnquoted: true })
                HasMergeKeys = true;
        }

        _subtreeSize = size;
        _expansionCost = cost;
    }

    /// <inheritdoc />
    private protected override int StoredSubtreeSize => _subtreeSize;

    /// <inheritdoc />
    private protected override long StoredExpansionCost => _expansionCost;

    /// <inheritdoc />
    public override SyntaxNodeKind Kind => SyntaxNodeKind.Mapping;

    /// <summary>The entries as written, in order, merge-key entries included. Duplicate keys are kept.</summary>
    public IReadOnlyList<MappingEntry> Entries { get; }

    /// <summary>Whether written in flow style (<c>{a: b}</c>) or as JSON.</summary>
    public bool IsFlow { get; }

    /// <summary>Whether the mapping stands for a short-form tag such as <c>!Ref X</c>: one entry whose key is
    /// the long-form name (<see cref="ScalarStyle.Synthetic"/>) located at the tag.</summary>
    public bool IsShortFormIntrinsic { get; }

    /// <summary>Whether the mapping has a YAML merge key (<c>&lt;&lt;</c>).</summary>
    public bool HasMergeKeys { get; }

    /// <summary>Number of entries as written.</summary>
    public int Count => Entries.Count;

    /// <summary>
    /// The entry for <paramref name="key"/>: the mapping's own (the last occurrence of a repeated key, whose value
    /// CloudFormation and PyYAML use; the repeat itself is PL0001, docs/conventions.md#c4), else the first found through its merge keys
    /// (then <see cref="MappingEntry.MergeKey"/> is set); null when absent.
    /// </summary>
    public MappingEntry? Find(string key)
    {
        if (TryFindOwn(key) is { } own)
            return own;
        if (!HasMergeKeys)
            return null;
        foreach (var (mergeEntry, source) in MergeSources())
        {
            if (source.Find(key) is { } merged)
                return merged.ViaMerge(mergeEntry);
        }

        return null;
    }

    /// <summary>The value for <paramref name="key"/> (aliases followed), or null when absent.</summary>
    public SyntaxNode? GetValue(string key) => Find(key)?.Value;

    /// <summary>
    /// The entries in effect: own entries in written order (merge keys left out; of a repeated key, only its last
    /// occurrence), then merged entries whose key the mapping does not define, in merge order.
    /// </summary>
    public IEnumerable<MappingEntry> EffectiveEntries()
    {
        HashSet<string>? seen = Entries.Count > 0 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var entry in Entries)
        {
            if (IsMergeEntry(entry))
                continue;
            if (IsSuperseded(entry))
                continue;
            if (entry.KeyText is { } text)
                seen!.Add(text);
            yield return entry;
        }

        if (!HasMergeKeys)
            yield break;
        foreach (var (mergeEntry, source) in MergeSources())
        {
            foreach (var merged in source.EffectiveEntries())
            {
                if (merged.KeyText is { } text && !seen!.Add(text))
                    continue;
                yield return merged.ViaMerge(mergeEntry);
            }
        }
    }

    /// <summary>The entries as written, merge keys included, without the occurrences of a repeated key that a later
    /// one replaces: every entry whose value is read.</summary>
    public IEnumerable<MappingEntry> EntriesInEffect() => Entries.Where(e => !IsSuperseded(e));

    /// <summary>Whether <paramref name="entry"/>, one of <see cref="Entries"/>, is an occurrence of a repeated key that a
    /// later one replaces (merge keys each merge, and are never replaced).</summary>
    internal bool IsSuperseded(MappingEntry entry) =>
        entry.KeyText is { } text && !IsMergeEntry(entry) && !ReferenceEquals(TryFindOwn(text), entry);

    /// <summary>Whether <paramref name="entry"/> is a YAML merge key (<c>&lt;&lt;</c>, unquoted).</summary>
    public static bool IsMergeEntry(MappingEntry entry) =>
        entry.Key is ScalarNode { Value: MergeKeyText, IsUnquoted: true };

    private MappingEntry? TryFindOwn(string key)
    {
        if (Entries.Count <= 8)
        {
            for (var i = Entries.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Entries[i].KeyText, key, StringComparison.Ordinal) && !IsMergeEntry(Entries[i]))
                    return Entries[i];
            }

            return null;
        }

        if (_index is null)
        {
            var index = new Dictionary<string, MappingEntry>(Entries.Count, StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                if (entry.KeyText is { } text && !IsMergeEntry(entry))
                    index[text] = entry; // a repeated key: the last occurrence wins
            }

            _index = index;
        }

        return _index.GetValueOrDefault(key);
    }

    private IEnumerable<(MappingEntry MergeEntry, MappingNode Source)> MergeSources()
    {
        foreach (var entry in Entries)
        {
            if (!IsMergeEntry(entry))
                continue;
            switch (entry.Value)
            {
                case MappingNode mapping:
                    yield return (entry, mapping);
                    break;
                case SequenceNode sequence:
                    foreach (var item in sequence.Items)
                    {
                        if (item.Resolve() is MappingNode merged)
                            yield return (entry, merged);
                    }

                    break;
            }
        }
    }
}
