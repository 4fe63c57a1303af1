using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Reporting.Sarif;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Workspace;
using PolicyLint.Rules;

namespace PolicyLint.Cli;

/// <summary>The <c>policylint</c> command line. Runs in process (tests call <see cref="Run(string[], TextWriter, TextWriter, string, ParseLimits?)"/> directly).</summary>
public static class CliApp
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">Arguments, without the program name.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="workingDirectory">The directory relative paths are resolved against.</param>
    /// <param name="limits">Parse limits that win over the configuration's <c>limits</c> (a seam for tests and hosts); null
    /// to use the configuration's, else <see cref="ParseLimits.Default"/> (docs/conventions.md#c16).</param>
    /// <returns>The exit code (docs/conventions.md#c13).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory, ParseLimits? limits = null) =>
        Run(args, stdout, stderr, workingDirectory, CliEnvironment.Redirected, limits);

    /// <summary>Runs the command line in <paramref name="environment"/> (terminal, environment variables).</summary>
    /// <inheritdoc cref="Run(string[], TextWriter, TextWriter, string, ParseLimits?)"/>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory, CliEnvironment environment, ParseLimits? limits = null)
    {
        var guarded = new GuardedWriter(stdout);
        stderr = new DisplayWriter(stderr);
        try
        {
            return Run(args, guarded, stderr, workingDirectory, environment, limits);
        }
        catch (GuardedWriter.WriteFailedException ex)
        {
            // A closed or full standard output (`>&-`, `>/dev/full`): one line on standard error, never a stack trace.
            try
            {
                stderr.WriteLine($"policylint: error: cannot write to standard output: {ex.InnerException!.Message}");
            }
            catch (IOException)
            {
            }

            return ExitCodes.UsageError;
        }
    }

    private static int Run(string[] args, GuardedWriter stdout, TextWriter stderr, string workingDirectory, CliEnvironment environment, ParseLimits? limits)
    {
        var command = new LintCommand(stdout, stderr, workingDirectory, environment, limits);
        var root = command.Build(full: MayAskForMoreThanALint(args));
        // Response files (`@file`) are off: `--owner @acme/platform-team`, a GitHub team, is a value, not a file to read.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
                stderr.WriteLine($"policylint: error: {error.Message}");
            stderr.WriteLine("Run 'policylint --help' for usage.");
            return ExitCodes.UsageError;
        }

        // System.CommandLine lets the root's arguments and options stand before a subcommand (`policylint samples rules`,
        // `policylint --root app ledger status`), and the subcommand never sees them: refuse rather than ignore them.
        if (parse.CommandResult.Command != root && StrayBeforeSubcommand(parse.RootCommandResult) is { } stray)
        {
            var top = parse.CommandResult;
            while (top.Parent is CommandResult parent && parent.Command != root)
                top = parent;
            var name = top.Command.Name;
            stderr.WriteLine($"policylint: error: '{stray}' stands before the '{name}' command, which does not read it; " +
                $"give the command's own options after '{name}' (to lint a folder named {name}, write ./{name})");
            stderr.WriteLine("Run 'policylint --help' for usage.");
            return ExitCodes.UsageError;
        }

        if (parse.Action is HelpAction help)
            PrepareHelp((RootCommand)root, parse.CommandResult.Command, help, environment);
        var exitCode = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        stdout.Flush();
        return exitCode;
    }

    /// <summary>
    /// Whether <paramref name="args"/> may name a subcommand (<c>rules</c>, <c>ledger</c>), ask for help (<c>-h</c>,
    /// <c>/h</c>, <c>--help</c>, <c>-?</c>, <c>/?</c>) or the version, or start with a directive (<c>[suggest]</c>): only
    /// then is the whole command line built (<see cref="LintCommand.Build"/>). System.CommandLine recognizes each of them
    /// only as a whole argument (the value of <c>--root=rules</c> is a value), and an argument that merely equals one (a
    /// folder named rules given as <c>--root rules</c>) gets the whole command line, which parses a lint the same way and
    /// only takes longer to set up. Its help and version options, its directives and the subcommands' options were set
    /// up at every start (issue 15).
    /// </summary>
    private static bool MayAskForMoreThanALint(string[] args)
    {
        foreach (var arg in args)
        {
            if (arg.StartsWith('[') || arg is "rules" or "ledger" or "-h" or "/h" or "--help" or "-?" or "/?" or "--version")
                return true;
        }

        return false;
    }

    /// <summary>The first argument or explicit option of the root command given before a subcommand, as typed; null
    /// when there is none.</summary>
    private static string? StrayBeforeSubcommand(CommandResult rootResult)
    {
        foreach (var child in rootResult.Children)
        {
            switch (child)
            {
                case ArgumentResult argument when argument.Tokens.Count > 0:
                    return argument.Tokens[0].Value;
                case OptionResult option when !option.Implicit && option.IdentifierToken is { } token:
                    return token.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Makes System.CommandLine's help read correctly. Its usage line and Arguments section of a subcommand show the
    /// arguments of every parent command, so <c>policylint rules --help</c> would read
    /// <c>policylint [&lt;PATH&gt;...] rules [&lt;ID&gt;...]</c>: the root's PATH is hidden for a subcommand's help. Its
    /// Commands section shows a subcommand's arguments without their arity (<c>rules &lt;ID&gt;</c>, as if an ID were
    /// required): the root's help lists the subcommands by name only. The help is wrapped at
    /// <see cref="CliEnvironment.HelpWidth"/> rather than at the console's width, which the console cannot report without
    /// writing to the terminal.
    /// </summary>
    private static void PrepareHelp(RootCommand root, Command command, HelpAction help, CliEnvironment environment)
    {
        help.MaxWidth = environment.HelpWidth();
        if (command == root)
        {
            foreach (var argument in root.Subcommands.SelectMany(c => c.Arguments))
                argument.Hidden = true;
        }
        else
        {
            foreach (var argument in root.Arguments)
                argument.Hidden = true;
        }
    }

    /// <summary>Parses <c>YYYY-MM-DD</c> exactly.</summary>
    public static bool TryParseDay(string text, out DateOnly day) =>
        ExclusionLedger.TryParseDate(text, out day);

    /// <summary>An output file could not be written; <see cref="Path"/> is the path as given.</summary>
    private sealed class OutputException(string path, Exception inner) : Exception(inner.Message, inner)
    {
        public string Path { get; } = path;
    }

    private sealed class PrintVersionAction(TextWriter stdout) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            stdout.WriteLine(ToolInfo.DisplayVersion);
            return ExitCodes.Success;
        }
    }

    private sealed class LintCommand(TextWriter stdout, TextWriter stderr, string workingDirectory, CliEnvironment environment, ParseLimits? limits)
    {
        private readonly Argument<string[]> _paths = new("PATH")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Files or folders whose results to report (default: everything). The whole root is always analyzed.",
        };

        private readonly Option<string?> _root = new("--root") { Description = "The repository root (default: the first PATH that is a folder, else the current folder).", HelpName = "DIR" };
        private readonly Option<string?> _ledger = new("--ledger") { Description = $"The exclusion ledger (default: {LoadRequest.DefaultLedgerPath} under the root).", HelpName = "FILE" };
        private readonly Option<string?> _today = new("--today") { Description = "The date to compare ledger dates and suppression expiry dates with (default: today's UTC date).", HelpName = "YYYY-MM-DD" };

        private readonly Option<string> _format = new("--format")
        {
            Description = FormatHelp(),
            DefaultValueFactory = _ => ReportFormats.All[0].Name,
            HelpName = string.Join('|', ReportFormats.Names),
        };

        private readonly Option<bool> _noColor = new("--no-color") { Description = "Never colour the text output (it is coloured only on a terminal, and not when NO_COLOR is set)." };

        private readonly Option<string?> _output = new("--output", "-o") { Description = "Write the chosen format to FILE instead of standard output.", HelpName = "FILE" };
        private readonly Option<string?> _sarif = new("--sarif") { Description = "Also write SARIF 2.1.0 to FILE (the same as --report sarif=FILE).", HelpName = "FILE" };

        private readonly Option<string[]> _report = new("--report")
        {
            Description = "Also write FORMAT to FILE, e.g. --report sarif=policylint.sarif --report markdown=summary.md; repeatable; FORMAT is one of the --format values.",
            HelpName = "FORMAT=FILE",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        private readonly Option<string?> _markdownLinkBase = new("--markdown-link-base")
        {
            Description = "Link each location of the markdown output under URL (e.g. $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/), not relative to the root.",
            HelpName = "URL",
        };

        private readonly Option<string?> _pathPrefix = new("--path-prefix")
        {
            Description = "Write PREFIX before every root-relative path of every format (e.g. app/ when the root is the repository's folder app), so that paths name the repository's files.",
            HelpName = "PREFIX",
        };

        private readonly Option<string> _failLevel = new("--fail-level")
        {
            Description = "Exit with 1 when an unsuppressed result is at or above this level; none never fails.",
            DefaultValueFactory = _ => "error",
            HelpName = "error|warning|note|none",
        };

        private readonly Option<string?> _config = new("--config") { Description = $"The configuration file (default: {ConfigurationRequest.DefaultFileName} under the root, if present).", HelpName = "FILE" };
        private readonly Option<bool> _showSuppressed = new("--show-suppressed") { Description = "Also print suppressed results (text, gnu, github, markdown), marked with their justification." };
        private readonly Option<bool> _omitSuppressed = new("--omit-suppressed") { Description = "Leave suppressed results out of SARIF (GitHub code scanning ignores SARIF suppressions)." };
        private readonly Option<string?> _baseline = new("--baseline") { Description = "Compare with an earlier run's SARIF: results get baselineState new, unchanged or absent.", HelpName = "FILE.sarif" };
        private readonly Option<bool> _newOnly = new("--new-only") { Description = "With --baseline, report only new results (the exit code counts only those)." };
        private readonly Option<bool> _allowEmpty = new("--allow-empty") { Description = "Exit with 0, not 2, when the root holds no template (a note still says so)." };
        private readonly Option<bool> _staged = new("--staged") { Description = "Analyze the git index (what the next commit holds) instead of the working tree: every input is read from git's objects." };
        private readonly Option<string?> _rev = new("--rev") { Description = "Analyze a commit (a SHA, branch, tag or other git revision) instead of the working tree: every input is read from git's objects.", HelpName = "REV" };
        private readonly Option<string[]> _deployed = CommandSupport.DeployedOption();
        private readonly ResolutionOptions _resolution = new();

        /// <summary>The command line: with <paramref name="full"/>, the root command with help, version, directives and the
        /// subcommands; else the lint command alone, which parses a lint's arguments the same way
        /// (<see cref="MayAskForMoreThanALint"/> says when that is enough).</summary>
        public Command Build(bool full)
        {
            CommandSupport.AcceptOnly(_format, [.. ReportFormats.Names]);
            CommandSupport.AcceptOnly(_failLevel, "error", "warning", "note", "none");
            var root = full ? new RootCommand(Description) : new Command(RootCommand.ExecutableName, Description);
            root.Arguments.Add(_paths);
            foreach (var option in (Option[])[
                _root, _ledger, _today, _format, _output, _sarif, _report, _markdownLinkBase, _pathPrefix, _failLevel,
                _config, _showSuppressed, _omitSuppressed, _baseline, _newOnly, _staged, _rev, _allowEmpty, _deployed])
                root.Options.Add(option);
            foreach (var option in _resolution.All)
                root.Options.Add(option);
            root.Options.Add(_noColor);
            root.SetAction(Execute);
            if (!full)
                return root;
            // Subcommand names win over folders of the same name (docs/conventions.md#c3): lint such a folder as ./rules.
            root.Subcommands.Add(RulesCommand.Create(stdout, stderr));
            root.Subcommands.Add(LedgerCommand.Create(stdout, stderr, workingDirectory));

            // The default prints the entry assembly's version, which in process (tests, hosts) is not PolicyLint's.
            foreach (var version in root.Options.OfType<VersionOption>())
                version.Action = new PrintVersionAction(stdout);
            return root;
        }

        private const string Description = "PolicyLint: an offline policy analyzer for AWS SAM/CloudFormation repositories and their Amazon Inspector exclusion ledger.";

        private int Execute(ParseResult parse)
        {
            try
            {
                return Lint(parse);
            }
            catch (CommandException ex)
            {
                stderr.WriteLine(ex.Line);
                return ExitCodes.UsageError;
            }
        }

        private int Lint(ParseResult parse)
        {
            var today = CommandSupport.Today(parse.GetValue(_today));

            // Classes rather than value tuples on this path: a ReadyToRun image holds no code for LINQ or collections
            // over value types from another assembly, so each such instantiation is JIT-compiled at every start (issue 15).
            var paths = new List<PathArgument>();
            foreach (var text in parse.GetValue(_paths) ?? [])
                paths.Add(new PathArgument(text, Full(text)));
            var root = parse.GetValue(_root) is { } rootText
                ? Full(rootText)
                : paths.Find(p => Directory.Exists(p.Full))?.Full ?? Full(".");
            if (!Directory.Exists(root))
                throw new CommandException($"root '{root}' is not a folder");

            using var source = OpenSource(parse, root);
            var reportPaths = new List<string>();
            foreach (var (text, full) in paths)
            {
                var relative = CommandSupport.Relative(root, full);
                var exists = source is null
                    ? File.Exists(full) || Directory.Exists(full)
                    : relative is null || relative == "." || source.Kind(relative) is not null;
                if (!exists)
                {
                    // PATH takes any token, so a mistyped option arrives here; an existing file named "-x" still works.
                    throw new CommandException(text.StartsWith('-') && text.Length > 1
                        ? $"unknown option '{text}'"
                        : $"PATH '{text}' does not exist{CommandSupport.In(source)}");
                }

                reportPaths.Add(relative ?? throw new CommandException($"PATH '{text}' is outside the root '{root}'"));
            }

            var format = parse.GetValue(_format)!;
            var outputs = Outputs(parse, format);
            CheckNotSamConfig(outputs, root);
            if (parse.GetValue(_markdownLinkBase) is { } linkBase
                && !(Uri.TryCreate(linkBase, UriKind.Absolute, out var linkUri) && linkUri.Scheme is "https" or "http" && linkBase.IndexOfAny(['#', '?']) < 0))
                throw new CommandException($"--markdown-link-base: '{linkBase}' is not an absolute http or https URL without a query or fragment");
            _prefix = PathPrefix(parse.GetValue(_pathPrefix));

            var session = CommandSupport.OpenSession(new SessionRequest
            {
                Root = root,
                Today = today,
                Source = source,
                ConfigPath = CommandSupport.ConfigPath(workingDirectory, root, parse.GetValue(_config), source),
                // Command-line flags win over every configuration file (docs/conventions.md#c20).
                Load = load => CommandSupport.WithDeployed(
                    _resolution.Apply(parse, CommandSupport.WithLedger(load, workingDirectory, parse.GetValue(_ledger))) with
                    {
                        Limits = limits ?? load.Limits,
                        DeferGarbageCollection = environment.OwnsProcess,
                    },
                    workingDirectory, parse.GetValue(_deployed)),
            });
            var sarifOptions = new SarifOptions { HelpMarkdown = RulePack.GetHelpMarkdown, OmitSuppressed = parse.GetValue(_omitSuppressed) };
            var baselineText = parse.GetValue(_baseline);
            var configInputs = new List<RunInput>();
            foreach (var file in ConfigurationRequest.DefaultFileNames().Concat(session.Configuration.Files))
                configInputs.Add(new(Path.Combine(root, file), "a configuration file"));
            configInputs.Add(new(Path.Combine(root, session.ConfiguredLedgerPath), "the ledger"));
            if (baselineText is not null)
                configInputs.Add(new(Full(baselineText), "the baseline"));
            if (!session.IsValid)
            {
                // An invalid configuration is never replaced by a silent default: report it and stop (docs/conventions.md#c13, exit 2).
                CheckNotInputs(outputs, configInputs);
                var configRun = session.ConfigurationRun();
                stderr.WriteLine($"policylint: error: {configRun.Notifications[0].Message}");
                return Emit(parse, format, outputs, configRun, sarifOptions) ?? ExitCodes.UsageError;
            }

            var load = session.Load;
            SarifLog? baselineLog = null;
            if (baselineText is not null)
                baselineLog = ReadBaseline(Full(baselineText), baselineText);
            else if (parse.GetValue(_newOnly))
                throw new CommandException("--new-only needs --baseline FILE");

            var run = session.Run(reportPaths);
            run = run with { Notifications = [.. run.Notifications, .. _resolution.UnusedParameterWarnings(parse, run.Project)] };
            if (StagedLedgerNote.For(source, root, run.Project.Ledger, load.Limits.MaxFileBytes) is { } ledgerNote)
                run = run with { Notifications = [.. run.Notifications, ledgerNote] };
            // Nothing analyzed never passes silently: like ESLint's "no files matching", a usage error unless expected.
            var nothingAnalyzed = run.TemplateFileCount == 0;
            if (nothingAnalyzed)
            {
                var where = source is null ? $"under the root '{root}'" : $"under the root '{root}' in {source.Description}";
                run = run with
                {
                    Notifications = [.. run.Notifications, parse.GetValue(_allowEmpty)
                        ? new ToolNotification("note", $"No template found {where}; no template was analyzed (--allow-empty)")
                        : new ToolNotification("error", $"No template found {where}: nothing was analyzed (a wrong --root or folder?); pass --allow-empty if that is expected", IsToolFailure: true)],
                };
            }

            if (baselineLog is not null)
            {
                var comparison = Baseline.Compare(run.Diagnostics, baselineLog, id => session.Driver.Descriptors.Select(d => d.Id).ToList().IndexOf(id) is var i and >= 0 ? i : null);
                if (parse.GetValue(_newOnly))
                {
                    var fresh = comparison.New.ToHashSet();
                    run = run with { Diagnostics = [.. run.Diagnostics.Where(fresh.Contains)] };
                    sarifOptions = sarifOptions with { BaselineStates = comparison.States };
                }
                else
                    sarifOptions = sarifOptions with { BaselineStates = comparison.States, AbsentResults = comparison.Absent };
            }

            // Nothing has been written yet: an output that is an input of the run stops it here (exit 2).
            if (outputs.Count > 0)
            {
                configInputs.Add(new(Path.Combine(root, load.LedgerPath), "the ledger"));
                foreach (var path in run.InputPaths)
                    configInputs.Add(new(Path.Combine(root, path), "a template, a samconfig, or other YAML or JSON under the root",
                        "write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml"));
                foreach (var export in run.Project.Deployed.Exports)
                    configInputs.Add(new(Path.Combine(root, export.Path), "an AWS CLI export"));
                CheckNotInputs(outputs, configInputs);
            }
            CommandSupport.WriteNotifications(stderr, run.Notifications);

            return Emit(parse, format, outputs, run, sarifOptions)
                ?? (nothingAnalyzed && !parse.GetValue(_allowEmpty) ? ExitCodes.UsageError : ExitCode(run, parse.GetValue(_failLevel)!));
        }

        /// <summary>The validated <c>--path-prefix</c> (<see cref="ReportSettings.PathPrefix"/>), set by <see cref="Lint"/>.</summary>
        private string _prefix = string.Empty;

        /// <summary><c>--path-prefix</c> as <see cref="ReportSettings.PathPrefix"/>: a relative folder path, <c>\</c> read
        /// as <c>/</c>, <c>.</c> and empty segments dropped, with a final <c>/</c>; empty for none (or <c>.</c>).</summary>
        /// <exception cref="CommandException">The path is absolute or has a <c>..</c> segment.</exception>
        private static string PathPrefix(string? text)
        {
            if (text is null)
                return string.Empty;
            var path = text.Replace('\\', '/');
            var segments = path.Split('/').Where(s => s.Length > 0 && s != ".").ToList();
            if (path.StartsWith('/') || Path.IsPathRooted(text) || (path.Length >= 2 && path[1] == ':') || segments.Contains(".."))
                throw new CommandException($"--path-prefix '{text}' is not a relative folder path without '..' (e.g. app/: the root's folder in the repository)");
            return segments.Count == 0 ? string.Empty : string.Join('/', segments) + "/";
        }

        /// <summary>A PATH argument as typed and in full.</summary>
        private sealed record PathArgument(string Text, string Full);

        /// <summary>A file the run reads, in full, with what it is to the run and what to do instead of writing to it
        /// (for <see cref="CheckNotInputs"/>).</summary>
        private sealed record RunInput(string Full, string What, string Instead = "choose another file");

        /// <summary>An output file: the option that named it, its format, the path as given and in full.</summary>
        private sealed record OutputRequest(string Option, string Format, string Text, string Full)
        {
            public string Display => Option == "--report" ? $"--report {Format}={Text}" : $"{Option} '{Text}'";
        }

        /// <summary>The output files of <c>--output</c>, <c>--sarif</c> and each <c>--report</c>, in that order.</summary>
        /// <exception cref="CommandException">A <c>--report</c> is not <c>FORMAT=FILE</c>, or one file is named twice.</exception>
        private List<OutputRequest> Outputs(ParseResult parse, string format)
        {
            var outputs = new List<OutputRequest>();
            if (parse.GetValue(_output) is { } output)
                outputs.Add(new("--output", format, output, Full(output)));
            if (parse.GetValue(_sarif) is { } sarif)
                outputs.Add(new("--sarif", "sarif", sarif, Full(sarif)));
            foreach (var report in parse.GetValue(_report) ?? [])
            {
                var equals = report.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == report.Length - 1)
                    throw new CommandException($"--report '{report}' is not FORMAT=FILE (e.g. sarif=policylint.sarif)");
                var reportFormat = report[..equals];
                if (ReportFormats.Find(reportFormat) is null)
                    throw new CommandException($"--report: '{reportFormat}' is not one of {string.Join(", ", ReportFormats.Names)}");
                outputs.Add(new("--report", reportFormat, report[(equals + 1)..], Full(report[(equals + 1)..])));
            }

            var identities = outputs.Select(o => FileIdentity.Of(o.Full)).ToList();
            for (var j = 1; j < outputs.Count; j++)
            {
                if (identities.IndexOf(identities[j]) is var i && i < j)
                    throw new CommandException($"{outputs[j].Display} is the same file as {outputs[i].Display}; give each output its own file");
            }

            return outputs;
        }

        /// <summary>Refuses an output under the root named as a samconfig file (<see cref="SamConfig.FileNames"/>), in
        /// any folder, whether or not it exists yet: the next run reads it as that folder's samconfig, and sam deploy
        /// reads it too. The configuration files and the ledger are refused the same way by <see cref="CheckNotInputs"/>,
        /// which compares paths that do not exist yet by their folder and name.</summary>
        /// <exception cref="CommandException">An output is named as a samconfig file.</exception>
        private static void CheckNotSamConfig(List<OutputRequest> outputs, string root)
        {
            foreach (var output in outputs)
            {
                var target = OutputFile.FinalTarget(output.Full);
                if (SamConfig.FileNames.Contains(Path.GetFileName(target)) && CommandSupport.Relative(root, target) is not null)
                {
                    throw new CommandException($"{output.Display} is an input of this run (a samconfig file, read when it exists, as sam deploy reads it); " +
                        "an output never replaces an input: choose another file");
                }
            }
        }

        /// <summary>Refuses an output that is one of <paramref name="inputs"/> (full paths, each with what it is to the
        /// run), compared as files: symbolic links, <c>..</c> and hard links see through (device and inode).</summary>
        /// <exception cref="CommandException">An output is an input.</exception>
        private static void CheckNotInputs(List<OutputRequest> outputs, List<RunInput> inputs)
        {
            if (outputs.Count == 0)
                return;
            var identities = outputs.Select(o => FileIdentity.Of(o.Full)).ToList();
            foreach (var (full, what, instead) in inputs)
            {
                if (identities.IndexOf(FileIdentity.Of(full)) is var i and >= 0)
                    throw new CommandException($"{outputs[i].Display} is an input of this run ({what}); an output never replaces an input: {instead}");
            }
        }

        /// <summary>Writes the chosen format (to standard output unless <c>--output</c> is given) and every output file;
        /// returns an exit code only when writing failed. Each document is rendered once and its bytes written to every
        /// output that asks for it: a SARIF log written to standard output and to a file, or to two files, is built once.</summary>
        private int? Emit(ParseResult parse, string format, List<OutputRequest> outputs, RunResult run, SarifOptions sarifOptions)
        {
            var documents = new RenderedReports(run, new ReportSettings
            {
                Sarif = sarifOptions, ShowSuppressed = parse.GetValue(_showSuppressed), MarkdownLinkBase = parse.GetValue(_markdownLinkBase), PathPrefix = _prefix,
            });
            try
            {
                if (parse.GetValue(_output) is null)
                {
                    documents.WriteTo(ReportFormats.Find(format)!, environment.ColorsStdout(parse.GetValue(_noColor)), stdout);
                    stdout.Flush();
                }

                foreach (var output in outputs)
                {
                    var outputFormat = ReportFormats.Find(output.Format)!;
                    documents.Prepare(outputFormat, color: false);
                    WriteFile(output.Text, stream => documents.WriteTo(outputFormat, color: false, stream));
                }
            }
            catch (OutputException ex)
            {
                var reason = ex.InnerException is DirectoryNotFoundException ? "its folder does not exist" : CommandSupport.WithoutPath(ex.InnerException!.Message);
                stderr.WriteLine($"policylint: error: cannot write '{ex.Path}': {reason}");
                return ExitCodes.UsageError;
            }

            return null;
        }

        /// <summary>The largest <c>--baseline</c> read, in bytes (256 MiB): a SARIF log of every result of a very large
        /// repository is far smaller.</summary>
        private const long BaselineMaxBytes = 256L << 20;

        /// <summary>Reads the <c>--baseline</c> SARIF log. A file that is not JSON, or JSON that is not a SARIF log, is
        /// a usage error at the line and column (1-based, UTF-16) where reading stopped, in words rather than the JSON
        /// reader's (<c>template.yaml(1,1): error: --baseline is not a SARIF log: not JSON ('A' is an invalid start of a
        /// value)</c>).</summary>
        /// <exception cref="CommandException">The file cannot be read, or is not a SARIF log with a run.</exception>
        private static SarifLog ReadBaseline(string full, string text)
        {
            byte[] bytes;
            try
            {
                // Never a FIFO or a device (/dev/zero would fill memory, a FIFO would wait for a writer), never more than
                // the limit: read as templates are.
                var read = FileSourceReading.Read(new PhysicalFileSource(Path.GetDirectoryName(full) ?? full), full, BaselineMaxBytes);
                bytes = read.Bytes ?? throw new CommandException(string.Create(CultureInfo.InvariantCulture,
                    $"--baseline '{text}' is larger than {BaselineMaxBytes:N0} bytes, the most a baseline may hold"));
            }
            catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
            {
                throw new CommandException($"--baseline '{text}' cannot be read as SARIF: {ex.Message}");
            }

            SarifLog? log;
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                log = SarifReporter.Read(stream);
            }
            catch (System.Text.Json.JsonException shape)
            {
                // Is it JSON at all? The JSON reader's own error says where the text stops being JSON.
                try
                {
                    using var stream = new MemoryStream(bytes, writable: false);
                    using var document = System.Text.Json.JsonDocument.Parse(stream);
                }
                catch (System.Text.Json.JsonException syntax)
                {
                    throw new CommandException($"--baseline is not a SARIF log: not JSON ({Reason(syntax)})", At(text, bytes, syntax));
                }

                throw new CommandException($"--baseline is not a SARIF log: the JSON at {shape.Path ?? "$"} does not have the form SARIF gives it", At(text, bytes, shape));
            }

            return log is { Runs.Count: > 0 }
                ? log
                : throw new CommandException($"--baseline '{text}' is not a SARIF log with a run");
        }

        /// <summary>The first sentence of the JSON reader's message, without what it appends (<c>Path: $ | LineNumber: 0
        /// | …</c>, <c>Expected the input to start with a valid JSON token, while …</c>) and without its full stop.</summary>
        private static string Reason(System.Text.Json.JsonException ex)
        {
            var message = ex.Message;
            foreach (var tail in new[] { ". ", " Path: ", " LineNumber: " })
            {
                if (message.IndexOf(tail, StringComparison.Ordinal) is var cut and >= 0)
                    message = message[..cut];
            }

            return message.TrimEnd().TrimEnd('.');
        }

        /// <summary><c>FILE(LINE,COLUMN)</c> of a JSON reader error: its 0-based line (counted at LF) and byte offset in
        /// that line, as a 1-based line and a 1-based UTF-16 column (a UTF-8 byte order mark is not counted).</summary>
        private static string At(string text, byte[] bytes, System.Text.Json.JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            for (var i = 0; i < line && start < bytes.Length; i++)
            {
                var next = bytes.AsSpan(start).IndexOf((byte)'\n');
                start = next < 0 ? bytes.Length : start + next + 1;
            }

            var length = (int)Math.Clamp(ex.BytePositionInLine ?? 0, 0, bytes.Length - start);
            var column = Encoding.UTF8.GetCharCount(bytes, start, length) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"{text}({line + 1},{column})");
        }

        private void WriteFile(string path, Action<Stream> write)
        {
            try
            {
                OutputFile.Write(Full(path), write);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new OutputException(path, ex);
            }
        }

        private static int ExitCode(RunResult run, string failLevel)
        {
            if (!run.ExecutionSuccessful)
                return ExitCodes.Failure;
            return CommandSupport.FailThreshold(failLevel) is { } level && run.Diagnostics.Any(d => !d.IsSuppressed && d.Severity >= level)
                ? ExitCodes.Failure
                : ExitCodes.Success;
        }

        private string Full(string path) => CommandSupport.Full(workingDirectory, path);

        /// <summary>The <c>--format</c> help: every registered format with what it is (<see cref="ReportFormats"/>).</summary>
        private static string FormatHelp()
        {
            // Built at every start (the option's description): a loop, not LINQ, ranges and interpolation (issue 15).
            var formats = ReportFormats.All;
            var help = new StringBuilder("Output format: ");
            for (var i = 0; i < formats.Count; i++)
            {
                if (i > 0)
                    help.Append(i == formats.Count - 1 ? " or " : ", ");
                help.Append(formats[i].Name);
                if (formats[i].Description is { } description)
                    help.Append(" (").Append(description).Append(')');
            }

            return help.Append('.').ToString();
        }

        /// <summary>The git source <c>--staged</c> or <c>--rev</c> asks for; null for the working tree.</summary>
        /// <exception cref="CommandException">Both are given, or the git source cannot be opened.</exception>
        private GitFileSource? OpenSource(ParseResult parse, string root)
        {
            var staged = parse.GetValue(_staged);
            var revision = parse.GetValue(_rev);
            if (staged && revision is not null)
                throw new CommandException("--staged and --rev cannot be used together (one analyzes the git index, the other a commit)");
            try
            {
                return staged ? GitFileSource.OpenIndex(root)
                    : revision is not null ? GitFileSource.OpenCommit(root, revision)
                    : null;
            }
            catch (GitSourceException ex)
            {
                throw new CommandException($"{(staged ? "--staged" : "--rev")}: {ex.Message}");
            }
        }
    }
}
