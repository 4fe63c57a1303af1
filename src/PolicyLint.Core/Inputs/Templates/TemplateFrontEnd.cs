using System.Text;
using System.Text.RegularExpressions;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Templates;

/// <summary>
/// The template front end: decodes, parses and binds one file as an AWS SAM or CloudFormation template (docs/conventions.md#c3, docs/conventions.md#c4,
/// docs/conventions.md#c16). A file that neither is nor looks like a template is no template file (an empty result); one that looks like a
/// template but cannot be read is PL0001. Discovery of the files under the root stays with
/// <see cref="Loading.ProjectLoader"/>, which reads samconfig files first because they decide how templates resolve.
/// </summary>
public sealed partial class TemplateFrontEnd : IInputFrontEnd
{
    /// <inheritdoc />
    public InputKind Kind => InputKind.Template;

    /// <inheritdoc />
    public string Description => "AWS SAM/CloudFormation template";

    /// <inheritdoc />
    IInputModel IInputFrontEnd.Read(InputSource source, LoadRequest request) => Read(source, request);

    /// <summary>Reads one decoded file: a <see cref="FileResult"/> with its templates and PL0001 results. Never throws on
    /// bad input.</summary>
#pragma warning disable CA1822 // the front end's operation, called through the registered instance
    public FileResult Read(InputSource source, LoadRequest request)
    {
        if (!CanBeTemplate(source.Text.Text))
            return new FileResult(source.Path, false, [], [], null);
        var tree = Parse(source.Text, request.Limits);
        return Classify(request, tree) with { WasParsed = true };
    }
#pragma warning restore CA1822

    /// <summary>Decodes, parses and binds one file's bytes as <see cref="Loading.ProjectLoader.Load"/> does for each file it reads (docs/conventions.md#c3, docs/conventions.md#c4,
    /// docs/conventions.md#c16). Never throws on bad input.</summary>
    /// <param name="request">The limits and resolution settings to use (its root and reader are not used).</param>
    /// <param name="path">The root-relative path with <c>/</c>; its extension picks the front end.</param>
    /// <param name="bytes">The file's content.</param>
#pragma warning disable CA1822 // as Read
    public FileResult LoadBytes(LoadRequest request, string path, ReadOnlySpan<byte> bytes)
    {
        // Most files under a root are no template (vendored JSON, docs): a UTF-8 file is sniffed as bytes, before it is
        // decoded, which gives the answer the decoded text would (issue 15).
        if (SourceText.DetectEncoding(bytes, out _).CodePage == Encoding.UTF8.CodePage && !CanBeTemplateUtf8(bytes))
            return new FileResult(path, false, [], [], null);
        var source = SourceText.Decode(path, bytes, out var invalidOffset);
        if (invalidOffset >= 0)
        {
            if (!LooksLikeTemplate(source.Text))
                return new FileResult(path, false, [], [], null);
            var location = new Location(source, new TextSpan(invalidOffset, Math.Min(invalidOffset + 1, source.Text.Length)));
            return new FileResult(path, true, [], [Pl0001(location, "The file is not valid UTF-8 (templates are UTF-8 text); the first invalid byte is here")], null);
        }

        return Read(new InputSource(path, InputKind.Template, source), request);
    }
#pragma warning restore CA1822

    /// <summary>Whether text that failed to parse looks like a template (docs/conventions.md#c4): a line starting with
    /// <c>AWSTemplateFormatVersion</c>, <c>Transform</c> or <c>Resources</c> then optional spaces and <c>:</c>, or
    /// (JSON) the text <c>"AWSTemplateFormatVersion"</c> or <c>"Resources"</c>.</summary>
    public static bool LooksLikeTemplate(string text) =>
        TemplateLinePattern().IsMatch(text) ||
        text.Contains("\"AWSTemplateFormatVersion\"", StringComparison.Ordinal) ||
        text.Contains("\"Resources\"", StringComparison.Ordinal);

    /// <summary>Parses <paramref name="source"/> with the front end its name and first character call for:
    /// <c>.json</c> files (and <c>.template</c> files starting with <c>{</c>) as JSON, the rest as YAML; a YAML file
    /// that fails but is a JSON object is read as JSON (tab-indented JSON is not YAML).</summary>
    public static SyntaxTree Parse(SourceText source, ParseLimits limits)
    {
        var firstChar = source.Text.AsSpan().TrimStart().IsEmpty ? '\0' : source.Text.AsSpan().TrimStart()[0];
        var isJsonName = source.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var isTemplateName = source.Path.EndsWith(".template", StringComparison.OrdinalIgnoreCase);
        if (isJsonName || (isTemplateName && firstChar == '{'))
            return JsonSyntaxParser.Parse(source, limits);
        var yaml = YamlSyntaxParser.Parse(source, limits);
        if (yaml.FatalError is { Kind: SyntaxProblemKind.SyntaxError } && firstChar == '{')
        {
            var json = JsonSyntaxParser.Parse(source, limits);
            if (json.FatalError is null)
                return json;
        }

        return yaml;
    }

    /// <summary>
    /// Whether decoded text can hold a template or a file that looks like one (docs/conventions.md#c3, docs/conventions.md#c4), decided without parsing: a
    /// template needs a <c>Resources</c> key, and a broken file that looks like a template has
    /// <c>AWSTemplateFormatVersion</c>, <c>Transform</c> or <c>Resources</c> in its text. A key can also be spelled with
    /// escapes that the text does not show: JSON's <c>\u0052</c>, YAML double-quoted scalars' <c>\x52</c>,
    /// <c>\u0052</c>, <c>\U00000052</c> and an escaped line break (<c>"Resou\</c> newline <c>rces"</c>); the other
    /// escapes of either language stand for no letter, and an escape that stands for a character none of those words
    /// holds (<c>\u003c</c>, <c>\u00e9</c>) cannot spell one. YAML aliases, anchors, tags and merge keys never make a key's
    /// text appear that is not written somewhere in the file, and a plain or single-quoted scalar folds a line break into
    /// a space. So text with none of those words and none of those escapes is not a template, and is skipped before a
    /// syntax tree is built.
    /// </summary>
    public static bool CanBeTemplate(string text) =>
        text.Contains("Resources", StringComparison.Ordinal) ||
        text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) ||
        text.Contains("Transform", StringComparison.Ordinal) ||
        HasLetterEscape(text);

    /// <summary>
    /// <see cref="CanBeTemplate(string)"/> on the UTF-8 bytes of a file, decoded or not: every character it looks for is
    /// ASCII, a UTF-8 byte below 0x80 is always that ASCII character (the bytes of a multi-byte sequence are all 0x80 or
    /// above), and decoding, strict or lenient (an invalid sequence becomes U+FFFD), keeps every ASCII byte. So the
    /// words and escapes are in the bytes exactly when they are in the text, and a file that cannot be a template here
    /// neither can be one nor looks like one (<see cref="LooksLikeTemplate"/> needs the words too) once decoded.
    /// </summary>
    private static bool CanBeTemplateUtf8(ReadOnlySpan<byte> utf8) =>
        utf8.IndexOf("Resources"u8) >= 0 ||
        utf8.IndexOf("AWSTemplateFormatVersion"u8) >= 0 ||
        utf8.IndexOf("Transform"u8) >= 0 ||
        HasLetterEscapeUtf8(utf8);

    /// <summary><see cref="HasLetterEscape"/> on UTF-8 bytes. A character after a backslash is skipped as the
    /// text version skips it: when it is a multi-byte one, the search goes on from one of its bytes, and none of them is
    /// a backslash.</summary>
    private static bool HasLetterEscapeUtf8(ReadOnlySpan<byte> utf8)
    {
        for (var i = utf8.IndexOf((byte)'\\'); i >= 0 && i + 1 < utf8.Length; i = NextBackslash(utf8, i + 2))
        {
            var digits = EscapeDigits(utf8[i + 1]);
            if (digits < 0)
                return true;
            if (digits > 0 && (i + 2 + digits > utf8.Length
                || MaySpellKey(int.TryParse(utf8.Slice(i + 2, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code), code)))
                return true;
        }

        return false;
    }

    private static int NextBackslash(ReadOnlySpan<byte> utf8, int from)
    {
        if (from >= utf8.Length)
            return -1;
        var next = utf8[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    /// <summary>The letters of <c>Resources</c>, <c>AWSTemplateFormatVersion</c> and <c>Transform</c>: an escape that
    /// stands for another character cannot help spell one of them.</summary>
    private const string KeyLetters = "ResourcesAWSTemplateFormatVersionTransform";

    /// <summary>The hex digits of the escape whose letter (the character after the backslash) is
    /// <paramref name="letter"/>: 2 for <c>\x</c>, 4 for <c>\u</c>, 8 for <c>\U</c>; -1 for an escaped line break
    /// (which may join two halves of a key); 0 for an escape that stands for no letter. Shared by the text and the
    /// UTF-8 scan, whose letters are ASCII alike.</summary>
    private static int EscapeDigits(int letter) => letter switch
    {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        '\r' or '\n' => -1,
        _ => 0,
    };

    /// <summary>Whether a hex escape may spell a letter of a key: its digits do not parse (a malformed escape is left
    /// to the parser), or it stands for one of <see cref="KeyLetters"/>.</summary>
    private static bool MaySpellKey(bool parsed, int code) =>
        !parsed || code < 0x80 && KeyLetters.Contains((char)code, StringComparison.Ordinal);

    private static bool HasLetterEscape(string text)
    {
        for (var i = text.IndexOf('\\'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('\\', i + 2))
        {
            var digits = EscapeDigits(text[i + 1]);
            if (digits < 0)
                return true;
            if (digits > 0 && (i + 2 + digits > text.Length
                || MaySpellKey(int.TryParse(text.AsSpan(i + 2, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code), code)))
                return true;
        }

        return false;
    }

    private static FileResult Classify(LoadRequest request, SyntaxTree tree)
    {
        var path = tree.Source.Path;
        if (tree.FatalError is not null)
        {
            return LooksLikeTemplate(tree.Source.Text)
                ? new FileResult(path, true, [], [.. tree.Problems.Select(p => Pl0001(p.Location, p.Message))], null)
                : new FileResult(path, false, [], [], null);
        }

        var templates = new List<TemplateModel>();
        var diagnostics = new List<Diagnostic>();
        var aliasBudget = new AliasBudget(tree.Limits); // one per file, whatever its documents (docs/conventions.md#c16)
        for (var i = 0; i < tree.Documents.Count; i++)
        {
            if (TemplateModel.Bind(tree, i, request.Resolution, aliasBudget) is not { } template)
                continue;
            if (template.LimitExceeded is { } limit)
                return new FileResult(path, true, [], [Pl0001(limit.Location, limit.Message)], null);
            templates.Add(template);
        }

        if (templates.Count == 0)
            return new FileResult(path, false, [], [], null);

        HashSet<Location>? resourceKeys = null; // built once: a file with many repeated keys is not quadratic
        foreach (var problem in tree.Problems)
        {
            if (problem.Kind == SyntaxProblemKind.DuplicateKey)
                resourceKeys ??= [.. templates.SelectMany(ResourceKeyLocations)];
            var message = problem.Kind == SyntaxProblemKind.DuplicateKey && resourceKeys!.Contains(problem.Location)
                ? problem.Message.Replace("Duplicate key", "Duplicate logical ID", StringComparison.Ordinal)
                : problem.Message;
            diagnostics.Add(Pl0001(problem.Location, message));
        }

        foreach (var template in templates)
            diagnostics.AddRange(template.Problems.Select(p => Pl0001(p.Location, p.Message)));
        return new FileResult(path, true, templates, diagnostics, null);
    }

    /// <summary>Where the keys written under the template's <c>Resources</c> (its logical IDs) are.</summary>
    private static IEnumerable<Location> ResourceKeyLocations(TemplateModel template) =>
        template.ResourcesEntry.RawValue.Resolve() is MappingNode resources ? resources.Entries.Select(e => e.Key.Location) : [];

    private static Diagnostic Pl0001(Location location, string message) =>
        new(EngineDiagnostics.InvalidInput, DiagnosticTarget.At(location), EngineDiagnostics.InvalidInput.FormatMessage(message));

    [GeneratedRegex(@"^(AWSTemplateFormatVersion|Transform|Resources) *:", RegexOptions.Multiline)]
    private static partial Regex TemplateLinePattern();
}
