using NUnit.Framework;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Text;

/// <summary>
/// <see cref="DefaultPlaceholder"/> (plain code, what an unconfigured run uses) must match exactly what
/// <see cref="PlaceholderText.DefaultPattern"/> (PL3004's option default, a generated regular
/// expression) matches. Each case puts every UTF-16 code unit, one at a time, where it decides the outcome: alone
/// and around white space, after each marker and whole value, inside angle brackets, and in place of each letter
/// of each keyword (case-insensitivity, the Kelvin sign).
/// </summary>
public sealed class DefaultPlaceholderTests
{
    private static readonly string[] Keywords =
        ["TODO", "TBD", "TBC", "TBA", "FIXME", "XXX", "X", "N/A", "N.A.", "NA", "NIL", "T.B.D.", "T.B.C", "T.B.A.", "T.O.D.O", "TO DO", "TO BE DECIDED", "TO BE DONE", "PENDING", "WIP", "NONE", "NOBODY", "SOMEONE", "UNKNOWN", "CHANGEME", "CHANGE ME", "YES", "NO", "TRUE", "FALSE", "NULL"];

    [Test]
    public void AgreesWithThePattern_ForEveryCodeUnitInEveryDecidingPlace()
    {
        var pattern = PlaceholderText.DefaultRegex();
        var checkedTexts = 0;
        var disagreements = new List<string>();
        void Check(string text)
        {
            checkedTexts++;
            if (DefaultPlaceholder.IsMatch(text) != pattern.IsMatch(text) && disagreements.Count < 20)
                disagreements.Add(string.Concat(text.Select(c => $"\\u{(int)c:X4}")));
        }

        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            var s = c.ToString();
            foreach (var text in new[] { s, $" {c}", $"{c} ", $"{c}{c}", $"{c}\n", $"<a{c}>", $"<>{c}", $"<{c}", $"-{c}", $"?{c}?", $"xx{c}", $"{c}todo" })
                Check(text);
            foreach (var keyword in Keywords)
            {
                Check(keyword + c);
                Check($"{keyword}{c}x");
                for (var i = 0; i < keyword.Length; i++)
                    Check(string.Concat(keyword.AsSpan(0, i), s, keyword.AsSpan(i + 1)));
            }
        }

        string[] examples =
        [
            "", " ", "TODO", "todo: who approved", "TODO-123", "todoist", "TODO_x", "  TBD  ", "tbd\n", "tbd\n\n", "FIXME!", "xxx", "XXXX-1", "xXx yes",
            "x", "xx ", "N/A", "n.a", "N.A.", "N.A..", "t.b.d", "T.B.C.", "to do", "to  do", "pending ", "wip", "none", "nobody", "someone", "unknown",
            "yes", "no", "true", "false", "null", "nulls", "<approver>", "<a<b>", "<a>b", "< >  ", "-", "?", "...", "—", "€", "a-", "SEC-1", "appsec",
            "\u212Anown", "UN\u212ANOWN", "\u0130", "\u017Fomeone", "T\u00D8DO", "TODO\u0903", "TODO\u200D", "TODO\u0301", "\u00A0TODO", "\u3000N/A\u2029",
        ];
        foreach (var example in examples)
            Check(example);

        Assert.Multiple(() =>
        {
            Assert.That(checkedTexts, Is.GreaterThan(5_000_000));
            Assert.That(disagreements, Is.Empty);
        });
    }
}
