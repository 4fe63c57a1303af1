using System.Collections.Immutable;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Inputs.Templates;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Loading;

/// <summary>
/// Discovers, reads, parses and binds every file of a root (docs/conventions.md#c3, docs/conventions.md#c4, docs/conventions.md#c18), in parallel, with deterministic output.
/// Bad input never throws: it becomes PL0001 or a notification, and the other files are still loaded.
/// </summary>
public static class ProjectLoader
{
    /// <summary>Loads the project under <see cref="LoadRequest.Root"/> for one samconfig environment.</summary>
    /// <exception cref="ArgumentException"><see cref="LoadRequest.ConfigEnvironment"/> is
    /// <see cref="SamConfig.EveryEnvironment"/>: use <see cref="LoadEveryEnvironment"/>.</exception>
    public static LoadResult Load(LoadRequest request, CancellationToken cancellationToken = default)
    {
        if (request.ConfigEnvironment == SamConfig.EveryEnvironment)
            throw new ArgumentException($"Load reads one samconfig environment; use {nameof(LoadEveryEnvironment)} for '{SamConfig.EveryEnvironment}'", nameof(request));
        return LoadEnvironments(request, every: false, cancellationToken)[0].Result;
    }

    /// <summary>
    /// Loads the project once per samconfig environment (<c>--config-env '*'</c>): every environment any samconfig file
    /// under the root defines, in the order the files (path order) write them. Environments that configure every
    /// template alike (the same stack name, region, parameter overrides, tags and problems in every samconfig file) are
    /// loaded once, as one <see cref="EnvironmentLoad"/>; a file is read once and each template bound once per distinct
    /// setting its own samconfig gives it, so a template no samconfig configures is bound once whatever the number of
    /// environments. With no samconfig environment at all, the one load has no environment names.
    /// </summary>
    /// <param name="request">What to load; its <see cref="LoadRequest.ConfigEnvironment"/> is not used.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>At least one load, in environment order.</returns>
    public static IReadOnlyList<EnvironmentLoad> LoadEveryEnvironment(LoadRequest request, CancellationToken cancellationToken = default) =>
        LoadEnvironments(request, every: true, cancellationToken);

    private static List<EnvironmentLoad> LoadEnvironments(LoadRequest request, bool every, CancellationToken cancellationToken)
    {
        var notifications = new List<ToolNotification>();
        var source = request.Files;
        request = request with { Source = source };
        var diagnostics = new List<Diagnostic>();
        var exports = LoadExports(request, diagnostics, out var exportPaths);
        var deployed = DeployedState.Create(exports);
        var discovered = FileDiscovery.Discover(source, request.IsExcluded, notifications, request.IsIncluded).ToList();
        var files = discovered
            .Where(p => !string.Equals(p, request.LedgerPath, StringComparison.Ordinal) && !request.ExcludedPaths.Contains(p) && !exportPaths.Contains(p))
            .ToList();

        // samconfig files are read first: they decide how the templates of their folder resolve (docs/conventions.md#c21).
        var samConfigSources = ReadSamConfigs(request, files, diagnostics, notifications, out var samConfigCount);
        // A samconfig file is never a template, whether it is read or not.
        files.RemoveAll(IsSamConfig);
        var candidates = files.ToHashSet(StringComparer.Ordinal);
        var named = new List<string>(); // templates only a samconfig's template_file names

        // The environments to load, grouped by what they configure: environments that configure everything alike are
        // one load.
        var groups = new List<EnvironmentGroup>();
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var environments = every ? EnvironmentsOf(samConfigSources, request.Limits) : [request.ConfigEnvironment];
        foreach (var environment in environments.Count == 0 ? [SamConfig.DefaultEnvironment] : environments)
        {
            var environmentDiagnostics = new List<Diagnostic>();
            var environmentNotifications = new List<ToolNotification>();
            var configs = SamConfigsFor(request, samConfigSources, environment, environmentDiagnostics, environmentNotifications);
            foreach (var config in configs)
            {
                // sam deploy deploys the template_file; one PolicyLint does not analyze is a stack whose exclusion tags
                // nobody checks. A build output (.aws-sam/build/template.yaml) stands for the folder's own templates.
                // A file samconfig names is a template whatever its name (stack.cfn, template) and wherever it is
                // (node_modules, .aws-sam outside build/): sam deploy reads it.
                if (config.TemplateFile is { } templateFile && AddNamedTemplate(request, templateFile, exportPaths, candidates, named) is { } notRead)
                {
                    environmentNotifications.Add(new ToolNotification("warning",
                        $"template_file '{JsonErrorScanner.Shown(templateFile)}' names a file this run does not analyze ({notRead}), so the exclusion tags of the stack sam deploy makes from it are not checked",
                        config.Source.Path));
                }

                // sam build, sam sync and sam package read their own sections' template_file (a fourth new-user trial
                // committed a tagged stack.txt named only under [default.sync.parameters]).
                foreach (var otherFile in config.OtherTemplateFiles)
                    AddNamedTemplate(request, otherFile, exportPaths, candidates, named);
            }

            var signature = string.Join('\n', configs.Select(Signature).Concat(environmentDiagnostics.Select(d => $"{d.Location}|{d.Message}")));
            if (signatures.TryGetValue(signature, out var index))
            {
                // The environment's notes (a samconfig without it) are kept: its names are not in the signature.
                groups[index].Names.Add(environment);
                groups[index].Notifications.AddRange(environmentNotifications);
            }
            else
            {
                signatures[signature] = groups.Count;
                groups.Add(new EnvironmentGroup([environment], configs, environmentDiagnostics, environmentNotifications));
            }
        }

        if (!every)
            AddOtherEnvironmentsTemplateFiles(request, samConfigSources, exportPaths, candidates, named);
        if (named.Count > 0)
        {
            files.AddRange(named);
            files.Sort(StringComparer.Ordinal);
        }

        var tooMany = TooManyFiles(request, files);
        var ledger = LoadLedger(request, diagnostics);
        // One result per file and distinct setting: the samconfig that applies to it, with what it says.
        var cache = new Dictionary<string, FileResult>[files.Count];
        for (var i = 0; i < files.Count; i++)
            cache[i] = new Dictionary<string, FileResult>(StringComparer.Ordinal);
        var loads = new List<EnvironmentLoad>();
        foreach (var group in groups)
        {
            var keys = new string[files.Count];
            var settings = new ResolutionSettings[files.Count];
            for (var i = 0; i < files.Count; i++)
            {
                var config = SamConfigFor(group.Configs, files[i], candidates);
                keys[i] = config is null ? string.Empty : Signature(config);
                settings[i] = SettingsFor(request.Resolution, config);
            }

            var results = new FileResult[files.Count];
            var missing = new List<int>();
            for (var i = 0; i < files.Count; i++)
            {
                if (!cache[i].ContainsKey(keys[i]))
                    missing.Add(i);
            }
            var loaded = LoadFiles(request, files, missing, settings, request.DeferGarbageCollection && loads.Count == 0, cancellationToken);
            for (var j = 0; j < missing.Count; j++)
                cache[missing[j]][keys[missing[j]]] = loaded[j];
            for (var i = 0; i < files.Count; i++)
                results[i] = cache[i][keys[i]];
            var children = LoadNestedChildren(request, results, files, group.Configs, candidates, exportPaths, cancellationToken);
            if (children.Count > 0)
                results = [.. results.Concat(children).OrderBy(r => r.Path, StringComparer.Ordinal)];

            var groupNotifications = new List<ToolNotification>(notifications);
            groupNotifications.AddRange(group.Notifications);
            var groupDiagnostics = new List<Diagnostic>(diagnostics);
            groupDiagnostics.AddRange(group.Diagnostics);
            var templates = new List<TemplateModel>();
            var broken = new HashSet<string>(StringComparer.Ordinal);
            var notRead = new HashSet<string>(StringComparer.Ordinal);
            var fileCount = 0;
            var parsed = 0;
            foreach (var result in results)
            {
                if (result.Notification is not null)
                    groupNotifications.Add(result.Notification);
                if (result.IsTemplateFile)
                    fileCount++;
                if (result.WasParsed)
                    parsed++;
                groupDiagnostics.AddRange(result.Diagnostics);
                templates.AddRange(result.Templates);
                if (result.IsTemplateFile && result.Templates.Count == 0 && result.Diagnostics.Count > 0)
                    broken.Add(result.Path); // a syntax error or a limit: nothing in the file is analyzed (docs/conventions.md#c4)
                if (!result.IsTemplateFile && result.Notification is null)
                    notRead.Add(result.Path); // read, and no template: ruled out by its bytes or text, so no input of the run
            }

            if (tooMany is not null)
            {
                groupDiagnostics.Add(tooMany);
                broken.Add(tooMany.Location.Path);
            }

            var templateFiles = fileCount + (tooMany is null ? 0 : 1);
            if (ledger.Exists)
                fileCount++;
            fileCount += samConfigCount + exports.Count;
            var load = new LoadResult(new ProjectModel(request.Root, templates, ledger, broken, deployed), groupDiagnostics, groupNotifications, fileCount)
            {
                TemplateFileCount = templateFiles,
                ParsedFileCount = parsed,
                InputPaths = [.. discovered.Where(p => !notRead.Contains(p)), .. named, .. children.Select(c => c.Path), request.LedgerPath, .. exports.Where(e => e.IsUnderRoot && !discovered.Contains(e.Path)).Select(e => e.Path)],
            };
            loads.Add(new EnvironmentLoad(every && environments.Count > 0 ? group.Names : [], load));
        }

        return loads;
    }

    /// <summary>The child templates that nested stacks of <paramref name="results"/> name by a local path (a
    /// <c>TemplateURL</c> or <c>Location</c>) and that discovery did not read (a name or folder it skips: <c>child.cfn</c>,
    /// <c>node_modules/</c>, <c>.aws-sam/</c>, <c>cdk.out/asset.*/</c>), read as templates whatever their name: <c>sam
    /// deploy</c> and <c>aws cloudformation package</c> upload them, and their functions' exclusion tags would otherwise
    /// pass unchecked (a fourth new-user trial). Their children too, at most <see cref="NestedStack.MaxDepth"/>
    /// levels. A child that is missing, excluded or the ledger stays unread: the nested stack says why.</summary>
    private static List<FileResult> LoadNestedChildren(LoadRequest request, FileResult[] results, List<string> files, List<SamConfig> configs,
        HashSet<string> candidates, HashSet<string> exportPaths, CancellationToken cancellationToken)
    {
        var loaded = new List<FileResult>();
        HashSet<string>? seen = null;
        IEnumerable<FileResult> frontier = results;
        for (var depth = 0; depth < NestedStack.MaxDepth; depth++)
        {
            var paths = new List<string>();
            foreach (var result in frontier)
            {
                foreach (var template in result.Templates)
                {
                    foreach (var stack in template.NestedStacks)
                    {
                        if (stack.ChildPath is not { } path)
                            continue;
                        seen ??= new HashSet<string>(files, StringComparer.Ordinal);
                        if (seen.Add(path) && WhyNotRead(request, path, exportPaths) is null)
                            paths.Add(path);
                    }
                }
            }

            if (paths.Count == 0)
                break;
            paths.Sort(StringComparer.Ordinal);
            var level = new FileResult[paths.Count];
            Parallelism.For(paths.Count, request.MaxDegreeOfParallelism, i =>
                level[i] = LoadFile(request with { Resolution = SettingsFor(request.Resolution, SamConfigFor(configs, paths[i], candidates)) }, paths[i]), cancellationToken);
            loaded.AddRange(level);
            frontier = level;
        }

        return loaded;
    }

    /// <summary>Adds to <paramref name="named"/> the files that only another environment's <c>template_file</c> names:
    /// <c>sam deploy --config-env prod</c> deploys them whichever environment this run reads, so they are templates of
    /// this run (bound without that environment's settings), and inputs that an output file must not replace. A file
    /// that cannot be read is reported by the run for that environment (<c>--config-env '*'</c>), not here.</summary>
    private static void AddOtherEnvironmentsTemplateFiles(LoadRequest request, List<SourceText> samConfigSources, HashSet<string> exportPaths,
        HashSet<string> candidates, List<string> named)
    {
        if (samConfigSources.Count == 0)
            return;
        foreach (var environment in EnvironmentsOf(samConfigSources, request.Limits))
        {
            if (string.Equals(environment, request.ConfigEnvironment, StringComparison.Ordinal))
                continue;
            foreach (var config in SamConfigsFor(request, samConfigSources, environment, [], []))
            {
                if (config.TemplateFile is { } templateFile)
                    AddNamedTemplate(request, templateFile, exportPaths, candidates, named);
                foreach (var otherFile in config.OtherTemplateFiles)
                    AddNamedTemplate(request, otherFile, exportPaths, candidates, named);
            }
        }
    }

    /// <summary>Loads <paramref name="files"/>[<paramref name="missing"/>[j]] into element j of the result, in parallel.
    /// With <paramref name="defer"/>, a sample of them first (<see cref="CollectionDeferral.Sample"/>): what it allocated
    /// sets the budget of the collection deferral the rest of the run has (<see cref="CollectionDeferral.Budget"/>).</summary>
    private static FileResult[] LoadFiles(LoadRequest request, List<string> files, List<int> missing, ResolutionSettings[] settings, bool defer, CancellationToken cancellationToken)
    {
        var loaded = new FileResult[missing.Count];
        if (!defer || missing.Count < CollectionDeferral.MinimumFiles)
        {
            Parallelism.For(missing.Count, request.MaxDegreeOfParallelism, j =>
                loaded[j] = LoadFile(request with { Resolution = settings[missing[j]] }, files[missing[j]]), cancellationToken);
            return loaded;
        }

        var sample = CollectionDeferral.Sample(missing.Count);
        var before = GC.GetTotalAllocatedBytes();
        Parallelism.For(sample.Length, request.MaxDegreeOfParallelism, k =>
            loaded[sample[k]] = LoadFile(request with { Resolution = settings[missing[sample[k]]] }, files[missing[sample[k]]]), cancellationToken);
        CollectionDeferral.Begin(CollectionDeferral.Budget(missing.Count, sample.Length, GC.GetTotalAllocatedBytes() - before));

        var rest = new List<int>(missing.Count - sample.Length);
        for (int j = 0, next = 0; j < missing.Count; j++)
        {
            if (next < sample.Length && sample[next] == j)
                next++;
            else
                rest.Add(j);
        }

        Parallelism.For(rest.Count, request.MaxDegreeOfParallelism, k =>
            loaded[rest[k]] = LoadFile(request with { Resolution = settings[missing[rest[k]]] }, files[missing[rest[k]]]), cancellationToken);
        return loaded;
    }

    /// <summary>Adds <paramref name="path"/>, named by a samconfig, to the run's templates when discovery did not find
    /// it and it is no build output under <c>.aws-sam/build/</c> (which stands for its folder's own templates), unless
    /// something rules it out (<see cref="WhyNotRead"/>): then returns why, as a clause; else null.</summary>
    private static string? AddNamedTemplate(LoadRequest request, string path, HashSet<string> exportPaths, HashSet<string> candidates, List<string> named)
    {
        if (candidates.Contains(path) || FileDiscovery.IsSamBuildOutput(path))
            return null;
        if (WhyNotRead(request, path, exportPaths) is { } notRead)
            return notRead;
        named.Add(path);
        candidates.Add(path);
        return null;
    }

    /// <summary>Every environment the usable samconfig files define, in path order and then written order.</summary>
    private static List<string> EnvironmentsOf(List<SourceText> sources, ParseLimits limits)
    {
        var environments = new List<string>();
        foreach (var source in sources)
        {
            var config = SamConfig.Read(source, SamConfig.DefaultEnvironment, limits);
            if (config.IsUsable)
                environments.AddRange(config.Environments.Where(e => !environments.Contains(e, StringComparer.Ordinal)));
        }

        return environments;
    }

    /// <summary>What a samconfig file gives a template in its environment: the file, and its stack name, region,
    /// template file, parameter overrides and tags with where they are written.</summary>
    private static string Signature(SamConfig config) =>
        string.Join('\u001f', new[] { config.Source.Path, config.StackName ?? "\u0000", config.Region ?? "\u0000", config.TemplateFile ?? "\u0000" }
            .Concat(config.ParameterOverrides.Select(p => $"{p.Name}={p.Value}"))
            .Append("\u001e")
            .Concat(config.Tags.Select(t => $"{t.Key.Value}={t.Value.Value}@{t.Location.Span.Start}:{t.Key.Location.Span.Start}:{t.Value.Location.Span.Start}")));

    /// <inheritdoc cref="TemplateFrontEnd.LooksLikeTemplate"/>
    public static bool LooksLikeTemplate(string text) => TemplateFrontEnd.LooksLikeTemplate(text);

    /// <inheritdoc cref="TemplateFrontEnd.Parse"/>
    public static SyntaxTree Parse(SourceText source, ParseLimits limits) => TemplateFrontEnd.Parse(source, limits);

    /// <inheritdoc cref="TemplateFrontEnd.LoadBytes"/>
    public static FileResult LoadBytes(LoadRequest request, string path, ReadOnlySpan<byte> bytes) => InputFrontEnds.Templates.LoadBytes(request, path, bytes);

    /// <inheritdoc cref="TemplateFrontEnd.CanBeTemplate"/>
    public static bool CanBeTemplate(string text) => TemplateFrontEnd.CanBeTemplate(text);

    private static FileResult LoadFile(LoadRequest request, string path)
    {
        BoundedRead read;
        try
        {
            read = FileSourceReading.Read(request.Files, path, request.Limits.MaxFileBytes);
        }
        catch (NotARegularFileException ex)
        {
            return new FileResult(path, false, [], [], new ToolNotification("warning", $"Skipped: {ex.Message}", path));
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
        {
            return Unreadable(path, ex);
        }

        return read.IsOverLimit ? TooLarge(request, path) : LoadBytes(request, path, read.Bytes);
    }

    /// <summary>Keeps the first <see cref="ParseLimits.MaxFiles"/> files (path order) and returns PL0001 at the first file
    /// left out, or null when every file is read.</summary>
    private static Diagnostic? TooManyFiles(LoadRequest request, List<string> files)
    {
        var max = Math.Max(0, request.Limits.MaxFiles);
        if (files.Count <= max)
            return null;
        var first = files[max];
        var message = files.Count - max == 1
            ? FormattableString.Invariant($"The root holds {files.Count:N0} files to read, more than the limit of {max:N0}: this file, the last in path order, was not analyzed")
            : FormattableString.Invariant($"The root holds {files.Count:N0} files to read, more than the limit of {max:N0}: this file and the {files.Count - max - 1:N0} after it in path order were not analyzed");
        files.RemoveRange(max, files.Count - max);
        return Pl0001(Location.FileLevel(SourceText.From(first, string.Empty)), message);
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Environments that configure everything alike (one load), with what reading their samconfig files
    /// found. A class, not a value tuple: a list of value tuples is JIT-compiled at every start (issue 15).</summary>
    private sealed record EnvironmentGroup(List<string> Names, List<SamConfig> Configs, List<Diagnostic> Diagnostics, List<ToolNotification> Notifications);

    private static bool IsSamConfig(string path) => SamConfig.FileNames.Contains(FileName(path));

    /// <summary>Reads the samconfig file of each folder: samconfig.toml before .yaml before .yml, as SAM CLI prefers
    /// (the others are not read). Returns the decoded files; a file that cannot be read, is over the size limit or is
    /// not UTF-8 is left out with PL0001 or a notification; <paramref name="read"/> counts every file read.</summary>
    private static List<SourceText> ReadSamConfigs(LoadRequest request, List<string> files, List<Diagnostic> diagnostics, List<ToolNotification> notifications, out int read)
    {
        read = 0;
        var sources = new List<SourceText>();
        // Per folder, the samconfig file SamConfig.FileNames lists first (of two with one name, the first found); the
        // folders' files in ordinal order. A loop, not GroupBy and OrderBy over an int key: set up at every start (issue 15).
        var byFolder = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            if (!IsSamConfig(path))
                continue;
            var folder = path[..(path.Length - FileName(path).Length)];
            if (!byFolder.TryGetValue(folder, out var current) || SamConfig.FileNames.IndexOf(FileName(path)) < SamConfig.FileNames.IndexOf(FileName(current)))
                byFolder[folder] = path;
        }

        var chosen = new List<string>(byFolder.Values);
        chosen.Sort(StringComparer.Ordinal);
        foreach (var path in chosen)
        {
            byte[] bytes;
            try
            {
                var content = FileSourceReading.Read(request.Files, path, request.Limits.MaxFileBytes);
                if (content.IsOverLimit)
                {
                    read++;
                    diagnostics.Add(Pl0001(Location.FileLevel(SourceText.From(path, string.Empty)),
                        FormattableString.Invariant($"The samconfig file is larger than the limit of {request.Limits.MaxFileBytes:N0} bytes and was not read")));
                    continue;
                }

                bytes = content.Bytes!;
            }
            catch (NotARegularFileException ex)
            {
                notifications.Add(new ToolNotification("warning", $"Skipped: {ex.Message}", path));
                continue;
            }
            catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
            {
                // Its environments may set stack tags, exclusion tags among them: unknown is not empty.
                if (ExistsButCannotBeRead(path, ex))
                    diagnostics.Add(Pl0001(Location.FileLevel(SourceText.From(path, string.Empty)), $"The samconfig file cannot be read ({WhyUnreadable(path, ex)}), so the stack names, parameters and tags it gives its templates are unknown"));
                else
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

            sources.Add(source);
        }

        return sources;
    }

    /// <summary>The samconfig files that configure <paramref name="environment"/>: a file with PL0001 that makes it
    /// unusable, or that lacks the environment, is left out.</summary>
    private static List<SamConfig> SamConfigsFor(LoadRequest request, List<SourceText> sources, string environment, List<Diagnostic> diagnostics, List<ToolNotification> notifications)
    {
        var configs = new List<SamConfig>();
        foreach (var source in sources)
        {
            var config = SamConfig.Read(source, environment, request.Limits);
            diagnostics.AddRange(config.Problems.Select(p => Pl0001(p.Location, p.Message)));
            if (!config.IsUsable)
                continue;

            // A file that defines no environment at all configures nothing: no note for it.
            if (!config.HasEnvironment)
            {
                if (config.Environments.Count > 0)
                {
                    notifications.Add(new ToolNotification("note",
                        $"No '{environment}' environment in this samconfig (it has {string.Join(", ", config.Environments.Select(e => $"'{e}'"))}); its stack name, parameter overrides and tags are not used", source.Path));
                }

                continue;
            }

            configs.Add(config);
        }

        return configs;
    }

    /// <summary>Why root-relative <paramref name="path"/>, named by a samconfig's <c>template_file</c> but not
    /// discovered (a name PolicyLint does not read, such as <c>stack.cfn</c>, or a folder discovery does not enter,
    /// such as <c>node_modules</c>), is not read as a template, as a clause; null when it is read: a file of the source
    /// that is not excluded by the configuration, not the ledger, not an export and not inside <c>.git</c>.</summary>
    private static string? WhyNotRead(LoadRequest request, string path, HashSet<string> exportPaths)
    {
        if (string.Equals(path, request.LedgerPath, StringComparison.Ordinal))
            return "it is the ledger";
        if (exportPaths.Contains(path))
            return "it is an AWS CLI export";
        if (IsSamConfig(path))
            return "it is a samconfig file";
        if (request.ExcludedPaths.Contains(path) || request.IsExcluded?.Invoke(path) == true)
            return "the configuration excludes it";
        if (path == ".git" || path.StartsWith(".git/", StringComparison.Ordinal) || path.Contains("/.git/", StringComparison.Ordinal))
            return "it is inside .git";
        return request.Files.Kind(path) == FileEntryKind.File ? null : $"it is not a file in {request.Files.Description}";
    }

    /// <summary>The samconfig that applies to a template: the one whose <c>template_file</c> names it wins over the one
    /// of the template's folder; null when none does.</summary>
    private static SamConfig? SamConfigFor(List<SamConfig> configs, string templatePath, HashSet<string> candidates) =>
        configs.FirstOrDefault(c => c.TemplateFile is not null && candidates.Contains(c.TemplateFile) && c.AppliesTo(templatePath, templateFileIsAnalyzed: true))
            ?? configs.FirstOrDefault(c => !(c.TemplateFile is not null && candidates.Contains(c.TemplateFile)) && c.AppliesTo(templatePath, templateFileIsAnalyzed: false));

    /// <summary>The settings a template resolves with: the request's (command line, then configuration), over its
    /// samconfig's (<paramref name="config"/>, or none), over the template's defaults.</summary>
    private static ResolutionSettings SettingsFor(ResolutionSettings settings, SamConfig? config)
    {
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

    /// <summary>A candidate file that exists but cannot be read (permission denied, or a name that is not
    /// valid UTF-8): PL0001 at its start, a file whose templates are unknown, never a file without templates; the
    /// gate fails closed (a third new-user trial's tagged <c>bad\xff.yaml</c> passed a working-tree run with only a
    /// warning). A file that is gone when it is read (deleted during the run, a dangling or looping symbolic link) or
    /// fails with another I/O error stays a warning, as before.</summary>
    private static FileResult Unreadable(string path, Exception ex) =>
        ExistsButCannotBeRead(path, ex)
            ? new(path, true, [], [Pl0001(Location.FileLevel(SourceText.From(path, string.Empty)),
                $"The file cannot be read ({WhyUnreadable(path, ex)}), so what it defines is unknown; make it readable, or leave it out of the analysis with exclude in .policylint.yaml")], null)
            : new(path, false, [], [], new ToolNotification("warning", $"Cannot read file: {ex.Message}", path));

    /// <summary>Whether a read failure hides content: permission denied, or a name that is not valid UTF-8 (listed with
    /// U+FFFD in place of its invalid bytes, it cannot be opened by that name).</summary>
    private static bool ExistsButCannotBeRead(string path, Exception ex) =>
        ex is UnauthorizedAccessException || FileSourceReading.IsUndecodableName(path, ex);

    /// <summary>The reason a listed file cannot be read, for a PL0001 message.</summary>
    private static string WhyUnreadable(string path, Exception ex) =>
        FileSourceReading.IsUndecodableName(path, ex) ? "its name is not valid UTF-8, and .NET opens files and folders by UTF-8 names only: rename it" : ex.Message;

    /// <summary>A file over the size limit: PL0001 when, read through in bounded chunks and never held whole, it looks
    /// like a template (docs/conventions.md#c4) or mentions one of <see cref="LoadRequest.OverLimitMarkers"/>; else a note that it was
    /// skipped.</summary>
    private static FileResult TooLarge(LoadRequest request, string path)
    {
        bool suspicious;
        try
        {
            using var stream = request.Files.OpenRead(path);
            suspicious = OverLimitScan.LooksLikeTemplate(stream, request.OverLimitMarkers, request.Limits.MaxFileBytes);
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
        {
            return Unreadable(path, ex);
        }

        var limit = FormattableString.Invariant($"{request.Limits.MaxFileBytes:N0}");
        if (!suspicious)
            return new FileResult(path, false, [], [], new ToolNotification("note", $"Skipped: larger than the limit of {limit} bytes", path));
        return new FileResult(path, true, [], [Pl0001(Location.FileLevel(SourceText.From(path, string.Empty)), $"The file is larger than the limit of {limit} bytes and was not read")], null);
    }

    /// <summary>Reads the AWS CLI exports of <see cref="LoadRequest.DeployedPaths"/> through the deployed-state front
    /// end, in the order given (a folder's files in path order), each file once. A file that cannot be read or is over
    /// the size limit is PL0001 at its start, never an empty export. <paramref name="underRoot"/> gets the root-relative
    /// paths of the exports under the root, which template discovery then skips.</summary>
    private static List<DeployedExport> LoadExports(LoadRequest request, List<Diagnostic> diagnostics, out HashSet<string> underRoot)
    {
        underRoot = new HashSet<string>(StringComparer.Ordinal);
        var exports = new List<DeployedExport>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in request.DeployedPaths)
        {
            var full = Path.GetFullPath(given, request.Root);
            IReadOnlyList<string> files;
            try
            {
                files = DeployedStateFrontEnd.Discover(full);
            }
            catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
            {
                diagnostics.Add(Pl0001(Location.FileLevel(SourceText.From(DisplayPath(request.Root, full), string.Empty)), $"Cannot list the exports in this folder: {ex.Message}"));
                continue;
            }

            foreach (var file in files)
            {
                if (!seen.Add(file))
                    continue;
                var path = DisplayPath(request.Root, file);
                if (!Path.IsPathRooted(path))
                    underRoot.Add(path);
                exports.Add(LoadExport(request, file, path, diagnostics));
            }
        }

        return exports;
    }

    private static DeployedExport LoadExport(LoadRequest request, string full, string path, List<Diagnostic> diagnostics)
    {
        var empty = SourceText.From(path, string.Empty);
        try
        {
            // As a template is read: a FIFO or a device (a link to /dev/zero in a deployed folder) is refused before it
            // is opened, and no more than the limit is ever read.
            var read = FileSourceReading.Read(new PhysicalFileSource(Path.GetDirectoryName(full)!), full, request.Limits.MaxFileBytes);
            if (read.Bytes is not { } bytes)
                return Unreadable(FormattableString.Invariant($"The export is larger than the limit of {request.Limits.MaxFileBytes:N0} bytes and was not read"));

            var info = new FileInfo(full);
            var madeAt = new DateTimeOffset(info.LastWriteTimeUtc.Ticks - (info.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var export = InputFrontEnds.DeployedState.ReadBytes(path, bytes, request.Limits, madeAt);
            diagnostics.AddRange(export.Diagnostics);
            return export;
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex) || ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Unreadable($"Cannot read the export: {ex.Message}");
        }

        DeployedExport Unreadable(string message)
        {
            var diagnostic = Pl0001(Location.FileLevel(empty), message);
            diagnostics.Add(diagnostic);
            return DeployedExport.Unreadable(empty, diagnostic);
        }
    }

    /// <summary>How results name a file: root-relative with <c>/</c> under the root, else its absolute path.</summary>
    private static string DisplayPath(string root, string full)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..].Replace(Path.DirectorySeparatorChar, '/') : full;
    }

    /// <summary>Reads the ledger (docs/conventions.md#c18). A default ledger that is not there is an empty ledger; one that is there but
    /// cannot be read (permission denied, a folder, a FIFO, an I/O error) is PL0001 and a broken ledger, never an empty
    /// one: the exclusion tags it would have matched cannot be checked, and the run must not pass.</summary>
    private static ExclusionLedger LoadLedger(LoadRequest request, List<Diagnostic> diagnostics)
    {
        var empty = SourceText.From(request.LedgerPath, string.Empty);
        BoundedRead read;
        try
        {
            read = FileSourceReading.Read(request.Files, request.LedgerPath, request.Limits.MaxFileBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ExclusionLedger.Missing(request.LedgerPath);
        }
        catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
        {
            return Unreadable(empty, SyntaxProblemKind.SyntaxError,
                $"Cannot read the ledger: {ex.Message}; no exclusion tag can be matched, so unrecorded exclusions (PL1001, PL1005) are not checked");
        }

        if (read.IsOverLimit)
            return Unreadable(empty, SyntaxProblemKind.LimitExceeded, FormattableString.Invariant($"The ledger is larger than the limit of {request.Limits.MaxFileBytes:N0} bytes and was not read"));

        var source = SourceText.Decode(request.LedgerPath, read.Bytes, out var invalidOffset);
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

        ExclusionLedger Unreadable(SourceText text, SyntaxProblemKind kind, string message)
        {
            var problem = new SyntaxProblem(kind, Location.FileLevel(text), message);
            diagnostics.Add(Pl0001(problem.Location, problem.Message));
            return ExclusionLedger.Unreadable(text, problem);
        }
    }

    private static Diagnostic Pl0001(Location location, string message) =>
        new(EngineDiagnostics.InvalidInput, DiagnosticTarget.At(location), EngineDiagnostics.InvalidInput.FormatMessage(message));
}
