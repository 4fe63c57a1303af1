using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary><c>{wildcard: …}</c>.</summary>
/// <param name="Value">The operand.</param>
/// <param name="Node">Where the operand is written.</param>
public sealed record WildcardMatcher(string Value, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(Test(value, ignoreCase: false));

    /// <inheritdoc />
    public override string OperatorText => "wildcard ";

    /// <summary>Whether <paramref name="value"/> matches the wildcard expression.</summary>
    public bool Test(string value, bool ignoreCase) => Matches(Value, value, ignoreCase);

    /// <summary>Whether <paramref name="value"/> matches <paramref name="pattern"/>, in which <c>*</c> stands for any
    /// run of characters and <c>\*</c>, <c>\\</c> for themselves.</summary>
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        // Tokens: a character, or a star for an unescaped '*'. (Two arrays rather than a List<char?>, which has no
        // ReadyToRun code and would be JIT-compiled at every start.)
        var characters = new char[pattern.Length];
        var stars = new bool[pattern.Length];
        var count = 0;
        for (var i = 0; i < pattern.Length; i++, count++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
                characters[count] = pattern[++i];
            else if (pattern[i] == '*')
                stars[count] = true;
            else
                characters[count] = pattern[i];
        }

        // Greedy matching with backtracking to the last star: linear in practice, never exponential.
        int t = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (t < count && !stars[t] && Same(characters[t], value[v], ignoreCase))
            {
                t++;
                v++;
            }
            else if (t < count && stars[t])
            {
                star = t++;
                mark = v;
            }
            else if (star >= 0)
            {
                t = star + 1;
                v = ++mark;
            }
            else
                return false;
        }

        while (t < count && stars[t])
            t++;
        return t == count;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
