using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Rules.LedgerHygiene;

namespace PolicyLint.Cli;

/// <summary>What <c>ledger add</c> writes into one new <c>exclusions</c> item.</summary>
/// <param name="FunctionName">The function's static name, or null to record it by template and logical ID.</param>
/// <param name="Template">Root-relative template path.</param>
/// <param name="LogicalId">The function's logical ID.</param>
/// <param name="ScanType">The excluded scan type.</param>
/// <param name="Ticket">The ticket, or null for the placeholder.</param>
/// <param name="Owner">The owning team, or null for the placeholder.</param>
/// <param name="Today">The day the exclusion is applied.</param>
internal sealed partial record LedgerSkeleton(string? FunctionName, string Template, string LogicalId, ScanType ScanType, string? Ticket, string? Owner, DateOnly Today)
{
    /// <summary>Days from <c>applied_at</c> to <c>expires_at</c>.</summary>
    public const int ExpiresAfterDays = 90;

    /// <summary>Days from <c>applied_at</c> to <c>next_review_at</c>.</summary>
    public const int ReviewAfterDays = 30;

    /// <summary>What a placeholder value starts with, as a word: the default
    /// <see cref="Rules.LedgerHygiene.InvalidLedgerEntryAnalyzer.PlaceholderPattern"/> matches it, so PL3004 reports each
    /// placeholder as an error until a person replaces it (a placeholder is not an approval); the entry still records
    /// the function for PL1001 and PL1005.</summary>
    public const string Placeholder = "TODO";

    public DateOnly ExpiresAt => Today.AddDays(ExpiresAfterDays);

    public DateOnly NextReviewAt => Today.AddDays(ReviewAfterDays);

    /// <summary>The fields left as placeholders, for the message.</summary>
    public IReadOnlyList<string> PlaceholderFields =>
        [.. new[] { ("reason.summary", true), ("reason.ticket", Ticket is null), ("owner.team", Owner is null), ("owner.approved_by", true) }
            .Where(f => f.Item2).Select(f => f.Item1)];

    /// <summary>The item's lines, each without a line break, with the dash at column <paramref name="indent"/> + 1.</summary>
    public IReadOnlyList<string> Lines(int indent)
    {
        var pad = new string(' ', indent);
        var (tagKey, tagValue) = ScanType == ScanType.Standard
            ? ("InspectorExclusion", "LambdaStandardScanning")
            : ("InspectorCodeExclusion", "LambdaCodeScanning");
        var lines = new List<string> { $"{pad}- target:", $"{pad}    type: lambda" };
        if (FunctionName is not null)
            lines.Add($"{pad}    function_name: {Yaml(FunctionName)}");
        else
        {
            lines.Add($"{pad}    template: {Yaml(Template)}");
            lines.Add($"{pad}    logical_id: {Yaml(LogicalId)}");
        }

        lines.AddRange(
        [
            $"{pad}  scan_type: {(ScanType == ScanType.Standard ? "standard" : "code")}",
            $"{pad}  tag: {{ key: {tagKey}, value: {tagValue} }}",
            $"{pad}  reason:",
            $"{pad}    summary: \"{Placeholder}: why this exclusion is accepted, and until when\"",
            $"{pad}    ticket: {(Ticket is null ? Placeholder : Yaml(Ticket))}",
            $"{pad}  owner:",
            $"{pad}    team: {(Owner is null ? Placeholder : Yaml(Owner))}",
            $"{pad}    approved_by: \"{Placeholder}: who approved the exclusion\"",
            $"{pad}  dates:",
            string.Create(CultureInfo.InvariantCulture, $"{pad}    applied_at: {Today:yyyy-MM-dd}"),
            string.Create(CultureInfo.InvariantCulture, $"{pad}    expires_at: {ExpiresAt:yyyy-MM-dd}"),
            string.Create(CultureInfo.InvariantCulture, $"{pad}    next_review_at: {NextReviewAt:yyyy-MM-dd}"),
        ]);
        return lines;
    }

    /// <summary>A YAML scalar: plain when that reads back as the same string, else double-quoted.</summary>
    internal static string Yaml(string value) =>
        PlainSafe().IsMatch(value) && !NotAString().IsMatch(value)
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./@+-]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^(?:[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$")]
    private static partial Regex NotAString();
}

/// <summary>
/// Adds one item to the ledger's <c>exclusions</c> by inserting text, so that every byte already in the file stays
/// as it was: after the last item of a block list (at the end of the file when the list ends it), on the line after
/// <c>exclusions:</c> when the list is empty, or as a new <c>exclusions:</c> key at the end. The one edit of existing
/// text: an empty flow list <c>exclusions: []</c> loses its <c>[]</c>, since a block item cannot follow it.
/// </summary>
internal static class LedgerAppender
{
    /// <summary>Indentation of the item's dash when the file gives none to follow.</summary>
    private const int DefaultIndent = 2;

    /// <summary>The new text of the ledger and the 1-based line the item starts on.</summary>
    /// <exception cref="CommandException">The ledger's shape leaves no safe place for the item.</exception>
    public static (string Text, int Line) Append(ExclusionLedger ledger, LedgerSkeleton skeleton)
    {
        if (!ledger.Exists)
            return Assemble("version: 1\nexclusions:\n", string.Empty, skeleton, DefaultIndent, "\n", 3);

        var source = ledger.Source;
        var text = source.Text;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var root = ledger.Tree?.Documents.FirstOrDefault(d => d is not null);
        if (root is null)
        {
            var prefix = EnsureLineBreak(text, newline) + $"version: 1{newline}exclusions:{newline}";
            return Assemble(prefix, string.Empty, skeleton, DefaultIndent, newline, LineCount(prefix) + 1);
        }

        if (root is not MappingNode mapping || ledger.Tree!.Documents.Count(d => d is not null) > 1)
            throw new CommandException($"{source.Path} is not one YAML mapping; fix it first (policylint reports {InvalidLedgerEntryAnalyzer.Rule.Id})");

        if (mapping.Find("exclusions") is not { } exclusions)
        {
            var prefix = EnsureLineBreak(text, newline) + $"exclusions:{newline}";
            return Assemble(prefix, string.Empty, skeleton, DefaultIndent, newline, LineCount(prefix) + 1);
        }

        switch (exclusions.Value)
        {
            case SequenceNode { IsFlow: false, Count: > 0 } list:
            {
                var indent = source.GetPosition(list.Span.Start).Column - 1;
                // A block scalar (|, >) ends on the line after its text: step back to the last character written,
                // unless it keeps its trailing line breaks (|+, >+), which are then part of its value.
                var end = list.Span.End;
                var kept = EndsWithKeptBlockScalar(list, text);
                if (!kept)
                {
                    while (end > list.Span.Start && char.IsWhiteSpace(text[end - 1]))
                        end--;
                }

                // Every blank line after a kept block scalar belongs to its value (the parser's end mark may stop a
                // line short at the end of the file): insert after the last of them.
                var at = kept ? AfterBlankLines(text, end > 0 && text[end - 1] == '\n' ? end : AfterLine(source, end)) : AfterLine(source, end);
                return Insert(text, at, skeleton, indent, newline);
            }

            case SequenceNode { IsFlow: true, Count: 0 } empty:
            {
                // "exclusions: []" → "exclusions:" (a comment after it kept), then the item on the next line.
                var start = empty.Span.Start;
                while (start > 0 && text[start - 1] == ' ')
                    start--;
                var without = text[..start] + text[empty.Span.End..];
                var at = AfterLine(SourceText.From(source.Path, without), start);
                return Insert(without, at, skeleton, DefaultIndent, newline);
            }

            case ScalarNode { IsNull: true }:
            {
                var at = AfterLine(source, exclusions.Key.Span.End);
                return Insert(text, at, skeleton, DefaultIndent, newline);
            }

            case SequenceNode { IsFlow: true }:
                throw new CommandException($"'exclusions' in {source.Path} is a flow list [...]; write it as a block list (one '- target:' item per entry) first");
            default:
                throw new CommandException($"'exclusions' in {source.Path} is not a list; fix it first (policylint reports {InvalidLedgerEntryAnalyzer.Rule.Id})");
        }
    }

    /// <summary>Whether the last value written in <paramref name="node"/> is a block scalar with the keep indicator
    /// (<c>|+</c>, <c>&gt;+</c>, <c>|2+</c>…), whose blank lines at the end belong to its value (YAML 1.2.2, 8.1.1.2
    /// "Block Chomping Indicator").</summary>
    private static bool EndsWithKeptBlockScalar(SyntaxNode node, string text)
    {
        while (true)
        {
            switch (node)
            {
                case SequenceNode { Count: > 0 } sequence:
                    node = sequence.Items[^1];
                    continue;
                case MappingNode { Entries.Count: > 0 } mapping:
                    node = mapping.Entries[^1].Value;
                    continue;
                case ScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded } scalar:
                    var header = scalar.Span.Start;
                    while (header < text.Length && text[header] is not ('|' or '>') && text[header] != '\n')
                        header++;
                    for (var i = header + 1; i < text.Length && text[i] is '+' or '-' or (>= '1' and <= '9'); i++)
                    {
                        if (text[i] == '+')
                            return true;
                    }

                    return false;
                default:
                    return false;
            }
        }
    }

    /// <summary>From the start of a line, the start of the first line that is not blank (spaces, tabs, a line break);
    /// the end of the text when every line left is blank.</summary>
    private static int AfterBlankLines(string text, int lineStart)
    {
        var at = lineStart;
        while (at < text.Length)
        {
            var i = at;
            while (i < text.Length && text[i] is ' ' or '\t' or '\r')
                i++;
            if (i < text.Length && text[i] != '\n')
                return at;
            at = Math.Min(i + 1, text.Length);
        }

        return text.Length;
    }

    /// <summary>The offset just past the line break of the line holding <paramref name="offset"/> (the end of the text
    /// when that line is the last).</summary>
    private static int AfterLine(SourceText source, int offset)
    {
        var line = source.GetPosition(Math.Min(offset, source.Text.Length)).Line;
        return line < source.LineCount ? source.GetLineStart(line + 1) : source.Text.Length;
    }

    private static (string Text, int Line) Insert(string text, int at, LedgerSkeleton skeleton, int indent, string newline)
    {
        var prefix = EnsureLineBreak(text[..at], newline);
        return Assemble(prefix, text[at..], skeleton, indent, newline, LineCount(prefix) + 1);
    }

    private static (string Text, int Line) Assemble(string prefix, string suffix, LedgerSkeleton skeleton, int indent, string newline, int line)
    {
        var sb = new StringBuilder(prefix);
        foreach (var itemLine in skeleton.Lines(indent))
            sb.Append(itemLine).Append(newline);
        sb.Append(suffix);
        return (sb.ToString(), line);
    }

    private static string EnsureLineBreak(string text, string newline) =>
        text.Length == 0 || text.EndsWith('\n') || text.EndsWith('\r') ? text : text + newline;

    private static int LineCount(string text) => SourceText.From("x", text).LineCount;
}
