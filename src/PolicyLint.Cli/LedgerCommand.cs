using System.CommandLine;
using System.Globalization;
using System.Text;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Cli;

/// <summary><c>policylint ledger status|add</c>: the exclusion ledger for people: the weekly review, and a new entry.</summary>
internal static class LedgerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var command = new Command("ledger", "The exclusion ledger: 'status' for the weekly review, 'add' to record an exclusion tag.");
        command.Subcommands.Add(Status(stdout, stderr, workingDirectory));
        command.Subcommands.Add(Add(stdout, stderr, workingDirectory));
        return command;
    }

    private static Option<string?> RootOption() => new("--root") { Description = "The repository root (default: the current folder).", HelpName = "DIR" };

    private static Option<string?> LedgerOption() => new("--ledger") { Description = "The exclusion ledger (default: the configuration's, else security/inspector-exclusions.yaml under the root).", HelpName = "FILE" };

    private static Option<string?> ConfigOption() => new("--config") { Description = "The configuration file (default: .policylint.yaml under the root, if present).", HelpName = "FILE" };

    private static Option<string?> TodayOption(string what) => new("--today") { Description = $"{what} (default: today's UTC date).", HelpName = "YYYY-MM-DD" };

    private static Command Status(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var root = RootOption();
        var ledger = LedgerOption();
        var config = ConfigOption();
        var today = TodayOption("The review day");
        var format = new Option<string>("--format") { Description = "Output format: text (a table), markdown or json.", DefaultValueFactory = _ => "text", HelpName = "text|markdown|json" };
        CommandSupport.AcceptOnly(format, "text", "markdown", "json");
        var deployed = CommandSupport.DeployedOption();
        var failLevel = new Option<string>("--fail-level")
        {
            Description = "Exit with 1 when an unsuppressed result about the ledger is at or above this level, as a lint run would; none fails only on a ledger that cannot be read.",
            DefaultValueFactory = _ => "error",
            HelpName = "error|warning|note|none",
        };
        CommandSupport.AcceptOnly(failLevel, "error", "warning", "note", "none");
        var command = new Command("status", "The weekly review: every ledger record with owner, ticket, days until expiry and until review, and its status, most urgent first; then the results about the ledger that fail it (expired, invalid or placeholder entries, shape errors), with the lint run's IDs; with AWS CLI exports (--deployed, or the deployed configuration key), what is live. Exit code 1 when there is one.")
        {
            format, failLevel, today, root, ledger, config, deployed,
        };
        var resolution = new ResolutionOptions();
        foreach (var option in resolution.All)
            command.Options.Add(option);
        command.SetAction(parse => Guard(stderr, () =>
        {
            var session = CommandSupport.Open(workingDirectory, parse.GetValue(root), parse.GetValue(ledger), parse.GetValue(config), CommandSupport.Today(parse.GetValue(today)),
                load => CommandSupport.WithDeployed(resolution.Apply(parse, load), workingDirectory, parse.GetValue(deployed)));
            // The same analysis as a lint run, read rather than recomputed: states from PL3001–PL3004, the verdict from
            // the results about the ledger at or above --fail-level.
            var run = session.Run();
            // Every note a lint run prints, too: one about resolution (a samconfig without the environment read) changes
            // which functions ledger entries match.
            CommandSupport.WriteNotifications(stderr, resolution.UnusedParameterWarnings(parse, run.Project));
            CommandSupport.WriteNotifications(stderr, run.Notifications);
            var status = LedgerStatus.From(run, session.Options.GetOption(ExpiringLedgerEntryAnalyzer.ExpiringWithinDays), parse.GetValue(failLevel)!);
            stdout.Write(parse.GetValue(format) switch
            {
                "markdown" => status.ToMarkdown(),
                "json" => status.ToJson(),
                _ => status.ToText(),
            });
            return status.Fails ? ExitCodes.Failure : ExitCodes.Success;
        }));
        return command;
    }

    private static Command Add(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var root = RootOption();
        var ledger = LedgerOption();
        var config = ConfigOption();
        var today = TodayOption("The day the exclusion is applied");
        var template = new Option<string>("--template") { Description = "The template that defines the function, relative to the root.", HelpName = "PATH", Required = true };
        var logicalId = new Option<string>("--logical-id") { Description = "The function's logical ID.", HelpName = "ID", Required = true };
        var scanType = new Option<string>("--scan-type") { Description = "The excluded scan type.", HelpName = "standard|code", Required = true };
        CommandSupport.AcceptOnly(scanType, "standard", "code");
        var ticket = new Option<string?>("--ticket") { Description = "reason.ticket (default: a TODO placeholder).", HelpName = "TICKET" };
        var owner = new Option<string?>("--owner") { Description = "owner.team (default: a TODO placeholder).", HelpName = "TEAM" };
        var command = new Command("add", $"Append a skeleton entry for a function's exclusion tag: applied today, expiring in {LedgerSkeleton.ExpiresAfterDays} days, reviewed in {LedgerSkeleton.ReviewAfterDays}; what only people know is marked {LedgerSkeleton.Placeholder}.")
        {
            template, logicalId, scanType, ticket, owner, today, root, ledger, config,
        };
        var resolution = new ResolutionOptions();
        foreach (var option in resolution.All)
            command.Options.Add(option);
        command.SetAction(parse => Guard(stderr, () =>
        {
            var day = CommandSupport.Today(parse.GetValue(today));
            if (day > DateOnly.MaxValue.AddDays(-LedgerSkeleton.ExpiresAfterDays))
            {
                throw new CommandException(string.Create(CultureInfo.InvariantCulture,
                    $"--today '{day:yyyy-MM-dd}' leaves no room for an expiry {LedgerSkeleton.ExpiresAfterDays} days later (the last date is {DateOnly.MaxValue:yyyy-MM-dd})"));
            }

            var session = CommandSupport.Open(workingDirectory, parse.GetValue(root), parse.GetValue(ledger), parse.GetValue(config), day,
                load => resolution.Apply(parse, load));

            // A symbolic link to the ledger is edited at its target; concurrent runs wait for each other from here
            // until the new text is in place, so that none reads the ledger before another's entry is written.
            var ledgerPath = session.Load.LedgerPath;
            var target = OutputFile.FinalTarget(Path.Combine(session.Root, ledgerPath));
            using var held = LockFolderOf(target, ledgerPath);
            var status = UnixFile.Stat(target);
            if (status is { IsRegularFile: false } || (status is null && Directory.Exists(target)))
                throw new CommandException($"'{ledgerPath}' is not a regular file; ledger add edits only a regular file");
            if (File.Exists(target) && IsReadOnly(target, status))
                throw new CommandException($"'{ledgerPath}' is read-only; make it writable to add an entry (the file was not changed)");

            var projects = session.LoadProjects();
            var project = projects[0].Project;
            CommandSupport.WriteNotifications(stderr, resolution.UnusedParameterWarnings(parse, project));
            var file = project.Ledger;
            if (file.IsBroken)
                throw new CommandException($"{file.Tree!.Problems[0].Location}: {file.Tree.Problems[0].Message}; fix the ledger first");
            if (NotALedger(file) is { } why)
                throw new CommandException($"'{ledgerPath}' is not an exclusion ledger: {why}; ledger add edits only a ledger (version, exclusions, suppressions)");

            var path = TemplatePath(session.Root, workingDirectory, parse.GetValue(template)!);
            var id = parse.GetValue(logicalId)!;
            // Under --config-env '*' the function is looked for, and an entry that records it, in every environment.
            var functions = projects.Select(p => (p.Environments, Function: FindFunction(p.Project.Templates, p.Project.BrokenTemplatePaths, path, id))).ToList();
            var function = functions[0].Function;
            var type = parse.GetValue(scanType) == "code" ? ScanType.Code : ScanType.Standard;
            // The refusal names every environment in which that same entry records the function, not only the first.
            LedgerEntry? match = null;
            var matchedIn = new List<string>();
            for (var i = 0; i < projects.Count; i++)
            {
                var (environments, each) = functions[i];
                if (LedgerMatching.EntriesFor(projects[i].Project, each, type) is [var existing, ..]
                    && (match is null || existing.FirstKeyLocation.Span == match.FirstKeyLocation.Span))
                {
                    match ??= existing;
                    matchedIn.AddRange(environments);
                }
            }

            if (match is not null)
                throw new CommandException($"{match.FirstKeyLocation} already records the {ExclusionTags.Name(type)} scanning exclusion of function '{id}' ({match.DisplayName}){EnvironmentSuffix(matchedIn)}");

            var (recordedName, because) = Target(functions);
            var skeleton = new LedgerSkeleton(recordedName, path, id, type, parse.GetValue(ticket), parse.GetValue(owner), day);
            var (text, line) = LedgerAppender.Append(file, skeleton);
            var check = ExclusionLedger.Parse(Core.Text.SourceText.From(file.Source.Path, text));
            if (check.IsBroken || check.Exclusions.Count != file.Exclusions.Count + 1
                || check.Exclusions.SingleOrDefault(e => e.FirstKeyLocation.Start.Line == line) is not { } added)
                throw new CommandException($"could not add the entry to {file.Source.Path} safely; add it by hand");

            try
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                OutputFile.Replace(target, status, stream =>
                {
                    if (file.Source.HadByteOrderMark)
                        stream.Write(Encoding.UTF8.Preamble);
                    stream.Write(bytes);
                });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandException($"cannot write '{file.Source.Path}': {CommandSupport.WithoutPath(ex.Message)}");
            }

            var recorded = recordedName is { } name ? $"'{name}'" : $"'{id}' in {path}";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{added.FirstKeyLocation}: added the {ExclusionTags.Name(type)} scanning exclusion of {recorded}, expiring on {skeleton.ExpiresAt:yyyy-MM-dd}, next review on {skeleton.NextReviewAt:yyyy-MM-dd}"));
            stdout.WriteLine(because);
            stdout.WriteLine($"Replace the {LedgerSkeleton.Placeholder} values ({string.Join(", ", skeleton.PlaceholderFields)}) before you commit.");
            if (!function.Tags.Any(t => t.KeyText == ExclusionTags.KeyFor(type)))
                stderr.WriteLine($"policylint: warning: function '{id}' has no '{ExclusionTags.KeyFor(type)}' tag yet; add '{ExclusionTags.KeyFor(type)}: {ExclusionTags.ValueFor(type)}' to its Tags");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// What the entry records and the sentence that says why. <c>function_name</c> only when the deployed name is the
    /// same wherever the template is deployed: a static name that depends on no parameter or pseudo parameter
    /// (<see cref="LambdaFunction.NameDependencies"/>) and is the same in every samconfig environment analyzed; else
    /// the stage-independent <c>template</c> + <c>logical_id</c>, which a name resolved for one stage
    /// (<c>myapp-api-dev</c>) would not be.
    /// </summary>
    private static (string? Name, string Why) Target(List<(IReadOnlyList<string> Environments, LambdaFunction Function)> functions)
    {
        var function = functions[0].Function;
        const string ByTarget = "Recorded by template + logical ID";
        if (function.FunctionName is null)
            return (null, $"{ByTarget} because the function has no FunctionName (CloudFormation generates its name).");
        if (function.NameDependencies() is { Count: > 0 } dependencies)
            return (null, $"{ByTarget} because FunctionName depends on {Words(dependencies)}, which can differ from one stage or stack to another.");
        if (function.StaticName is not { } name)
            return (null, $"{ByTarget} because FunctionName has no static value.");
        if (functions.FindIndex(f => f.Function.StaticName != name) is var differs and >= 0)
        {
            var (environments, other) = functions[differs];
            return (null, $"{ByTarget} because FunctionName is '{name}'{EnvironmentSuffix(functions[0].Environments)} but " +
                $"'{other.StaticName ?? "not static"}'{EnvironmentSuffix(environments)}.");
        }

        return (name, $"Recorded by function_name because FunctionName is the literal '{name}', the same in every stage.");
    }

    /// <summary><c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    private static string Words(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    /// <summary><c> in samconfig environment dev, prod</c>, or empty without environment names.</summary>
    private static string EnvironmentSuffix(IReadOnlyList<string> environments) =>
        environments.Count == 0 ? string.Empty : $" in samconfig environment{(environments.Count == 1 ? "" : "s")} {string.Join(", ", environments)}";

    /// <summary>A <c>--template</c> value as a root-relative path. Like every path option (<c>--ledger</c>,
    /// <c>--config</c>, <c>--root</c>, PATH), it is relative to the current folder, as a shell completes it.</summary>
    private static string TemplatePath(string root, string workingDirectory, string text) =>
        CommandSupport.Relative(root, CommandSupport.Full(workingDirectory, text)) ?? throw new CommandException($"--template '{text}' is outside the root '{root}'");

    /// <summary>Creates the folder of <paramref name="target"/> if needed and locks it (see <see cref="UnixFile.LockFolder"/>).</summary>
    private static IDisposable LockFolderOf(string target, string ledgerPath)
    {
        try
        {
            var folder = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(folder);
            return UnixFile.LockFolder(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot write '{ledgerPath}': {CommandSupport.WithoutPath(ex.Message)}");
        }
    }

    /// <summary>Whether the ledger must not be written: no write permission bit at all (which root would otherwise
    /// ignore), or no permission for this user (whom the rename over it would otherwise not stop).</summary>
    private static bool IsReadOnly(string target, UnixFileStatus? status)
    {
        if (status is { } s ? (s.Permissions & 0x92) == 0 : File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly))
            return true;
        try
        {
            using var probe = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Why an existing file is not a ledger, or null when it is one: an empty file (or comments only), or one
    /// YAML mapping with <c>version</c>, <c>exclusions</c> or <c>suppressions</c> and no other top-level key. A CI
    /// workflow or any other YAML file is refused rather than given an <c>exclusions</c> list.</summary>
    private static string? NotALedger(ExclusionLedger file)
    {
        if (!file.Exists || file.Tree is null)
            return null;
        var documents = file.Tree.Documents.Where(d => d is not null).ToList();
        if (documents.Count == 0)
            return null;
        if (documents is not [Core.Syntax.MappingNode mapping])
            return "it is not one YAML mapping";
        var keys = mapping.Entries.Select(e => e.KeyText ?? "?").ToList();
        if (keys.Count > 0 && keys.All(k => k is "version" or "exclusions" or "suppressions"))
            return null;
        return keys.Count == 0 ? "it is an empty mapping" : $"its top-level keys are {string.Join(", ", keys)}";
    }

    private static LambdaFunction FindFunction(IReadOnlyList<TemplateModel> templates, IReadOnlySet<string> broken, string path, string logicalId)
    {
        var matching = templates.Where(t => t.Path == path).ToList();
        if (matching.Count == 0)
        {
            throw new CommandException(broken.Contains(path)
                ? $"template '{path}' cannot be parsed ({EngineDiagnostics.InvalidInput.Id}); fix it first"
                : $"'{path}' is not a template under the root");
        }

        if (matching.Select(t => t.GetResource(logicalId)).FirstOrDefault(r => r is not null) is not { } resource)
            throw new CommandException($"template '{path}' has no resource '{logicalId}'");
        return matching.SelectMany(t => t.Functions).FirstOrDefault(f => f.LogicalId == logicalId)
            ?? throw new CommandException($"resource '{logicalId}' in '{path}' is {resource.Type}, not a Lambda function ({LambdaFunction.ServerlessType} or {LambdaFunction.LambdaType})");
    }

    private static int Guard(TextWriter stderr, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CommandException ex)
        {
            stderr.WriteLine($"policylint: error: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }
}
