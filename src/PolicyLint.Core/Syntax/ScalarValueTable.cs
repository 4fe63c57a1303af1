namespace PolicyLint.Core.Syntax;

/// <summary>
/// One parse's table of scalar texts: a text met again in the same file (a key such as <c>Type</c> or
/// <c>Properties</c>, a repeated <c>!Ref</c> name) is kept once, so that the tree, which stays live until a run ends,
/// holds one string per distinct short text rather than one per scalar (issue 15). The table itself lives only while
/// the file is parsed.
/// </summary>
internal sealed class ScalarValueTable
{
    /// <summary>Texts longer than this are kept as they are: long texts seldom repeat, and hashing them costs a pass.</summary>
    internal const int MaxSharedLength = 64;

    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

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
