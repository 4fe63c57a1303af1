namespace PolicyLint.Core.Syntax;

/// <summary>
/// One parse's table of scalar texts: a text met again in the same file (a key such as <c>Type</c> or
/// <c>Properties</c>, a repeated <c>!Ref</c> name) is kept once, so that the tree, which stays live until a run ends,
/// holds one string per distinct short text rather than one per scalar (issue 15). The table is cleared when the file
/// is parsed and reused for the next file parsed on the same thread.
/// </summary>
internal sealed class ScalarValueTable
{
    /// <summary>Texts longer than this are kept as they are: long texts seldom repeat, and hashing them costs a pass.</summary>
    internal const int MaxSharedLength = 64;

    /// <summary>A table that held more texts than this is let go by <see cref="Clear"/> rather than kept (its arrays
    /// stay with the thread that reuses it).</summary>
    internal const int KeptCount = 4096;

    private HashSet<string> _texts = new(StringComparer.Ordinal);

    /// <summary>The number of texts the table holds.</summary>
    public int Count => _texts.Count;

    /// <summary>Forgets every text, for the next file (the parser reuses a table per thread: issue 15, its entries and
    /// buckets were 4 % of what a parse allocated on the SAM corpus).</summary>
    public void Clear()
    {
        if (_texts.Count > KeptCount)
            _texts = new(StringComparer.Ordinal);
        else
            _texts.Clear();
    }

    /// <summary>The first string equal to <paramref name="text"/> this table met, or <paramref name="text"/> itself.</summary>
    public string Share(string text)
    {
        if (text.Length > MaxSharedLength)
            return text;
        if (_texts.TryGetValue(text, out var shared))
            return shared;
        _texts.Add(text);
        return text;
    }
}
