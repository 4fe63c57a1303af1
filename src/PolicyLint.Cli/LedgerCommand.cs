using System.CommandLine;
using System.Globalization;
using System.Text;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
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
        var command = new Command("status", "The weekly review: every ledger record with owner, ticket, days until expiry and until review, and its status, most urgent first. Exit code 1 when anything has expired.")
        {
            format, today, root, ledger, config,
        };
        var resolution = new ResolutionOptions();
        foreach (var option in resolution.All)
            command.Options.Add(option);
        command.SetAction(parse => Guard(stderr, () =>
        {
            var session = CommandSupport.Open(workingDirectory, parse.GetValue(root), parse.GetValue(ledger), parse.GetValue(config), CommandSupport.Today(parse.GetValue(today)),
                load => resolution.Apply(parse, load));
            var run = session.Analyze();
            CommandSupport.WriteNotifications(stderr, resolution.UnusedParameterWarnings(parse, run.Project));
            var file = run.Project.Ledger;
            if (file.IsBroken)
            {
                var problem = file.Tree!.Problems[0];
                stderr.WriteLine($"policylint: error: {problem.Location}: {problem.Message}; the ledger cannot be read");
                return ExitCodes.Failure;
            }

            var status = LedgerStatus.From(run, session.IntOption("PL3002.expiring_within_days", LedgerStatus.DefaultExpiringWithinDays));
            stdout.Write(parse.GetValue(format) switch
            {
                "markdown" => status.ToMarkdown(),
                "json" => status.ToJson(),
                _ => status.ToText(),
            });
            return status.Count(LedgerState.Expired) > 0 ? ExitCodes.Failure : ExitCodes.Success;
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
            var project = session.LoadProject();
            CommandSupport.WriteNotifications(stderr, resolution.UnusedParameterWarnings(parse, project));
            var file = project.Ledger;
            if (file.IsBroken)
                throw new CommandException($"{file.Tree!.Problems[0].Location}: {file.Tree.Problems[0].Message}; fix the ledger first");

            var path = TemplatePath(session.Root, workingDirectory, parse.GetValue(template)!);
            var id = parse.GetValue(logicalId)!;
            var function = FindFunction(project.Templates, project.BrokenTemplatePaths, path, id);
            var type = parse.GetValue(scanType) == "code" ? ScanType.Code : ScanType.Standard;
            if (LedgerMatching.EntriesFor(project, function, type) is [var existing, ..])
                throw new CommandException($"{existing.FirstKeyLocation} already records the {ExclusionTags.Name(type)} scanning exclusion of function '{id}' ({existing.DisplayName})");

            var skeleton = new LedgerSkeleton(function.StaticName, path, id, type, parse.GetValue(ticket), parse.GetValue(owner), day);
            var (text, line) = LedgerAppender.Append(file, skeleton);
            var check = ExclusionLedger.Parse(Core.Text.SourceText.From(file.Source.Path, text));
            if (check.IsBroken || check.Exclusions.Count != file.Exclusions.Count + 1
                || check.Exclusions.SingleOrDefault(e => e.FirstKeyLocation.Start.Line == line) is not { } added)
                throw new CommandException($"could not add the entry to {file.Source.Path} safely; add it by hand");

            var full = Path.Combine(session.Root, file.Source.Path);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                var bytes = Encoding.UTF8.GetBytes(text);
                AtomicFile.Write(full, stream =>
                {
                    if (file.Source.HadByteOrderMark)
                        stream.Write(Encoding.UTF8.Preamble);
                    stream.Write(bytes);
                });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandException($"cannot write '{file.Source.Path}': {ex.Message}");
            }

            var recorded = function.StaticName is { } name ? $"'{name}'" : $"'{id}' in {path}";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{added.FirstKeyLocation}: added the {ExclusionTags.Name(type)} scanning exclusion of {recorded}, expiring on {skeleton.ExpiresAt:yyyy-MM-dd}, next review on {skeleton.NextReviewAt:yyyy-MM-dd}"));
            stdout.WriteLine($"Replace the {LedgerSkeleton.Placeholder} values ({string.Join(", ", skeleton.PlaceholderFields)}) before you commit.");
            if (!function.Tags.Any(t => t.KeyText == ExclusionTags.KeyFor(type)))
                stderr.WriteLine($"policylint: warning: function '{id}' has no '{ExclusionTags.KeyFor(type)}' tag yet; add '{ExclusionTags.KeyFor(type)}: {ExclusionTags.ValueFor(type)}' to its Tags");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A <c>--template</c> value as a root-relative path: relative to the root, or absolute inside it.</summary>
    private static string TemplatePath(string root, string workingDirectory, string text)
    {
        if (!Path.IsPathRooted(text))
            return LedgerMatching.NormalizePath(text);
        return CommandSupport.Relative(root, CommandSupport.Full(workingDirectory, text)) ?? throw new CommandException($"--template '{text}' is outside the root '{root}'");
    }

    private static LambdaFunction FindFunction(IReadOnlyList<TemplateModel> templates, IReadOnlySet<string> broken, string path, string logicalId)
    {
        var matching = templates.Where(t => t.Path == path).ToList();
        if (matching.Count == 0)
        {
            throw new CommandException(broken.Contains(path)
                ? $"template '{path}' cannot be parsed (PL0001); fix it first"
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
