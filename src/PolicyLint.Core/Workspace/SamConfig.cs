using System.Collections.Immutable;
using System.Globalization;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using TomlSyntaxNode = Tomlyn.Syntax.SyntaxNode;

namespace PolicyLint.Core.Workspace;

/// <summary>
/// The deployment settings one SAM CLI configuration file (<c>samconfig.toml</c>, <c>samconfig.yaml</c> or
/// <c>samconfig.yml</c>) gives for one environment: <c>stack_name</c>, <c>region</c>, <c>parameter_overrides</c>,
/// <c>tags</c> and <c>template_file</c>, read from <c>[ENV.global.parameters]</c> and <c>[ENV.deploy.parameters]</c>,
/// the deploy value winning key by key as in SAM CLI. It applies to the templates of its own folder, or to
/// <c>template_file</c> when that names an analyzed template (docs/conventions.md#c21). The <c>version</c> key is not checked.
/// </summary>
/// <remarks>
/// <para><c>parameter_overrides</c> is a string of space-separated <c>Key=Value</c> or
/// <c>ParameterKey=Key,ParameterValue=Value</c> items, or a list of such strings; <c>tags</c> is a string of
/// space-separated <c>Key=Value</c> items (a string with a single <c>=</c> is one tag whose value may hold spaces), or a
/// list of such strings. A key or value may be wrapped in double or single quotes, which are removed, and <c>\ </c>,
/// <c>\"</c>, <c>\'</c> are unescaped, as SAM CLI does. Other value forms are reported and skipped.</para>
/// <para>Sources: AWS SAM Developer Guide, "AWS SAM CLI configuration file" (file names, sections, keys, environments);
/// aws/aws-sam-cli <c>samcli/lib/config/samconfig.py</c> (global then command section, file preference) and
/// <c>samcli/cli/types.py</c> (<c>CfnParameterOverridesType</c>, <c>CfnTags</c>).</para>
/// </remarks>
public sealed partial class SamConfig
{
    /// <summary>File names SAM CLI looks for, in order of preference.</summary>
    public static readonly ImmutableArray<string> FileNames = ["samconfig.toml", "samconfig.yaml", "samconfig.yml"];

    /// <summary>The default environment.</summary>
    public const string DefaultEnvironment = "default";

    /// <summary>The environment name that asks for every environment (<c>--config-env '*'</c>): each one the samconfig
    /// files under the root define is analyzed.</summary>
    public const string EveryEnvironment = "*";

    /// <summary>The command sections read, the later winning key by key.</summary>
    private static readonly string[] Commands = ["global", "deploy"];

    /// <summary>The other command sections whose <c>template_file</c> names a template that is deployed: <c>sam build</c>
    /// builds it for <c>sam deploy</c>, <c>sam sync</c> deploys it, <c>sam package</c> packages it.</summary>
    private static readonly string[] TemplateCommands = ["build", "sync", "package"];

    private SamConfig(SourceText source, string environment)
    {
        Source = source;
        Environment = environment;
    }

    /// <summary>The file.</summary>
    public SourceText Source { get; }

    /// <summary>Root-relative folder of the file (<c>""</c> at the root).</summary>
    public string Folder => FolderOf(Source.Path);

    /// <summary>The environment read.</summary>
    public string Environment { get; }

    /// <summary>The environments the file defines (its top-level tables or mappings), in written order.</summary>
    public IReadOnlyList<string> Environments { get; private set; } = [];

    /// <summary>Whether the file defines <see cref="Environment"/>.</summary>
    public bool HasEnvironment => Environments.Contains(Environment, StringComparer.Ordinal);

    /// <summary>False when the file cannot be used at all (a syntax error, a repeated key, a root that is not a
    /// mapping): <see cref="Problems"/> says why, and nothing else is read.</summary>
    public bool IsUsable { get; private set; } = true;

    /// <summary><c>stack_name</c>, or null.</summary>
    public string? StackName { get; private set; }

    /// <summary><c>region</c>, or null.</summary>
    public string? Region { get; private set; }

    /// <summary>Root-relative path named by <c>template_file</c> (written relative to the file's folder), or null.</summary>
    public string? TemplateFile { get; private set; }

    /// <summary>Root-relative paths that <c>template_file</c> names in the environment's <c>build</c>, <c>sync</c> and
    /// <c>package</c> sections (in that order, each once, <see cref="TemplateFile"/> left out): templates that other SAM
    /// commands deploy, which a run reads whatever their name (docs/conventions.md#c21). They do not change which
    /// templates the file applies to.</summary>
    public IReadOnlyList<string> OtherTemplateFiles { get; private set; } = [];

    /// <summary><c>parameter_overrides</c>, one per name (a later item wins), in written order.</summary>
    public IReadOnlyList<SamParameterOverride> ParameterOverrides { get; private set; } = [];

    /// <summary><c>tags</c>, one per key (a later item wins), in written order.</summary>
    public IReadOnlyList<StackTag> Tags { get; private set; } = [];

    /// <summary>Problems in file order: what makes the file unusable (see <see cref="IsUsable"/>), or values of the wrong
    /// form (<see cref="SyntaxProblemKind.InvalidValue"/>), which are skipped while the rest is used.</summary>
    public IReadOnlyList<SyntaxProblem> Problems { get; private set; } = [];

    /// <summary>Whether the file applies to the template at root-relative <paramref name="templatePath"/> (docs/conventions.md#c21): the
    /// template named by <see cref="TemplateFile"/> when <paramref name="templateFileIsAnalyzed"/>, else every template
    /// of <see cref="Folder"/> (a <c>template_file</c> naming a build output such as <c>.aws-sam/build/template.yaml</c>
    /// or a packaged template that is not in the repository leaves the folder rule in force).</summary>
    public bool AppliesTo(string templatePath, bool templateFileIsAnalyzed) =>
        TemplateFile is not null && templateFileIsAnalyzed
            ? string.Equals(templatePath, TemplateFile, StringComparison.Ordinal)
            : string.Equals(FolderOf(templatePath), Folder, StringComparison.Ordinal);

    /// <summary>Reads a samconfig file for <paramref name="environment"/>: TOML when the path ends with <c>.toml</c>,
    /// else YAML. Never throws on bad input.</summary>
    public static SamConfig Read(SourceText source, string environment, ParseLimits? limits = null)
    {
        var config = new SamConfig(source, environment);
        var problems = new List<SyntaxProblem>();
        var settings = new Dictionary<string, Setting>(StringComparer.Ordinal);
        var environments = new EnvironmentNames();
        var usable = source.Path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase)
            ? ReadToml(source, environment, settings, environments, problems, limits ?? ParseLimits.Default)
            : ReadYaml(source, environment, settings, environments, problems, limits ?? ParseLimits.Default);
        config.IsUsable = usable;
        if (usable)
        {
            config.Environments = environments.Names;
            config.ReadOperations = environments.Additions;
            config.Apply(settings, problems);
        }

        config.Problems = [.. problems.OrderBy(p => p.Location.Span.Start)];
        return config;
    }

    private static string FolderOf(string path) => path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : string.Empty;

    /// <summary>Maps a range of a text value to its source span when that can be done exactly.</summary>
    private delegate bool SpanMap(int start, int length, out TextSpan span);

    /// <summary>One string as written: its decoded text, where it is written, and how to locate a part of it.</summary>
    private sealed record Piece(string Text, Location Location, SpanMap? Map)
    {
        public Location Locate(int start, int length) =>
            Map is not null && Map(start, length, out var span) ? new Location(Location.Source, span) : Location;
    }

    /// <summary>A setting as written: a string (<see cref="Scalar"/>), a list of strings (<see cref="Items"/>), or
    /// another form (both null).</summary>
    private sealed record Setting(string Key, Location KeyLocation, Piece? Scalar, IReadOnlyList<Piece>? Items);

    private void Apply(Dictionary<string, Setting> settings, List<SyntaxProblem> problems)
    {
        StackName = Text(settings, "stack_name", problems);
        Region = Text(settings, "region", problems);
        if (Text(settings, "template_file", problems) is { } template)
            TemplateFile = Join(Folder, template);
        List<string>? others = null;
        foreach (var command in TemplateCommands)
        {
            if (Text(settings, $"{command}.template_file", problems) is { } named && Join(Folder, named) is { } path
                && path != TemplateFile && others?.Contains(path, StringComparer.Ordinal) != true)
                (others ??= []).Add(path);
        }

        OtherTemplateFiles = others ?? [];

        if (settings.TryGetValue("parameter_overrides", out var overrides))
        {
            ParameterOverrides = LastWins(Pairs(overrides, problems, parameterForm: true))
                .Select(pair => new SamParameterOverride(pair.Key, pair.Value, pair.Location)).ToList();
        }

        if (settings.TryGetValue("tags", out var tags))
        {
            var tree = SyntaxTree.ForSynthesizedValues(Source);
            Tags = LastWins(Pairs(tags, problems, parameterForm: false))
                .Select(pair => new StackTag(tree.Scalar(pair.KeyLocation.Span, pair.Key), tree.Scalar(pair.ValueLocation.Span, pair.Value), pair.Location)).ToList();
        }
    }

    /// <summary>The work of reading this file's environments and items, as a count for tests that bound it: one per
    /// environment name met (repeats included) and two per <c>parameter_overrides</c> or <c>tags</c> item (one pass to
    /// find each key's last item, one to keep it), whatever the number of repeated keys.</summary>
    internal long ReadOperations { get; private set; }

    /// <summary>One pair per key, the last one written, in the order of those last items (as SAM CLI reads a repeated
    /// key: the later item wins). Linear: a samconfig with 80,000 <c>parameter_overrides</c> items is two passes over
    /// them, not one scan of the kept items per item.</summary>
    private List<Pair> LastWins(List<Pair> pairs)
    {
        var last = new Dictionary<string, int>(pairs.Count, StringComparer.Ordinal);
        for (var i = 0; i < pairs.Count; i++)
            last[pairs[i].Key] = i;
        var kept = new List<Pair>(last.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (last[pairs[i].Key] == i)
                kept.Add(pairs[i]);
        }

        ReadOperations += 2L * pairs.Count;
        return kept;
    }

    /// <summary><paramref name="relative"/> (either separator, <c>.</c> and <c>..</c> allowed) from root-relative
    /// <paramref name="folder"/>, as a root-relative path; null when it is absolute or leaves the root.</summary>
    private static string? Join(string folder, string relative)
    {
        relative = relative.Replace('\\', '/');
        if (relative.StartsWith('/') || Path.IsPathRooted(relative))
            return null;
        var parts = folder.Length == 0 ? new List<string>() : [.. folder.Split('/')];
        foreach (var part in relative.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
                parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private static string? Text(Dictionary<string, Setting> settings, string key, List<SyntaxProblem> problems)
    {
        if (!settings.TryGetValue(key, out var setting))
            return null;
        if (setting.Scalar is { Text.Length: > 0 } scalar)
            return scalar.Text;
        problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, setting.KeyLocation, $"samconfig '{key}' must be a non-empty string; it is not used"));
        return null;
    }

    private sealed record Pair(string Key, string Value, Location Location, Location KeyLocation, Location ValueLocation);

    private const string ParameterKeyPrefix = "ParameterKey=";
    private const string ParameterValueInfix = ",ParameterValue=";

    /// <summary>The <c>Key=Value</c> items of a string or of each string of a list, as SAM CLI reads them.</summary>
    private static List<Pair> Pairs(Setting setting, List<SyntaxProblem> problems, bool parameterForm)
    {
        var pairs = new List<Pair>();
        var expected = parameterForm ? "Key=Value or ParameterKey=Key,ParameterValue=Value" : "Key=Value";
        IReadOnlyList<Piece>? pieces = setting.Items ?? (setting.Scalar is { } scalar ? [scalar] : null);
        if (pieces is null)
        {
            problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, setting.KeyLocation,
                $"samconfig '{setting.Key}' must be a string of {expected} items, or a list of such strings; it is not used"));
            return pairs;
        }

        foreach (var piece in pieces)
        {
            // CfnTags: a string with exactly one '=' is a single tag, spaces in its value included.
            var tokens = !parameterForm && piece.Text.Count(c => c == '=') == 1 && piece.Text.Trim().Length > 0
                ? Trimmed(piece.Text)
                : Tokens(piece.Text);
            for (var t = 0; t < tokens.Count; t += 2)
            {
                var (start, end) = (tokens[t], tokens[t + 1]);
                var token = piece.Text[start..end];
                var location = piece.Locate(start, end - start);
                int keyStart, keyEnd, valueStart;
                var parameterKeyForm = parameterForm && token.StartsWith(ParameterKeyPrefix, StringComparison.Ordinal);
                var comma = token.IndexOf(ParameterValueInfix, StringComparison.Ordinal);
                if (parameterKeyForm && comma >= ParameterKeyPrefix.Length)
                    (keyStart, keyEnd, valueStart) = (start + ParameterKeyPrefix.Length, start + comma, start + comma + ParameterValueInfix.Length);
                else if (!parameterKeyForm && UnquotedEquals(token) is var equals and >= 0)
                    (keyStart, keyEnd, valueStart) = (start, start + equals, start + equals + 1);
                else
                {
                    problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, location, $"samconfig '{setting.Key}' item is not {expected}; it is not used"));
                    continue;
                }

                var key = Unquote(piece.Text[keyStart..keyEnd]);
                if (key.Length == 0)
                {
                    problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, location, $"samconfig '{setting.Key}' item has an empty key; it is not used"));
                    continue;
                }

                pairs.Add(new Pair(key, Unquote(piece.Text[valueStart..end]), location,
                    piece.Locate(keyStart, keyEnd - keyStart), end > valueStart ? piece.Locate(valueStart, end - valueStart) : location));
            }
        }

        return pairs;
    }

    /// <summary>The bounds of <paramref name="text"/> without surrounding white space, as a start/end pair.</summary>
    private static List<int> Trimmed(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start]))
            start++;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        var pair = new List<int>(2);
        pair.Add(start);
        pair.Add(end);
        return pair;
    }

    /// <summary>Splits on white space outside double or single quotes; a backslash escapes the next character. The tokens
    /// as start/end pairs, flat: a <c>List&lt;int&gt;</c> is precompiled, where a list of tuples is JIT-compiled at
    /// start-up under ReadyToRun.</summary>
    private static List<int> Tokens(string text)
    {
        var tokens = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (i == text.Length)
                break;
            var start = i;
            char? quote = null;
            while (i < text.Length && (quote is not null || !char.IsWhiteSpace(text[i])))
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i += 2;
                    continue;
                }

                if (text[i] is '"' or '\'')
                    quote = quote is null ? text[i] : quote == text[i] ? null : quote;
                i++;
            }

            tokens.Add(start);
            tokens.Add(i);
        }

        return tokens;
    }

    /// <summary>The index of the first <c>=</c> outside quotes and not escaped, or -1.</summary>
    private static int UnquotedEquals(string token)
    {
        char? quote = null;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c == '\\')
                i++;
            else if (c is '"' or '\'')
                quote = quote is null ? c : quote == c ? null : quote;
            else if (c == '=' && quote is null)
                return i;
        }

        return -1;
    }

    /// <summary>SAM CLI's <c>_unquote_wrapped_quotes</c>: removes wrapping double or single quotes, then unescapes
    /// <c>\ </c>, <c>\"</c> and <c>\'</c>.</summary>
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            value = value[1..^1];
        return value.Replace("\\ ", " ", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal);
    }

    /// <summary>The deepest nesting of arrays and inline tables Tomlyn 2.10 parses: at 64 levels
    /// (<c>TomlSerializerOptions.MaxDepth</c>'s default) <c>SyntaxParser.Parse</c> throws a <c>TomlException</c> instead of
    /// reporting a diagnostic, so deeper text never reaches it.</summary>
    internal const int TomlMaxDepth = 63;

    private static bool ReadToml(SourceText source, string environment, Dictionary<string, Setting> settings, EnvironmentNames environments, List<SyntaxProblem> problems, ParseLimits limits)
    {
        var maxDepth = Math.Min(limits.MaxDepth, TomlMaxDepth);
        if (TomlNesting.FirstBeyond(source.Text, maxDepth) is { } deep)
        {
            problems.Add(new SyntaxProblem(SyntaxProblemKind.LimitExceeded, new Location(source, new TextSpan(deep, deep + 1)),
                FormattableString.Invariant($"Arrays and inline tables are nested deeper than {maxDepth} levels, the limit for samconfig.toml")));
            return false;
        }

        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(source.Text, source.Path);
        }
        catch (TomlException)
        {
            // Not expected after the nesting guard; if Tomlyn throws on some other input, the file is unreadable, not a crash.
            problems.Add(new SyntaxProblem(SyntaxProblemKind.SyntaxError, Location.FileLevel(source), "Invalid TOML: the TOML parser cannot read this file"));
            return false;
        }
        catch (ArgumentException)
        {
            // Tomlyn 2.10 throws instead of reporting a basic string that ends the file with a backslash.
            var atEnd = source.Text.AsSpan(0, source.EndOfContent).EndsWith("\\", StringComparison.Ordinal);
            problems.Add(new SyntaxProblem(SyntaxProblemKind.SyntaxError,
                atEnd ? new Location(source, TextSpan.Empty(source.EndOfContent)) : Location.FileLevel(source),
                atEnd ? "Invalid TOML: the file ends inside an escape sequence" : "Invalid TOML: the TOML parser cannot read this file"));
            return false;
        }

        DiagnosticMessage? error = null; // the first error in the file (a loop: MinBy<T, int> would be JIT-compiled)
        foreach (var d in document.Diagnostics)
        {
            if (d.Kind == DiagnosticMessageKind.Error && (error is null || d.Span.Start.Offset < error.Span.Start.Offset))
                error = d;
        }

        if (error is not null)
        {
            problems.Add(TomlError(source, error));
            return false;
        }

        var values = new List<(string[] Path, KeyValueSyntax Item)>();
        foreach (var item in document.KeyValues)
            Flatten([], item, values, environments);
        foreach (var table in document.Tables.OfType<TableSyntax>())
        {
            if (table.Name is not { } name)
                continue;
            var prefix = KeyParts(name);
            environments.Add(prefix[0]);
            foreach (var item in table.Items)
                Flatten(prefix, item, values, environments);
        }

        foreach (var command in Commands)
        {
            foreach (var (path, item) in values)
            {
                if (path.Length == 4 && path[0] == environment && path[1] == command && path[2] == "parameters" && item.Value is { } value)
                    settings[path[3]] = TomlSetting(source, path[3], item.Key!, value);
            }
        }

        foreach (var command in TemplateCommands)
        {
            foreach (var (path, item) in values)
            {
                if (path.Length == 4 && path[0] == environment && path[1] == command && path[2] == "parameters" && path[3] == "template_file" && item.Value is { } value)
                    settings[$"{command}.template_file"] = TomlSetting(source, $"{command}.template_file", item.Key!, value);
            }
        }

        return true;
    }

    /// <summary>Collects <paramref name="item"/> under its full key path, and the items of an inline table under theirs.</summary>
    private static void Flatten(string[] prefix, KeyValueSyntax item, List<(string[], KeyValueSyntax)> values, EnvironmentNames environments)
    {
        if (item.Key is null)
            return;
        string[] path = [.. prefix, .. KeyParts(item.Key)];
        if (path.Length >= 2 || item.Value is InlineTableSyntax)
            environments.Add(path[0]);
        values.Add((path, item));
        if (item.Value is InlineTableSyntax inline)
        {
            foreach (var child in inline.Items)
            {
                if (child.KeyValue is { } keyValue)
                    Flatten(path, keyValue, values, environments);
            }
        }
    }

    /// <summary>The environment names of a file, each once, in written order; a set beside the list, so that a
    /// samconfig with 60,000 environments costs one hash look-up per table, not a scan of the names seen so far.</summary>
    private sealed class EnvironmentNames
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        /// <summary>Names added, repeats included.</summary>
        public int Additions { get; private set; }

        public List<string> Names { get; } = [];

        public void Add(string name)
        {
            Additions++;
            if (_seen.Add(name))
                Names.Add(name);
        }
    }

    private static string[] KeyParts(KeySyntax key) =>
        [KeyPart(key.Key), .. key.DotKeys.Select(d => KeyPart(d.Key))];

    private static string KeyPart(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };

    private static Setting TomlSetting(SourceText source, string key, KeySyntax keySyntax, ValueSyntax value)
    {
        var keyLocation = TomlLocation(source, keySyntax);
        return value switch
        {
            ArraySyntax array => new Setting(key, keyLocation, null, array.Items.Select(i => i.Value is { } v ? TomlPiece(source, v) : null).OfType<Piece>().ToList() is var items && items.Count == array.Items.ChildrenCount ? items : null),
            _ => new Setting(key, keyLocation, TomlPiece(source, value), null),
        };
    }

    /// <summary>A string, or the source text of another scalar (a number or boolean, as SAM CLI passes it on as text);
    /// null for an array or a table.</summary>
    private static Piece? TomlPiece(SourceText source, ValueSyntax value)
    {
        var location = TomlLocation(source, value);
        switch (value)
        {
            case StringValueSyntax text:
            {
                var decoded = text.Value ?? string.Empty;
                var contentStart = location.Span.Start + (text.Token?.TokenKind is TokenKind.StringMulti or TokenKind.StringLiteralMulti ? 3 : 1);
                if (text.Token?.TokenKind is TokenKind.StringMulti or TokenKind.StringLiteralMulti)
                    contentStart += source.Text.AsSpan(contentStart).StartsWith("\r\n") ? 2 : source.Text.AsSpan(contentStart).StartsWith("\n") ? 1 : 0;

                // A string written without escape sequences maps character by character onto the file.
                var verbatim = contentStart + decoded.Length <= source.Text.Length && source.Text.AsSpan(contentStart, decoded.Length).SequenceEqual(decoded);
                return new Piece(decoded, location, verbatim ? (int start, int length, out TextSpan span) =>
                {
                    span = new TextSpan(contentStart + start, contentStart + start + length);
                    return length > 0;
                } : null);
            }

            case ArraySyntax or InlineTableSyntax:
                return null;
            default:
                return new Piece(location.Source.Text[location.Span.Start..location.Span.End], location, null);
        }
    }

    /// <summary>Tomlyn spans are 0-based UTF-16 offsets with an inclusive end; ours are half-open.</summary>
    private static Location TomlLocation(SourceText source, TomlSyntaxNode node)
    {
        var start = Math.Clamp(node.Span.Start.Offset, 0, source.Text.Length);
        var end = Math.Clamp(node.Span.End.Offset + 1, start, source.Text.Length);
        return new Location(source, new TextSpan(start, end));
    }

    /// <summary>A Tomlyn error located per docs/conventions.md#c2: at the first character the parser cannot accept (one character wide, a
    /// line break or surrogate pair counting as one), or empty just past the last character at end of file. Tomlyn's
    /// offsets count UTF-16 code units like ours (its columns count code points, so they are not used).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("`([^`]*)`")]
    private static partial System.Text.RegularExpressions.Regex BacktickedToken();

    private static SyntaxProblem TomlError(SourceText source, DiagnosticMessage error)
    {
        var text = source.Text;
        var offset = error.Span.Start.Offset;
        var message = error.Message ?? "syntax error";
        int width;
        // An error on the final line break is at the end of the content too (a region over it would end on a line the
        // file does not have), as SourceText.ErrorSpan places it.
        if (offset < 0 || offset >= source.EndOfContent || message.Contains("End-Of-File", StringComparison.OrdinalIgnoreCase) || message.Contains("<eof>", StringComparison.Ordinal))
        {
            offset = source.EndOfContent;
            width = 0;
        }
        else
        {
            width = text[offset] == '\r' && offset + 1 < text.Length && text[offset + 1] == '\n' ? 2
                : char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]) ? 2
                : 1;
        }

        var location = new Location(source, new TextSpan(offset, offset + width));
        if (DuplicateKey(message) is { } duplicate)
            return new SyntaxProblem(SyntaxProblemKind.DuplicateKey, location, duplicate);
        message = message.Replace("`␤`", "a line break", StringComparison.Ordinal).Replace("␤", "a line break", StringComparison.Ordinal);
        // Tomlyn quotes the token it could not accept (`hunter2…` after `password =`): mask what the file holds at the
        // error, as PL6001 masks a credential; token kinds (`newline`, `closebracket`) are not the file's text.
        var errorOffset = error.Span.Start.Offset;
        message = BacktickedToken().Replace(message, m =>
            m.Groups[1].Value is { Length: > 4 } token && errorOffset >= 0 && errorOffset + token.Length <= text.Length
                && string.CompareOrdinal(text, errorOffset, token, 0, token.Length) == 0
                ? JsonErrorScanner.Masked(token, '`')
                : m.Value);
        return new SyntaxProblem(SyntaxProblemKind.SyntaxError, location, $"Invalid TOML: {YamlSyntaxParser.Sentence(message)}");
    }

    /// <summary>Tomlyn's "The key `k` is already defined at (line,column) with `…` and cannot be redefined" (1-based
    /// position) in the words the YAML front end uses; null for another message.</summary>
    private static string? DuplicateKey(string message)
    {
        const string Prefix = "The key `";
        const string Middle = "` is already defined at (";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal) || message.IndexOf(Middle, StringComparison.Ordinal) is not (var middle and > 0))
            return null;
        var key = message[Prefix.Length..middle];
        var position = message[(middle + Middle.Length)..];
        var comma = position.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && int.TryParse(position[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? $"Duplicate key '{key}' (first defined at line {line})"
            : $"Duplicate key '{key}'";
    }

    private static bool ReadYaml(SourceText source, string environment, Dictionary<string, Setting> settings, EnvironmentNames environments, List<SyntaxProblem> problems, ParseLimits limits)
    {
        // SAM CLI's YAML reader rejects repeated keys, so every problem makes the file unusable.
        var tree = YamlSyntaxParser.Parse(source, limits);
        tree.CheckWholeFileAliasExpansion(); // the whole file is read (docs/conventions.md#c16)
        if (tree.Problems.Count > 0)
        {
            problems.AddRange(tree.Problems);
            return false;
        }

        var rootNode = tree.Documents.Count == 0 ? null : tree.Documents[0]?.Resolve();
        if (rootNode is null || rootNode is ScalarNode { IsNull: true })
            return true;
        if (rootNode is not MappingNode root)
        {
            problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, rootNode.Location, "The samconfig file must be a mapping of environment names to settings; it is not used"));
            return false;
        }

        foreach (var entry in root.EffectiveEntries())
        {
            if (entry.KeyText is { } name && entry.Value is MappingNode)
                environments.Add(name);
        }

        if (root.GetValue(environment)?.AsMapping() is not { } environmentNode)
            return true;
        foreach (var command in Commands)
        {
            if (environmentNode.GetValue(command)?.AsMapping()?.GetValue("parameters")?.AsMapping() is not { } parameters)
                continue;
            foreach (var entry in parameters.EffectiveEntries())
            {
                if (entry.KeyText is not { } key || entry.Value is ScalarNode { IsNull: true })
                    continue;
                settings[key] = entry.Value switch
                {
                    ScalarNode scalar => new Setting(key, entry.KeyLocation, YamlPiece(scalar), null),
                    SequenceNode list => new Setting(key, entry.KeyLocation, null,
                        list.Items.Select(i => i.AsScalar() is { IsNull: false } s ? YamlPiece(s) : null).OfType<Piece>().ToList() is var items && items.Count == list.Count ? items : null),
                    _ => new Setting(key, entry.KeyLocation, null, null),
                };
            }
        }

        foreach (var command in TemplateCommands)
        {
            if (environmentNode.GetValue(command)?.AsMapping()?.GetValue("parameters")?.AsMapping()?.Find("template_file") is { Value: ScalarNode { IsNull: false } named } entry)
                settings[$"{command}.template_file"] = new Setting($"{command}.template_file", entry.KeyLocation, YamlPiece(named), null);
        }

        return true;
    }

    private static Piece YamlPiece(ScalarNode scalar) => new(scalar.Value, scalar.Location, scalar.TryGetSourceSpan);
}
