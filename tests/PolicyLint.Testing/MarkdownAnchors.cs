using System.Text;
using System.Text.RegularExpressions;

namespace PolicyLint.Testing;

/// <summary>The anchors GitHub gives a Markdown page, for the tests that check links and references between the
/// repository's pages (DocumentationLinkTests, DocsTests).</summary>
public static partial class MarkdownAnchors
{
    /// <summary>Every anchor of <paramref name="markdown"/>: each <c>&lt;a id="…"&gt;</c>, and, when
    /// <paramref name="headings"/>, one per heading outside fenced code blocks (<see cref="Slug"/>; a repeated heading
    /// gets <c>-1</c>, <c>-2</c>…, as on GitHub).</summary>
    public static HashSet<string> Of(string markdown, bool headings = true)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match id in ExplicitAnchor().Matches(markdown))
            anchors.Add(id.Groups["id"].Value);
        if (!headings)
            return anchors;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCodeBlocks(markdown)))
        {
            var slug = Slug(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    /// <summary>GitHub's anchor for a heading: lower case; letters, digits, <c>_</c> and <c>-</c> kept, spaces turned
    /// into <c>-</c>, everything else (punctuation, backticks) dropped.</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '_' or '-')
                slug.Append(c);
            else if (c == ' ')
                slug.Append('-');
        }

        return slug.ToString();
    }

    /// <summary><paramref name="markdown"/> without its fenced code blocks (<c>```</c> … <c>```</c>).</summary>
    public static string WithoutCodeBlocks(string markdown) => CodeBlock().Replace(markdown, string.Empty);

    [GeneratedRegex(@"^#{1,6} +(?<text>.+?) *#*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a id=""(?<id>[^""]+)""")]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
