using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>One key/value pair of a mapping.</summary>
public sealed class MappingEntry
{
    internal MappingEntry(SyntaxNode key, SyntaxNode rawValue, MappingEntry? mergeKey = null)
    {
        Key = key;
        RawValue = rawValue;
        MergeKey = mergeKey;
    }

    /// <summary>The key node as written (a scalar in every template; YAML also allows complex keys).</summary>
    public SyntaxNode Key { get; }

    /// <summary>The key's text, or null for a complex (non-scalar) key.</summary>
    public string? KeyText => (Key as ScalarNode)?.Value;

    /// <summary>The value as written; may be an <see cref="AliasNode"/>.</summary>
    public SyntaxNode RawValue { get; }

    /// <summary>The value with aliases followed.</summary>
    public SyntaxNode Value => RawValue.Resolve();

    /// <summary>
    /// When the entry was found through a YAML merge key (<c>&lt;&lt;: *base</c>), the <c>&lt;&lt;</c> entry of
    /// the mapping the lookup started in; null for the mapping's own entries.
    /// </summary>
    public MappingEntry? MergeKey { get; }

    /// <summary>Where the user edits this entry: its key, or the <c>&lt;&lt;</c> key that brought it in (docs/conventions.md#c7).</summary>
    public Location KeyLocation => (MergeKey?.Key ?? Key).Location;

    internal MappingEntry ViaMerge(MappingEntry mergeKey) => new(Key, RawValue, mergeKey);

    /// <inheritdoc />
    public override string ToString() => $"{KeyText}: …";
}
