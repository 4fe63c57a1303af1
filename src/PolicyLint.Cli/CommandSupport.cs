using System.CommandLine;
using System.Globalization;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Workspace;
using PolicyLint.Rules;

namespace PolicyLint.Cli;

/// <summary>A usage or configuration error of a subcommand: printed as <c>policylint: error: …</c>, exit code 2; an
/// error in a file the command line names, at <see cref="At"/>, is printed as the text format prints a result:
/// <c>FILE(LINE,COLUMN): error: …</c>.</summary>
internal sealed class CommandException(string message, string? at = null) : Exception(message)
{
    /// <summary>Where in a file the error is, <c>FILE(LINE,COLUMN)</c> (1-based), or null.</summary>
    public string? At { get; } = at;

    /// <summary>The line written to standard error.</summary>
    public string Line => At is null ? $"policylint: error: {Message}" : $"{At}: error: {Message}";
}

/// <summary>What the subcommands share with the lint command: paths, <c>--today</c>, root, configuration and
/// ledger resolved with the same rules (docs/conventions.md#c3, docs/conventions.md#c12, docs/conventions.md#c18, docs/conventions.md#c20).</summary>
internal static class CommandSupport
{
    /// <summary>The absolute form of <paramref name="path"/>, relative to <paramref name="workingDirectory"/>.</summary>
    public static string Full(string workingDirectory, string path) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, workingDirectory));

    /// <summary>The root-relative path with '/', "." for the root itself, or null when outside the root.</summary>
    public static string? Relative(string root, string full)
    {
        if (string.Equals(full, root, StringComparison.Ordinal))
            return ".";
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..].Replace(Path.DirectorySeparatorChar, '/') : null;
    }

    /// <summary>An I/O error's message without the <c> : '/full/path'</c> that .NET appends to some
    /// (<c>No space left on device : '/dev/full'</c>), for a message that names the path already.</summary>
    public static string WithoutPath(string message)
    {
        var at = message.LastIndexOf(" : '", StringComparison.Ordinal);
        return at > 0 && message.EndsWith('\'') ? message[..at] : message;
    }

    /// <summary><c>--today</c>, else today's UTC date (docs/conventions.md#c12).</summary>
    /// <exception cref="CommandException">The text is not <c>YYYY-MM-DD</c>.</exception>
    public static DateOnly Today(string? text) =>
        text is null ? DateOnly.FromDateTime(DateTime.UtcNow)
        : CliApp.TryParseDay(text, out var day) ? day
        : throw new CommandException(ExclusionLedger.HasDateShape(text) ? $"--today '{text}' is not a calendar date" : $"--today '{text}' is not a date of the form YYYY-MM-DD");

    /// <summary>The least severity that fails a run at <c>--fail-level</c> <paramref name="failLevel"/> (<c>error</c>,
    /// <c>warning</c>, <c>note</c>), or null for <c>none</c>.</summary>
    public static DiagnosticSeverity? FailThreshold(string failLevel) => failLevel switch
    {
        "warning" => DiagnosticSeverity.Warning,
        "note" => DiagnosticSeverity.Note,
        "none" => null,
        _ => DiagnosticSeverity.Error,
    };

    /// <summary>Restricts <paramref name="option"/> to <paramref name="values"/> (exact, case-sensitive). Unlike
    /// System.CommandLine's <c>AcceptOnlyFromAmong</c>, whose message does not say which option was wrong, the error
    /// names the option and the values it accepts: <c>--fail-level: 'fatal' is not one of error, warning, note, none</c>.</summary>
    public static void AcceptOnly(Option<string> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !values.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name}: '{value}' is not one of {string.Join(", ", values)}");
        });
    }

    /// <summary>Writes problems with the run to standard error as <c>policylint: level: [path: ]message</c>.</summary>
    public static void WriteNotifications(TextWriter stderr, IEnumerable<ToolNotification> notifications)
    {
        foreach (var notification in notifications)
            stderr.WriteLine($"policylint: {notification.Level}: {(notification.Path is null ? string.Empty : notification.Path + ": ")}{notification.Message}");
    }

    /// <summary>The rule set of every command: a driver of the rule pack's analyzers (its catalog is the rule catalog).</summary>
    public static AnalysisDriver CreateDriver() => new(RulePack.CreateAnalyzers());

    /// <summary>The exclusion tag keys: a file over the size limit that mentions one is PL0001, never skipped.</summary>
    private static readonly string[] OverLimitMarkers = [Rules.Shared.ExclusionTags.StandardKey, Rules.Shared.ExclusionTags.CodeKey];

    /// <summary>Opens the composition root (<see cref="AnalysisSession"/>) of a command with the rule pack: the
    /// configuration read, and, when it is valid, the load request and analysis options built.</summary>
    /// <exception cref="CommandException"><paramref name="request"/>'s <see cref="SessionRequest.Load"/> refuses a value.</exception>
    public static AnalysisSession OpenSession(SessionRequest request) =>
        AnalysisSession.Open(request with { OverLimitMarkers = OverLimitMarkers }, CreateDriver());

    /// <summary>Resolves the root (<c>--root</c>, else the working directory), reads the configuration and applies
    /// <c>--ledger</c>, <c>--config</c> and then <paramref name="resolve"/> (<see cref="ResolutionOptions.Apply"/>) over it:
    /// the session of a subcommand, which refuses an invalid configuration.</summary>
    /// <exception cref="CommandException">A path is outside the root or missing, the configuration is invalid, or
    /// <paramref name="resolve"/> refuses a value.</exception>
    public static AnalysisSession Open(string workingDirectory, string? rootText, string? ledgerText, string? configText, DateOnly today, Func<LoadRequest, LoadRequest> resolve)
    {
        var root = Full(workingDirectory, rootText ?? ".");
        if (!Directory.Exists(root))
            throw new CommandException($"root '{root}' is not a folder");

        var session = OpenSession(new SessionRequest
        {
            Root = root,
            Today = today,
            ConfigPath = ConfigPath(workingDirectory, root, configText),
            Load = load => resolve(WithLedger(load, workingDirectory, ledgerText)),
        });
        if (!session.IsValid)
        {
            throw new CommandException(string.Create(CultureInfo.InvariantCulture,
                $"the configuration is invalid ({session.Configuration.Problems.Length} {EngineDiagnostics.InvalidConfiguration.Id} result{(session.Configuration.Problems.Length == 1 ? "" : "s")}); run policylint to see them"));
        }

        return session;
    }

    /// <summary><c>--config FILE</c> as a root-relative path; null when not given (the default file then applies).</summary>
    /// <param name="workingDirectory">The folder relative paths are resolved against.</param>
    /// <param name="root">Absolute root.</param>
    /// <param name="configText">The option's value, or null.</param>
    /// <param name="source">Where the file must exist (the working tree when null).</param>
    /// <exception cref="CommandException">The file is outside the root or does not exist.</exception>
    public static string? ConfigPath(string workingDirectory, string root, string? configText, IFileSource? source = null)
    {
        if (configText is null)
            return null;
        var full = Full(workingDirectory, configText);
        var configPath = Relative(root, full) ?? throw new CommandException($"--config '{configText}' is outside the root '{root}'");
        return (source ?? new PhysicalFileSource(root)).Kind(configPath) == FileEntryKind.File ? configPath : throw new CommandException($"--config '{configText}' does not exist{In(source)}");
    }

    /// <summary><paramref name="load"/> with <c>--ledger FILE</c> applied (an explicit ledger, docs/conventions.md#c18); unchanged when not
    /// given.</summary>
    /// <exception cref="CommandException">The file is outside <paramref name="load"/>'s root or does not exist in its
    /// source.</exception>
    public static LoadRequest WithLedger(LoadRequest load, string workingDirectory, string? ledgerText)
    {
        if (ledgerText is null)
            return load;
        var full = Full(workingDirectory, ledgerText);
        var ledgerPath = Relative(load.Root, full) ?? throw new CommandException($"--ledger '{ledgerText}' is outside the root '{load.Root}'");
        return load.Files.Kind(ledgerPath) == FileEntryKind.File
            ? load with { LedgerPath = ledgerPath, LedgerIsExplicit = true }
            : throw new CommandException($"--ledger '{ledgerText}' does not exist{In(load.Source)}");
    }

    /// <summary>The <c>--deployed</c> option of the commands that read the deployed state.</summary>
    public static Option<string[]> DeployedOption() => new("--deployed")
    {
        Description = "Also read what is deployed from AWS CLI exports (--output json of aws inspector2 list-coverage, aws resourcegroupstaggingapi get-resources, aws lambda list-functions): a file, or a folder of *.json files; repeatable. Never calls AWS.",
        HelpName = "FILE|DIR",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><paramref name="load"/> with the <c>--deployed</c> paths (absolute) added after the configured ones.</summary>
    /// <exception cref="CommandException">A path does not exist.</exception>
    public static LoadRequest WithDeployed(LoadRequest load, string workingDirectory, string[]? deployed)
    {
        if (deployed is null || deployed.Length == 0)
            return load;
        var full = new List<string>();
        foreach (var text in deployed)
        {
            var path = Full(workingDirectory, text);
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new CommandException($"--deployed '{text}' does not exist");
            full.Add(path);
        }

        return load with { DeployedPaths = [.. load.DeployedPaths, .. full] };
    }

    /// <summary>" in the git index" for a source other than the working tree; empty for the working tree.</summary>
    public static string In(IFileSource? source) => source is null or PhysicalFileSource ? string.Empty : $" in {source.Description}";
}
