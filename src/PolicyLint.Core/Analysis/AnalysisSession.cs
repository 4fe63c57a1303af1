using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Suppressions;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Analysis;

/// <summary>
/// The composition root of a run: from what a command resolved (<see cref="SessionRequest"/>) and the rule pack's
/// driver, reads the configuration, then builds the load request (ledger path, inputs, resolution, limits) and the
/// analysis options (today, rule options, severities) as every command and the tests use them: the lint command,
/// <c>ledger status</c>, <c>ledger add</c>, <c>rules</c> (its catalog) and the test helpers. Nothing else builds a driver,
/// reads configuration or calls <see cref="AnalysisRunner"/> for them.
/// </summary>
public sealed class AnalysisSession
{
    private readonly LoadRequest? _load;
    private readonly AnalysisOptions? _options;

    private AnalysisSession(SessionRequest request, AnalysisDriver driver, EffectiveConfiguration configuration, LoadRequest? load, AnalysisOptions? options)
    {
        Request = request;
        Driver = driver;
        Configuration = configuration;
        _load = load;
        _options = options;
    }

    /// <summary>What the session was opened from.</summary>
    public SessionRequest Request { get; }

    /// <summary>The absolute root.</summary>
    public string Root => Request.Root;

    /// <summary>The driver of the rule set the session was opened with (its catalog: <see cref="AnalysisDriver.Descriptors"/>).</summary>
    public AnalysisDriver Driver { get; }

    /// <summary>The configuration read from the root (empty when <see cref="SessionRequest.ReadConfiguration"/> is false).</summary>
    public EffectiveConfiguration Configuration { get; }

    /// <summary>Whether the configuration has no problem (no PL0004): only then are <see cref="Load"/> and
    /// <see cref="Options"/> built and can the root be analyzed.</summary>
    public bool IsValid => Configuration.Problems.Length == 0;

    /// <summary>What to load: the configuration's request with the command line's settings over it.</summary>
    /// <exception cref="InvalidOperationException">The configuration is invalid (<see cref="IsValid"/>).</exception>
    public LoadRequest Load => _load ?? throw Invalid();

    /// <summary>The analysis options: today, the configuration's rule options and severities.</summary>
    /// <exception cref="InvalidOperationException">The configuration is invalid (<see cref="IsValid"/>).</exception>
    public AnalysisOptions Options => _options ?? throw Invalid();

    /// <summary>The ledger path the configuration names (root-relative), before any <c>--ledger</c>: an input of the run
    /// even when the configuration is invalid.</summary>
    public string ConfiguredLedgerPath => Configuration.LedgerPath ?? LoadRequest.DefaultLedgerPath;

    /// <summary>Reads the configuration of <paramref name="request"/>'s root with <paramref name="driver"/>'s catalog and
    /// options, and, when it is valid, builds the load request and analysis options.</summary>
    /// <param name="request">What the command resolved.</param>
    /// <param name="driver">The rule set's driver (the rule pack's for the command line; a test's analyzers).</param>
    /// <exception cref="Exception">Whatever <see cref="SessionRequest.Load"/> or <see cref="SessionRequest.Options"/>
    /// throws to refuse a value.</exception>
    public static AnalysisSession Open(SessionRequest request, AnalysisDriver driver)
    {
        if (!request.ReadConfiguration)
        {
            var bare = new LoadRequest { Root = request.Root, Source = request.Source, OverLimitMarkers = request.OverLimitMarkers };
            return new AnalysisSession(request, driver, new EffectiveConfiguration(), Apply(request, bare), ApplyOptions(request, new AnalysisOptions { Today = request.Today }));
        }

        var configuration = ConfigurationLoader.Load(new ConfigurationRequest
        {
            Root = request.Root, ExplicitPath = request.ConfigPath, Catalog = driver.Descriptors, Options = driver.Options, Source = request.Source,
        });
        if (configuration.Problems.Length > 0)
            return new AnalysisSession(request, driver, configuration, null, null);

        var load = configuration.ToLoadRequest(request.Root) with { Source = request.Source, OverLimitMarkers = request.OverLimitMarkers };
        return new AnalysisSession(request, driver, configuration, Apply(request, load), ApplyOptions(request, configuration.ToAnalysisOptions(request.Today, driver.Descriptors)));
    }

    /// <summary>Loads and analyzes the root (<see cref="AnalysisRunner.Run(LoadRequest, AnalysisOptions, AnalysisDriver, IReadOnlyCollection{string}?, CancellationToken)"/>);
    /// the notifications start with a warning per error rule the configuration turns off or lowers
    /// (<see cref="EffectiveConfiguration.WeakenedErrorRules"/>) and per suppression that accepts results of one
    /// (<see cref="SuppressionEvaluator.ErrorRuleSuppressions"/>).</summary>
    /// <param name="reportPaths">Root-relative paths whose results are reported; null or empty for all (docs/conventions.md#c3).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="InvalidOperationException">The configuration is invalid.</exception>
    public RunResult Run(IReadOnlyCollection<string>? reportPaths = null, CancellationToken cancellationToken = default)
    {
        var run = AnalysisRunner.Run(Load, Options, Driver, reportPaths, cancellationToken);
        IReadOnlyList<ToolNotification> opened = [.. Configuration.WeakenedErrorRules(Driver.Descriptors), .. SuppressionEvaluator.ErrorRuleSuppressions(run.Diagnostics)];
        return opened.Count == 0 ? run : run with { Notifications = [.. opened, .. run.Notifications] };
    }

    /// <summary>The run of an invalid configuration: its PL0004 results, and an error notification that nothing was
    /// analyzed (SARIF <c>executionSuccessful: false</c>, like a usage error). The files counted are the configuration files.</summary>
    public RunResult ConfigurationRun() =>
        new()
        {
            Root = Root,
            Diagnostics = Configuration.ProblemDiagnostics(),
            Notifications = [new ToolNotification("error", $"the configuration is invalid ({Configuration.Problems.Length} {EngineDiagnostics.InvalidConfiguration.Id} result{(Configuration.Problems.Length == 1 ? "" : "s")}); nothing was analyzed", IsToolFailure: true)],
            Descriptors = Driver.Descriptors,
            Options = new AnalysisOptions { Today = Request.Today },
            FileCount = Configuration.Files.Length,
            Project = new ProjectModel(Root, [], ExclusionLedger.Missing(LoadRequest.DefaultLedgerPath), new HashSet<string>()),
        };

    /// <summary>Loads the root without analyzing it, once per samconfig environment group when
    /// <see cref="LoadRequest.ConfigEnvironment"/> is <c>*</c> (<see cref="ProjectLoader.LoadEveryEnvironment"/>), else
    /// once (with no environment names).</summary>
    /// <exception cref="InvalidOperationException">The configuration is invalid.</exception>
    public IReadOnlyList<(IReadOnlyList<string> Environments, ProjectModel Project)> LoadProjects() =>
        Load.ConfigEnvironment == SamConfig.EveryEnvironment
            ? [.. ProjectLoader.LoadEveryEnvironment(Load).Select(l => (l.Environments, l.Result.Project))]
            : [([], ProjectLoader.Load(Load).Project)];

    private static LoadRequest Apply(SessionRequest request, LoadRequest load) => request.Load is { } apply ? apply(load) : load;

    private static AnalysisOptions ApplyOptions(SessionRequest request, AnalysisOptions options) => request.Options is { } apply ? apply(options) : options;

    private InvalidOperationException Invalid() =>
        new($"the configuration has {Configuration.Problems.Length} problem(s) (PL0004): use {nameof(ConfigurationRun)}");
}
