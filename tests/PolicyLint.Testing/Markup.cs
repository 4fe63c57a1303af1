using System.Text;

namespace PolicyLint.Testing;

/// <summary>A span marked in test input.</summary>
/// <param name="Start">UTF-16 offset of the first marked character in the cleaned text.</param>
/// <param name="End">Offset just past the last marked character.</param>
/// <param name="Id">The diagnostic ID written in the markup (<c>{|PL1001:…|}</c>), or null.</param>
/// <param name="Marker">The number written in the markup (<c>{|#0:…|}</c>), or null.</param>
public sealed record MarkedSpan(int Start, int End, string? Id, int? Marker);

/// <summary>
/// Location markup for rule tests (docs/style.md#rule-tests): <c>{|PL1001:text|}</c> marks the exact span of a PL1001,
/// <c>[|text|]</c> a span of the analyzer's single ID, <c>{|#0:text|}</c> a numbered span whose ID (and message)
/// the test gives with <c>Expect</c>. Markup is removed before parsing.
/// </summary>
public static class Markup
{
    /// <summary>Removes the markup from <paramref name="input"/>.</summary>
    /// <exception cref="FormatException">Markup is unbalanced or nested.</exception>
    public static (string Text, IReadOnlyList<MarkedSpan> Spans) Parse(string input)
    {
        var text = new StringBuilder(input.Length);
        var spans = new List<MarkedSpan>();
        int? openStart = null;
        string? openId = null;
        int? openMarker = null;
        var closer = string.Empty;
        var i = 0;
        while (i < input.Length)
        {
            if (openStart is null && Starts(input, i, "{|"))
            {
                var colon = input.IndexOf(':', i + 2);
                if (colon < 0)
                    throw new FormatException($"markup '{{|' at {i} has no ':'");
                var head = input[(i + 2)..colon];
                if (head.StartsWith('#'))
                    openMarker = int.Parse(head[1..], System.Globalization.CultureInfo.InvariantCulture);
                else
                    openId = head;
                openStart = text.Length;
                closer = "|}";
                i = colon + 1;
            }
            else if (openStart is null && Starts(input, i, "[|"))
            {
                openStart = text.Length;
                closer = "|]";
                i += 2;
            }
            else if (openStart is not null && Starts(input, i, closer))
            {
                spans.Add(new MarkedSpan(openStart.Value, text.Length, openId, openMarker));
                openStart = null;
                openId = null;
                openMarker = null;
                i += 2;
            }
            else if (openStart is not null && (Starts(input, i, "{|") || Starts(input, i, "[|")) && !Starts(input, i + 1, closer))
                throw new FormatException($"nested markup at {i}"); // a marked text may end with '{' or '[' (a JSON object's brace)
            else
            {
                text.Append(input[i]);
                i++;
            }
        }

        if (openStart is not null)
            throw new FormatException("unclosed markup");
        return (text.ToString(), spans);
    }

    private static bool Starts(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;
}
