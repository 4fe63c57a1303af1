using System.Collections.Immutable;
using System.Text;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using TomlSyntaxNode = Tomlyn.Syntax.SyntaxNode;

namespace PolicyLint.Core.Workspace;

/// <summary>A stack-level tag from samconfig <c>tags</c>: CloudFormation propagates it to every taggable resource of the
/// stack, so an exclusion tag written there applies to every function (DOMAIN.md; unverified).</summary>
/// <param name="Key">The tag key as a scalar located at the samconfig's <c>tags</c> value.</param>
/// <param name="Value">The tag value, likewise located.</param>
/// <param name="Location">The samconfig <c>tags</c> entry (the related location of results about the tag, C21).</param>
public sealed record StackTag(ScalarNode Key, ScalarNode Value, Location Location);

/// <summary>A parameter value from samconfig <c>parameter_overrides</c>.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The value.</param>
/// <param name="Location">The <c>parameter_overrides</c> entry.</param>
public sealed record SamParameterOverride(string Name, string Value, Location Location);

/// <summary>
/// The deployment settings one SAM CLI configuration file (<c>samconfig.toml</c>, <c>samconfig.yaml</c> or
/// <c>samconfig.yml</c>) gives for one environment: <c>stack_name</c>, <c>region</c>, <c>parameter_overrides</c>,
/// <c>tags</c> and <c>template_file</c>, read from <c>[env.global.parameters]</c> then <c>[env.deploy.parameters]</c>
/// (deploy wins). It applies to the templates of its own folder, or only to <c>template_file</c> when set (C21).
/// </summary>
/// <remarks>Source: AWS SAM Developer Guide, "AWS SAM CLI configuration file" (file names, sections, keys, and the
/// <c>Key=Value</c> / <c>ParameterKey=…,ParameterValue=…</c> forms of parameter_overrides).</remarks>
public sealed class SamConfig
{
    /// <summary>File names SAM CLI looks for, in order of preference.</summary>
    public static readonly ImmutableArray<string> FileNames = ["samconfig.toml", "samconfig.yaml", "samconfig.yml"];

    /// <summary>The default environment.</summary>
    public const string DefaultEnvironment = "default";

    private SamConfig(SourceText source, string environment)
    {
        Source = source;
        Environment = environment;
    }

    /// <summary>The file.</summary>
    public SourceText Source { get; }

    /// <summary>Root-relative folder of the file (<c>""</c> at the root).</summary>
    public string Folder => Source.Path.Contains('/', StringComparison.Ordinal) ? Source.Path[..Source.Path.LastIndexOf('/')] : string.Empty;

    /// <summary>The environment read.</summary>
    public string Environment { get; }

    /// <summary>Whether the file has a section for <see cref="Environment"/>.</summary>
    public bool HasEnvironment { get; private set; }

    /// <summary><c>stack_name</c>, or null.</summary>
    public string? StackName { get; private set; }

    /// <summary><c>region</c>, or null.</summary>
    public string? Region { get; private set; }

    /// <summary>Root-relative path named by <c>template_file</c> (relative to the file's folder), or null.</summary>
    public string? TemplateFile { get; private set; }

    /// <summary><c>parameter_overrides</c> in written order.</summary>
    public IReadOnlyList<SamParameterOverride> ParameterOverrides { get; private set; } = [];

    /// <summary><c>tags</c> in written order.</summary>
    public IReadOnlyList<StackTag> Tags { get; private set; } = [];

    /// <summary>Problems: a syntax error (the file is then not used) or a malformed value.</summary>
    public IReadOnlyList<SyntaxProblem> Problems { get; private set; } = [];

    /// <summary>Whether the file applies to the template at root-relative <paramref name="templatePath"/> (C21).</summary>
    public bool AppliesTo(string templatePath)
    {
        if (TemplateFile is not null)
            return string.Equals(templatePath, TemplateFile, StringComparison.Ordinal);
        var folder = templatePath.Contains('/', StringComparison.Ordinal) ? templatePath[..templatePath.LastIndexOf('/')] : string.Empty;
        return string.Equals(folder, Folder, StringComparison.Ordinal);
    }

    /// <summary>Reads a samconfig file for <paramref name="environment"/>. Never throws on bad input.</summary>
    public static SamConfig Read(SourceText source, string environment)
    {
        var config = new SamConfig(source, environment);
        var problems = new List<SyntaxProblem>();
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        if (source.Path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
            ReadToml(config, values, problems);
        else
            ReadYaml(config, values, problems);
        if (problems.Any(p => p.IsFatal))
        {
            config.Problems = problems;
            return config;
        }

        config.Apply(values, problems);
        config.Problems = problems;
        return config;
    }

    /// <summary>A setting's value: text, or a list of texts, with where it is written.</summary>
    private sealed record Value(string? Text, IReadOnlyList<string>? Items, Location Location);

    private void Apply(Dictionary<string, Value> values, List<SyntaxProblem> problems)
    {
        StackName = Text(values, "stack_name", problems);
        Region = Text(values, "region", problems);
        if (Text(values, "template_file", problems) is { } template)
        {
            var joined = Folder.Length == 0 ? template : $"{Folder}/{template}";
            TemplateFile = Configuration.ConfigurationLoader.NormalizeRelative(joined.Replace("/./", "/", StringComparison.Ordinal));
        }

        if (values.TryGetValue("parameter_overrides", out var overrides))
        {
            ParameterOverrides = [.. Pairs(overrides, problems, "parameter_overrides", parameterForm: true)
                .Select(p => new SamParameterOverride(p.Key, p.Value, overrides.Location))];
        }

        if (values.TryGetValue("tags", out var tags))
        {
            var tree = SyntaxTree.ForSynthesizedValues(Source);
            Tags = [.. Pairs(tags, problems, "tags", parameterForm: false)
                .Select(p => new StackTag(tree.Scalar(tags.Location.Span, p.Key), tree.Scalar(tags.Location.Span, p.Value), tags.Location))];
        }
    }

    private static string? Text(Dictionary<string, Value> values, string key, List<SyntaxProblem> problems)
    {
        if (!values.TryGetValue(key, out var value))
            return null;
        if (value.Text is { Length: > 0 } text)
            return text;
        problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, value.Location, $"samconfig '{key}' must be a non-empty string"));
        return null;
    }

    /// <summary>Splits <c>Key=Value Key2="Value 2"</c> (a string) or <c>["Key=Value", …]</c> (a list) into pairs; for
    /// parameters also <c>ParameterKey=K,ParameterValue=V</c>.</summary>
    private static List<KeyValuePair<string, string>> Pairs(Value value, List<SyntaxProblem> problems, string key, bool parameterForm)
    {
        var tokens = value.Items ?? Tokenize(value.Text ?? string.Empty);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var token in tokens)
        {
            if (parameterForm && token.StartsWith("ParameterKey=", StringComparison.Ordinal))
            {
                var comma = token.IndexOf(",ParameterValue=", StringComparison.Ordinal);
                if (comma > 0)
                {
                    pairs.Add(new(Unquote(token["ParameterKey=".Length..comma]), Unquote(token[(comma + ",ParameterValue=".Length)..])));
                    continue;
                }
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add(new SyntaxProblem(SyntaxProblemKind.InvalidValue, value.Location, $"samconfig '{key}' item '{token}' is not Key=Value"));
                continue;
            }

            pairs.Add(new(Unquote(token[..equals]), Unquote(token[(equals + 1)..])));
        }

        return pairs;
    }

    /// <summary>Splits on white space outside double or single quotes; quotes stay on the token (removed per part).</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            if (c is '"' or '\'')
                quote = quote == c ? null : quote ?? c;
            current.Append(c);
        }

        if (current.Length > 0)
            tokens.Add(current.ToString());
        return tokens;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] is '"' or '\'') && text[^1] == text[0] ? text[1..^1] : text;

    private static readonly string[] Commands = ["global", "deploy"];

    private static void ReadToml(SamConfig config, Dictionary<string, Value> values, List<SyntaxProblem> problems)
    {
        var document = SyntaxParser.Parse(config.Source.Text, config.Source.Path);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind != Tomlyn.Syntax.DiagnosticMessageKind.Error)
                continue;
            var offset = Math.Clamp(diagnostic.Span.Start.Offset, 0, config.Source.Text.Length);
            problems.Add(new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(config.Source, new TextSpan(offset, Math.Min(offset + 1, config.Source.Text.Length))),
                $"Invalid TOML: {YamlSyntaxParser.Sentence(diagnostic.Message)}"));
            return;
        }

        foreach (var command in Commands)
        {
            var name = $"{config.Environment}.{command}.parameters";
            foreach (var table in document.Tables.OfType<TableSyntax>())
            {
                if (!string.Equals(table.Name?.ToString().Trim(), name, StringComparison.Ordinal))
                    continue;
                config.HasEnvironment = true;
                foreach (var item in table.Items)
                {
                    if (item.Key?.ToString().Trim() is not { } key)
                        continue;
                    var location = TomlLocation(config.Source, item);
                    values[key] = item.Value switch
                    {
                        StringValueSyntax s => new Value(s.Value, null, location),
                        ArraySyntax a => new Value(null, [.. a.Items.Select(i => (i.Value as StringValueSyntax)?.Value ?? i.Value?.ToString()?.Trim() ?? string.Empty)], location),
                        BooleanValueSyntax b => new Value(b.Value ? "true" : "false", null, location),
                        IntegerValueSyntax n => new Value(n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), null, location),
                        _ => new Value(null, null, location),
                    };
                }
            }

            if (document.Tables.OfType<TableSyntax>().Any(t => (t.Name?.ToString().Trim() ?? string.Empty).StartsWith(config.Environment + ".", StringComparison.Ordinal)))
                config.HasEnvironment = true;
        }
    }

    private static Location TomlLocation(SourceText source, TomlSyntaxNode node)
    {
        var start = Math.Clamp(node.Span.Start.Offset, 0, source.Text.Length);
        var end = Math.Clamp(node.Span.End.Offset + 1, start, source.Text.Length);
        return new Location(source, new TextSpan(start, end));
    }

    private static void ReadYaml(SamConfig config, Dictionary<string, Value> values, List<SyntaxProblem> problems)
    {
        var tree = YamlSyntaxParser.Parse(config.Source);
        problems.AddRange(tree.Problems);
        if (tree.Problems.Count > 0)
            return;
        if (tree.Documents.Count == 0 || tree.Documents[0] is not MappingNode root || root.GetValue(config.Environment) is not MappingNode environment)
            return;
        config.HasEnvironment = true;
        foreach (var command in Commands)
        {
            if (environment.GetValue(command)?.AsMapping()?.GetValue("parameters") is not MappingNode parameters)
                continue;
            foreach (var entry in parameters.EffectiveEntries())
            {
                if (entry.KeyText is not { } key)
                    continue;
                values[key] = entry.Value switch
                {
                    ScalarNode { IsNull: false } s => new Value(s.Value, null, entry.KeyLocation),
                    SequenceNode list => new Value(null, [.. list.Items.Select(i => i.AsScalar()?.Value ?? string.Empty)], entry.KeyLocation),
                    _ => new Value(null, null, entry.KeyLocation),
                };
            }
        }
    }
}
