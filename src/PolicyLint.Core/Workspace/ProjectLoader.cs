using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Workspace;

/// <summary>What to load.</summary>
public sealed record LoadRequest
{
    /// <summary>Absolute root directory; the whole root is always analyzed (C3).</summary>
    public required string Root { get; init; }

    /// <summary>Root-relative ledger path; <see cref="DefaultLedgerPath"/> when not configured.</summary>
    public string LedgerPath { get; init; } = DefaultLedgerPath;

    /// <summary>Whether the ledger path was given explicitly (then a missing file is a usage error, C18).</summary>
    public bool LedgerIsExplicit { get; init; }

    /// <summary>Root-relative paths that are not templates even if they look like one (the configuration file).</summary>
    public IReadOnlySet<string> ExcludedPaths { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Extra exclusion on root-relative paths (configuration <c>exclude</c> globs), or null.</summary>
    public Func<string, bool>? IsExcluded { get; init; }

    /// <summary>Extra inclusion of root-relative paths beyond the default file kinds (configuration <c>include</c>), or null.</summary>
    public Func<string, bool>? IsIncluded { get; init; }

    /// <summary>How template values resolve; command-line and configuration values, which win over samconfig's.</summary>
    public ResolutionSettings Resolution { get; init; } = ResolutionSettings.Default;

    /// <summary>The samconfig environment to read (<c>--config-env</c>, <c>config_env</c>; default <c>default</c>, C21).</summary>
    public string ConfigEnvironment { get; init; } = SamConfig.DefaultEnvironment;

    /// <summary>Parse limits (C16).</summary>
    public ParseLimits Limits { get; init; } = ParseLimits.Default;

    /// <summary>The file reader.</summary>
    public IFileReader FileReader { get; init; } = PhysicalFileReader.Instance;

    /// <summary>How many files are read and parsed at once: -1 (the default) for every core, 1 for one at a time.
    /// The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The default ledger path (C1).</summary>
    public const string DefaultLedgerPath = "security/inspector-exclusions.yaml";
}

/// <summary>The loaded project and what loading reported.</summary>
/// <param name="Project">The project model.</param>
/// <param name="Diagnostics">PL0001 for files that look like templates but cannot be read, for samconfig files and for
/// the ledger.</param>
/// <param name="Notifications">Problems with the run (unreadable directories and files).</param>
/// <param name="FileCount">Files that contributed: template files (broken ones included), the samconfig files read (C21)
/// and the ledger if present.</param>
public sealed record LoadResult(ProjectModel Project, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ToolNotification> Notifications, int FileCount);

/// <summary>What loading one file gave.</summary>
/// <param name="Path">The root-relative path.</param>
/// <param name="IsTemplateFile">Whether the file counts as a template file (a broken one that looks like a template included).</param>
/// <param name="Templates">Its templates (one per template document), empty when it has PL0001.</param>
/// <param name="Diagnostics">PL0001 results of the file.</param>
/// <param name="Notification">A problem with reading the file, or null.</param>
public sealed record FileResult(string Path, bool IsTemplateFile, IReadOnlyList<TemplateModel> Templates, IReadOnlyList<Diagnostic> Diagnostics, ToolNotification? Notification);

/// <summary>
/// Discovers, reads, parses and binds every file of a root (C3, C4, C18), in parallel, with deterministic output.
/// Bad input never throws: it becomes PL0001 or a notification, and the other files are still loaded.
/// </summary>
public static partial class ProjectLoader
{
    /// <summary>Loads the project under <see cref="LoadRequest.Root"/>.</summary>
    public static LoadResult Load(LoadRequest request, CancellationToken cancellationToken = default)
    {
        var notifications = new List<ToolNotification>();
        var files = FileDiscovery.Discover(request.Root, request.IsExcluded, notifications, request.IsIncluded)
            .Where(p => !string.Equals(p, request.LedgerPath, StringComparison.Ordinal) && !request.ExcludedPaths.Contains(p))
            .ToList();

        // samconfig files are read first: they decide how the templates of their folder resolve (C21).
        var diagnostics = new List<Diagnostic>();
        // A samconfig file is never a template, whether it is read or not.
        var samConfigs = LoadSamConfigs(request, files, diagnostics, notifications, out var samConfigCount);
        files.RemoveAll(IsSamConfig);
        var candidates = files.ToHashSet(StringComparer.Ordinal);

        var tooMany = TooManyFiles(request, files);
        var results = new FileResult[files.Count];
        Parallelism.For(files.Count, request.MaxDegreeOfParallelism, i =>
            results[i] = LoadFile(request with { Resolution = SettingsFor(request.Resolution, samConfigs, files[i], candidates) }, files[i]), cancellationToken);

        var templates = new List<TemplateModel>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        var fileCount = 0;
        foreach (var result in results)
        {
            if (result.Notification is not null)
                notifications.Add(result.Notification);
            if (result.IsTemplateFile)
                fileCount++;
            if (result.Diagnostics.Count > 0)
            {
                diagnostics.AddRange(result.Diagnostics);
                broken.Add(result.Path);
            }
            else
                templates.AddRange(result.Templates);
        }

        if (tooMany is not null)
        {
            diagnostics.Add(tooMany);
            broken.Add(tooMany.Location.Path);
        }

        var ledger = LoadLedger(request, diagnostics, notifications);
        if (ledger.Exists)
            fileCount++;
        fileCount += samConfigCount;
        return new LoadResult(new ProjectModel(request.Root, templates, ledger, broken), diagnostics, notifications, fileCount);
    }

    /// <summary>Whether text that failed to parse looks like a template (C4): a line starting with
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

    private static FileResult LoadFile(LoadRequest request, string path)
    {
        var fullPath = Path.Combine(request.Root, path);
        byte[] bytes;
        try
        {
            if (request.FileReader.GetLength(fullPath) > request.Limits.MaxFileBytes)
                return TooLarge(request, path, fullPath);
            bytes = request.FileReader.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new FileResult(path, false, [], [], new ToolNotification("warning", $"Cannot read file: {ex.Message}", path));
        }

        return LoadBytes(request, path, bytes);
    }

    /// <summary>Decodes, parses and binds one file's bytes as <see cref="Load"/> does for each file it reads (C3, C4,
    /// C16). Never throws on bad input.</summary>
    /// <param name="request">The limits and resolution settings to use (its root and reader are not used).</param>
    /// <param name="path">The root-relative path with <c>/</c>; its extension picks the front end.</param>
    /// <param name="bytes">The file's content.</param>
    public static FileResult LoadBytes(LoadRequest request, string path, ReadOnlySpan<byte> bytes)
    {
        var source = SourceText.Decode(path, bytes, out var invalidOffset);
        if (invalidOffset >= 0)
        {
            if (!LooksLikeTemplate(source.Text))
                return new FileResult(path, false, [], [], null);
            var location = new Location(source, new TextSpan(invalidOffset, Math.Min(invalidOffset + 1, source.Text.Length)));
            return new FileResult(path, true, [], [Pl0001(location, "The file is not valid UTF-8 (templates are UTF-8 text); the first invalid byte is here")], null);
        }

        var tree = Parse(source, request.Limits);
        return Classify(request, tree);
    }

    /// <summary>Keeps the first <see cref="ParseLimits.MaxFiles"/> files (path order) and returns PL0001 at the first file
    /// left out, or null when every file is read.</summary>
    private static Diagnostic? TooManyFiles(LoadRequest request, List<string> files)
    {
        var max = Math.Max(0, request.Limits.MaxFiles);
        if (files.Count <= max)
            return null;
        var first = files[max];
        var message = FormattableString.Invariant(
            $"The root holds {files.Count:N0} files to read, more than the limit of {max:N0}: this file and the {files.Count - max - 1:N0} after it in path order were not analyzed");
        files.RemoveRange(max, files.Count - max);
        return Pl0001(Location.FileLevel(SourceText.From(first, string.Empty)), message);
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static bool IsSamConfig(string path) => SamConfig.FileNames.Contains(FileName(path));

    /// <summary>Reads the samconfig file of each folder: samconfig.toml before .yaml before .yml, as SAM CLI prefers
    /// (the others are not read). A file with PL0001 that makes it unusable, or that lacks the environment, is left
    /// out; <paramref name="read"/> counts every file read.</summary>
    private static List<SamConfig> LoadSamConfigs(LoadRequest request, List<string> files, List<Diagnostic> diagnostics, List<ToolNotification> notifications, out int read)
    {
        read = 0;
        var configs = new List<SamConfig>();
        var chosen = files.Where(IsSamConfig)
            .GroupBy(p => p[..(p.Length - FileName(p).Length)], StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => SamConfig.FileNames.IndexOf(FileName(p))).First())
            .OrderBy(p => p, StringComparer.Ordinal);
        foreach (var path in chosen)
        {
            var fullPath = Path.Combine(request.Root, path);
            byte[] bytes;
            try
            {
                if (request.FileReader.GetLength(fullPath) > request.Limits.MaxFileBytes)
                {
                    read++;
                    diagnostics.Add(Pl0001(Location.FileLevel(SourceText.From(path, string.Empty)),
                        FormattableString.Invariant($"The samconfig file is larger than the limit of {request.Limits.MaxFileBytes:N0} bytes and was not read")));
                    continue;
                }

                bytes = request.FileReader.ReadAllBytes(fullPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                notifications.Add(new ToolNotification("warning", $"Cannot read file: {ex.Message}", path));
                continue;
            }

            read++;
            var source = SourceText.Decode(path, bytes, out var invalidOffset);
            if (invalidOffset >= 0)
            {
                diagnostics.Add(Pl0001(new Location(source, new TextSpan(invalidOffset, Math.Min(invalidOffset + 1, source.Text.Length))), "The samconfig file is not valid UTF-8; the first invalid byte is here"));
                continue;
            }

            var config = SamConfig.Read(source, request.ConfigEnvironment, request.Limits);
            diagnostics.AddRange(config.Problems.Select(p => Pl0001(p.Location, p.Message)));
            if (!config.IsUsable)
                continue;

            // A file that defines no environment at all configures nothing: no note for it.
            if (!config.HasEnvironment)
            {
                if (config.Environments.Count > 0)
                {
                    notifications.Add(new ToolNotification("note",
                        $"No '{request.ConfigEnvironment}' environment in this samconfig (it has {string.Join(", ", config.Environments.Select(e => $"'{e}'"))}); its stack name, parameter overrides and tags are not used", path));
                }

                continue;
            }

            configs.Add(config);
        }

        return configs;
    }

    /// <summary>The settings a template resolves with: the request's (command line, then configuration), over its
    /// samconfig's, over the template's defaults. A samconfig whose <c>template_file</c> names the template wins over
    /// the one of the template's folder.</summary>
    private static ResolutionSettings SettingsFor(ResolutionSettings settings, List<SamConfig> configs, string templatePath, HashSet<string> candidates)
    {
        var config = configs.FirstOrDefault(c => c.TemplateFile is not null && candidates.Contains(c.TemplateFile) && c.AppliesTo(templatePath, templateFileIsAnalyzed: true))
            ?? configs.FirstOrDefault(c => !(c.TemplateFile is not null && candidates.Contains(c.TemplateFile)) && c.AppliesTo(templatePath, templateFileIsAnalyzed: false));
        if (config is null)
            return settings;
        var parameters = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var parameter in config.ParameterOverrides)
            parameters[parameter.Name] = parameter.Value;
        foreach (var (name, value) in settings.ParameterOverrides)
            parameters[name] = value;
        return settings with
        {
            ParameterOverrides = parameters.ToImmutable(),
            StackName = settings.StackName ?? config.StackName,
            Region = settings.Region ?? config.Region,
            StackTags = config.Tags,
        };
    }

    private static FileResult TooLarge(LoadRequest request, string path, string fullPath)
    {
        byte[] head;
        try
        {
            head = request.FileReader.ReadPrefix(fullPath, 64 * 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new FileResult(path, false, [], [], new ToolNotification("warning", $"Cannot read file: {ex.Message}", path));
        }

        var source = SourceText.Decode(path, head, out _);
        if (!LooksLikeTemplate(source.Text))
            return new FileResult(path, false, [], [], new ToolNotification("note", FormattableString.Invariant($"Skipped: larger than the limit of {request.Limits.MaxFileBytes:N0} bytes"), path));
        return new FileResult(path, true, [], [Pl0001(Location.FileLevel(source), FormattableString.Invariant($"The file is larger than the limit of {request.Limits.MaxFileBytes:N0} bytes and was not read"))], null);
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
        try
        {
            for (var i = 0; i < tree.Documents.Count; i++)
            {
                if (TemplateModel.Bind(tree, i, request.Resolution) is { } template)
                    templates.Add(template);
            }
        }
        catch (ParseLimitExceededException ex)
        {
            return new FileResult(path, true, [], [Pl0001(ex.Location, ex.Message)], null);
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

    private static ExclusionLedger LoadLedger(LoadRequest request, List<Diagnostic> diagnostics, List<ToolNotification> notifications)
    {
        var fullPath = Path.Combine(request.Root, request.LedgerPath);
        if (!File.Exists(fullPath))
            return ExclusionLedger.Missing(request.LedgerPath);

        byte[] bytes;
        try
        {
            if (request.FileReader.GetLength(fullPath) > request.Limits.MaxFileBytes)
            {
                var empty = SourceText.From(request.LedgerPath, string.Empty);
                var problem = new SyntaxProblem(SyntaxProblemKind.LimitExceeded, Location.FileLevel(empty),
                    FormattableString.Invariant($"The ledger is larger than the limit of {request.Limits.MaxFileBytes:N0} bytes and was not read"));
                diagnostics.Add(Pl0001(problem.Location, problem.Message));
                return ExclusionLedger.Unreadable(empty, problem);
            }

            bytes = request.FileReader.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            notifications.Add(new ToolNotification("error", $"Cannot read the ledger: {ex.Message}", request.LedgerPath));
            var empty = SourceText.From(request.LedgerPath, string.Empty);
            return ExclusionLedger.Unreadable(empty, new SyntaxProblem(SyntaxProblemKind.SyntaxError, Location.FileLevel(empty), $"Cannot read the ledger: {ex.Message}"));
        }

        var source = SourceText.Decode(request.LedgerPath, bytes, out var invalidOffset);
        if (invalidOffset >= 0)
        {
            var problem = new SyntaxProblem(SyntaxProblemKind.InvalidEncoding, new Location(source, new TextSpan(invalidOffset, Math.Min(invalidOffset + 1, source.Text.Length))),
                "The ledger is not valid UTF-8; the first invalid byte is here");
            diagnostics.Add(Pl0001(problem.Location, problem.Message));
            return ExclusionLedger.Unreadable(source, problem);
        }

        var ledger = ExclusionLedger.Parse(source, request.Limits);
        foreach (var problem in ledger.Tree!.Problems)
            diagnostics.Add(Pl0001(problem.Location, problem.Message));
        return ledger;
    }

    private static Diagnostic Pl0001(Location location, string message) =>
        new(EngineDiagnostics.InvalidInput, DiagnosticTarget.At(location), EngineDiagnostics.InvalidInput.FormatMessage(message));

    [GeneratedRegex(@"^(AWSTemplateFormatVersion|Transform|Resources) *:", RegexOptions.Multiline)]
    private static partial Regex TemplateLinePattern();
}
