using System.Collections.Immutable;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;
using static PolicyLint.Core.Syntax.JsonErrorScanner;

namespace PolicyLint.Core.Configuration;

/// <summary>
/// Reads <c>.policylint.yaml</c> (or <c>--config</c>), <c>.globalconfig</c> and <c>.editorconfig</c> at the root and
/// merges them (docs/conventions.md#c20). Never throws on bad input: every defect is a <see cref="ConfigurationProblem"/> (PL0004) at the
/// offending key, and no defect is replaced by a silent default.
/// </summary>
public static class ConfigurationLoader
{
    private static readonly string[] TopLevelKeys = ["ledger", "include", "exclude", "stack_name", "config_env", "parameters", "rules", "category", "limits", "deployed"];

    /// <summary>Loads and validates the configuration.</summary>
    public static EffectiveConfiguration Load(ConfigurationRequest request)
    {
        var problems = new List<ConfigurationProblem>();
        var files = new List<string>();
        var severities = new List<SeveritySettings>();
        var config = new EffectiveConfiguration();

        var yamlPath = request.ExplicitPath ?? ConfigurationRequest.DefaultFileName;
        if (Read(request, yamlPath, problems) is { } yamlSource)
        {
            files.Add(yamlPath);
            var settings = new SeveritySettings(ConfigurationSourceKind.PolicyLintYaml);
            config = ReadYaml(yamlSource, request, config, settings, problems);
            severities.Add(settings);
        }

        foreach (var (name, kind) in new[] { (".globalconfig", ConfigurationSourceKind.GlobalConfig), (".editorconfig", ConfigurationSourceKind.EditorConfig) })
        {
            if (Read(request, name, problems) is not { } source)
                continue;
            files.Add(name);
            var settings = new SeveritySettings(kind);
            EditorConfigReader.Read(source, kind == ConfigurationSourceKind.EditorConfig, request.Catalog, settings, problems);
            severities.Add(settings);
        }

        return config with
        {
            Severities = [.. severities],
            Files = [.. files],
            Problems = [.. problems],
        };
    }

    /// <summary>Configuration files are small: one larger than this is refused rather than read.</summary>
    private const long MaxConfigurationBytes = 16 * 1024 * 1024;

    private static SourceText? Read(ConfigurationRequest request, string relativePath, List<ConfigurationProblem> problems)
    {
        var empty = SourceText.From(relativePath, string.Empty);
        try
        {
            var read = FileSourceReading.Read(request.Files, relativePath, MaxConfigurationBytes);
            if (read.IsOverLimit)
            {
                problems.Add(new ConfigurationProblem(Location.FileLevel(empty), FormattableString.Invariant($"The configuration file is larger than {MaxConfigurationBytes:N0} bytes")));
                return null;
            }

            var source = SourceText.Decode(relativePath, read.Bytes, out var invalid);
            if (invalid >= 0)
            {
                problems.Add(new ConfigurationProblem(new Location(source, new TextSpan(invalid, Math.Min(invalid + 1, source.Text.Length))), "The configuration file is not valid UTF-8"));
                return null;
            }

            return source;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
        {
            problems.Add(new ConfigurationProblem(Location.FileLevel(empty), $"Cannot read the configuration file: {ex.Message}"));
            return null;
        }
    }

    private static EffectiveConfiguration ReadYaml(SourceText source, ConfigurationRequest request, EffectiveConfiguration config, SeveritySettings severities, List<ConfigurationProblem> problems)
    {
        var tree = YamlSyntaxParser.Parse(source);
        tree.CheckWholeFileAliasExpansion(); // the whole file is read (docs/conventions.md#c16)
        foreach (var problem in tree.Problems)
            problems.Add(new ConfigurationProblem(problem.Location, problem.Message));
        if (tree.Problems.Count > 0)
            return config;
        var documents = tree.Documents.Where(d => d is not null).ToList();
        if (documents.Count == 0)
            return config;
        if (documents[0] is not MappingNode root || root.IsShortFormIntrinsic)
        {
            problems.Add(new ConfigurationProblem(documents[0]!.StartLocation, "The configuration must be a YAML mapping of settings"));
            return config;
        }

        if (documents.Count > 1)
        {
            problems.Add(new ConfigurationProblem(documents[1]!.StartLocation, "The configuration must be one YAML document"));
            return config;
        }

        var optionsByKey = request.Options.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var descriptors = request.Catalog.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var parameters = config.Parameters.ToBuilder();
        var ruleOptions = config.RuleOptions.ToBuilder();

        foreach (var entry in root.Entries)
        {
            var key = entry.KeyText;
            switch (key)
            {
                case "ledger":
                    if (Scalar(entry, problems) is { } ledger)
                    {
                        if (NormalizeRelative(ledger) is not { } relative)
                            problems.Add(new ConfigurationProblem(entry.Value.Location, $"'ledger' must be a path inside the root, not {Masked(ledger)}"));
                        else if (request.Files.Kind(relative) != FileEntryKind.File)
                            problems.Add(new ConfigurationProblem(entry.Value.Location, $"The ledger {Masked(relative)} does not exist"));
                        else
                            config = config with { LedgerPath = relative };
                    }

                    break;
                case "include":
                    config = config with { Include = [.. config.Include, .. Globs(entry, problems)] };
                    break;
                case "exclude":
                    config = config with { Exclude = [.. config.Exclude, .. Globs(entry, problems)] };
                    break;
                case "stack_name":
                    if (Scalar(entry, problems) is { } stackName)
                    {
                        if (stackName.Length == 0)
                            problems.Add(new ConfigurationProblem(entry.Value.Location, "'stack_name' must not be empty"));
                        else
                            config = config with { StackName = stackName };
                    }

                    break;
                case "limits":
                    if (Mapping(entry, problems) is { } limits)
                        config = config with { Limits = ReadLimits(limits, problems) };
                    break;
                case "config_env":
                    if (Scalar(entry, problems) is { } environment)
                    {
                        if (environment.Length == 0)
                            problems.Add(new ConfigurationProblem(entry.Value.Location, "'config_env' must not be empty"));
                        else
                            config = config with { ConfigEnv = environment };
                    }

                    break;
                case "parameters":
                    if (Mapping(entry, problems) is { } parameterMap)
                    {
                        foreach (var parameter in parameterMap.Entries)
                        {
                            if (parameter.KeyText is not { Length: > 0 } name)
                                problems.Add(new ConfigurationProblem(parameter.Key.Location, "A parameter name must be a non-empty string"));
                            else if (Scalar(parameter, problems) is { } value)
                                parameters[name] = value;
                        }
                    }

                    break;
                case "rules":
                    if (Mapping(entry, problems) is { } rules)
                        ReadRules(rules, descriptors, optionsByKey, severities, ruleOptions, problems);
                    break;
                case "category":
                    if (Mapping(entry, problems) is { } categories)
                        ReadCategories(categories, severities, problems);
                    break;
                case "deployed":
                    config = config with { Deployed = [.. config.Deployed, .. DeployedPaths(request, entry, problems)] };
                    break;
                case "today":
                    problems.Add(new ConfigurationProblem(entry.Key.Location, "'today' cannot be configured: dates are compared with --today or the current UTC date"));
                    break;
                default:
                    problems.Add(new ConfigurationProblem(entry.Key.Location, $"Unknown configuration key '{key}' (expected one of: {string.Join(", ", TopLevelKeys)})"));
                    break;
            }
        }

        return config with { Parameters = parameters.ToImmutable(), RuleOptions = ruleOptions.ToImmutable() };
    }

    /// <summary>The limits a configuration may set, with their accepted ranges (docs/conventions.md#c16).</summary>
    private static readonly (string Key, long Minimum, long Maximum)[] LimitKeys =
    [
        ("max_file_bytes", 1, 1L << 30),
        ("max_depth", 1, 10_000),
        ("max_alias_expansion", 0, 100_000_000),
        ("max_files", 1, 10_000_000),
    ];

    private static ParseLimits ReadLimits(MappingNode limits, List<ConfigurationProblem> problems)
    {
        var result = ParseLimits.Default;
        foreach (var entry in limits.Entries)
        {
            var range = LimitKeys.FirstOrDefault(k => k.Key == entry.KeyText);
            if (range.Key is null)
            {
                problems.Add(new ConfigurationProblem(entry.Key.Location,
                    $"Unknown limit '{entry.KeyText}' (expected one of: {string.Join(", ", LimitKeys.Select(k => k.Key))})"));
                continue;
            }

            if (Scalar(entry, problems) is not { } text)
                continue;
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || value < range.Minimum || value > range.Maximum)
            {
                problems.Add(new ConfigurationProblem(entry.Value.Location, FormattableString.Invariant(
                    $"limits.{range.Key} {Masked(text)}: expected a whole number from {range.Minimum:N0} to {range.Maximum:N0}")));
                continue;
            }

            result = range.Key switch
            {
                "max_file_bytes" => result with { MaxFileBytes = value },
                "max_depth" => result with { MaxDepth = (int)value },
                "max_alias_expansion" => result with { MaxAliasExpansion = value },
                _ => result with { MaxFiles = (int)value },
            };
        }

        return result;
    }

    private static void ReadRules(MappingNode rules, Dictionary<string, DiagnosticDescriptor> descriptors, Dictionary<string, RuleOption> options,
        SeveritySettings severities, ImmutableDictionary<string, string>.Builder ruleOptions, List<ConfigurationProblem> problems)
    {
        foreach (var rule in rules.Entries)
        {
            var id = rule.KeyText ?? string.Empty;
            if (!descriptors.TryGetValue(id, out var descriptor))
            {
                problems.Add(new ConfigurationProblem(rule.Key.Location, $"Unknown rule ID '{id}'"));
                continue;
            }

            if (Mapping(rule, problems) is not { } settings)
                continue;
            foreach (var setting in settings.Entries)
            {
                var name = setting.KeyText ?? string.Empty;
                if (name == "severity")
                {
                    if (!descriptor.IsConfigurable)
                        problems.Add(new ConfigurationProblem(setting.Key.Location, $"The severity of {id} cannot be changed"));
                    else if (Severity(setting, problems) is { } severity)
                        severities.ById[id] = severity;
                    continue;
                }

                var optionKey = $"{id}.{name}";
                if (!options.TryGetValue(optionKey, out var option))
                {
                    var known = options.Keys.Where(k => k.StartsWith(id + ".", StringComparison.Ordinal)).Select(k => k[(id.Length + 1)..]).ToList();
                    problems.Add(new ConfigurationProblem(setting.Key.Location,
                        $"Unknown setting '{name}' for {id} (expected: {string.Join(", ", ["severity", .. known])})"));
                    continue;
                }

                if (Scalar(setting, problems) is not { } text)
                    continue;
                if (option.Validate(text) is { } error)
                    problems.Add(new ConfigurationProblem(setting.Value.Location, $"{optionKey} {Masked(text)}: {error}"));
                else
                    ruleOptions[optionKey] = text;
            }
        }
    }

    private static void ReadCategories(MappingNode categories, SeveritySettings severities, List<ConfigurationProblem> problems)
    {
        foreach (var entry in categories.Entries)
        {
            if (!Enum.TryParse<RuleCategory>(entry.KeyText, ignoreCase: false, out var category) || !Enum.IsDefined(category) || int.TryParse(entry.KeyText, out _))
            {
                problems.Add(new ConfigurationProblem(entry.Key.Location,
                    $"Unknown category '{entry.KeyText}' (expected one of: {string.Join(", ", Enum.GetNames<RuleCategory>())})"));
                continue;
            }

            if (Mapping(entry, problems) is not { } settings)
                continue;
            foreach (var setting in settings.Entries)
            {
                if (setting.KeyText != "severity")
                {
                    problems.Add(new ConfigurationProblem(setting.Key.Location, $"Unknown setting '{setting.KeyText}' for category {category} (expected: severity)"));
                    continue;
                }

                if (Severity(setting, problems) is { } severity)
                    severities.ByCategory[category] = severity;
            }
        }
    }

    private static ConfiguredSeverity? Severity(MappingEntry entry, List<ConfigurationProblem> problems)
    {
        if (Scalar(entry, problems) is not { } text)
            return null;
        if (ConfiguredSeverity.TryParse(text, roslyn: false, out var severity))
            return severity;
        problems.Add(new ConfigurationProblem(entry.Value.Location, $"Severity {Masked(text)} is not one of none, note, warning, error, default"));
        return null;
    }

    private static string? Scalar(MappingEntry entry, List<ConfigurationProblem> problems)
    {
        if (entry.Value is ScalarNode { IsNull: false } scalar && (scalar.Tag is null || ShortFormTags.IsStandardYamlTag(scalar.Tag)))
            return scalar.Value;
        problems.Add(new ConfigurationProblem(entry.Key.Location, $"'{entry.KeyText}' must be a single value"));
        return null;
    }

    private static MappingNode? Mapping(MappingEntry entry, List<ConfigurationProblem> problems)
    {
        if (entry.Value is MappingNode mapping && !mapping.IsShortFormIntrinsic)
            return mapping;
        if (entry.Value is ScalarNode { IsNull: true })
            return null;
        problems.Add(new ConfigurationProblem(entry.Key.Location, $"'{entry.KeyText}' must be a mapping"));
        return null;
    }

    /// <summary>The <c>deployed</c> key: a path or a list of paths of AWS CLI exports (files or folders) inside the root,
    /// which must exist in the working tree (exports are made at run time, never read from git).</summary>
    private static IEnumerable<string> DeployedPaths(ConfigurationRequest request, MappingEntry entry, List<ConfigurationProblem> problems)
    {
        var items = entry.Value switch
        {
            SequenceNode list => list.Items.Select(i => i.Resolve()).ToList(),
            ScalarNode { IsNull: false } single => [single],
            _ => null,
        };
        if (items is null)
        {
            problems.Add(new ConfigurationProblem(entry.Key.Location, "'deployed' must be a path or a list of paths of AWS CLI exports"));
            yield break;
        }

        foreach (var item in items)
        {
            if (item is not ScalarNode { IsNull: false } path || (path.Tag is not null && !ShortFormTags.IsStandardYamlTag(path.Tag)))
                problems.Add(new ConfigurationProblem(item.Location, "Each item of 'deployed' must be a path"));
            else if (NormalizeRelative(path.Value) is not { } relative)
                problems.Add(new ConfigurationProblem(item.Location, $"'deployed' must name paths inside the root, not '{path.Value}'"));
            else if (!File.Exists(Path.Combine(request.Root, relative)) && !Directory.Exists(Path.Combine(request.Root, relative)))
                problems.Add(new ConfigurationProblem(item.Location, $"The export '{relative}' does not exist"));
            else
                yield return relative;
        }
    }

    private static IEnumerable<string> Globs(MappingEntry entry, List<ConfigurationProblem> problems)
    {
        var items = entry.Value switch
        {
            SequenceNode list => list.Items.Select(i => i.Resolve()).ToList(),
            ScalarNode { IsNull: false } single => [single],
            _ => null,
        };
        if (items is null)
        {
            problems.Add(new ConfigurationProblem(entry.Key.Location, $"'{entry.KeyText}' must be a glob or a list of globs"));
            yield break;
        }

        foreach (var item in items)
        {
            if (item is not ScalarNode { IsNull: false } glob || (glob.Tag is not null && !ShortFormTags.IsStandardYamlTag(glob.Tag)))
                problems.Add(new ConfigurationProblem(item.Location, $"Each item of '{entry.KeyText}' must be a glob"));
            else if (NormalizeRelative(glob.Value) is { } relative)
                yield return relative;
            else
                problems.Add(new ConfigurationProblem(item.Location, $"{Masked(glob.Value)} is not a glob relative to the root"));
        }
    }

    /// <summary>A root-relative path or glob with '/', or null when it is absolute or leaves the root.</summary>
    public static string? NormalizeRelative(string path)
    {
        path = path.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path[2..];
        if (path.Length == 0 || path.StartsWith('/') || Path.IsPathRooted(path) || path.Split('/').Contains(".."))
            return null;
        return path;
    }
}
