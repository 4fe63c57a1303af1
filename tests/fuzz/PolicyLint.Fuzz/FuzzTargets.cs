using System.Text;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Text;
using PolicyLint.Rules;

namespace PolicyLint.Fuzz;

/// <summary>
/// The fuzz targets: each takes one input's bytes and runs a front end with every rule over it, as the CLI would.
/// A target fails (throws) when the engine throws, or when a result's location lies outside its file. To fuzz a new
/// parser, add an entry here, a seed selection in run.sh and a folder under regressions/ (tests/fuzz/README.md).
/// </summary>
public static class FuzzTargets
{
    /// <summary>Targets by name.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["template-yaml"] = bytes => Template("template.yaml", bytes),
        ["template-json"] = bytes => Template("template.json", bytes),
        ["ledger"] = Ledger,
        ["config"] = bytes => Configured(ConfigurationRequest.DefaultFileName, bytes),
        ["editorconfig"] = bytes => Configured(".editorconfig", bytes),
        ["samconfig-toml"] = bytes => Configured("samconfig.toml", bytes),
        ["samconfig-yaml"] = bytes => Configured("samconfig.yaml", bytes),
        ["deployed-export"] = DeployedExport,
    };

    // Instrumented code may run only inside Fuzzer.Run (before it, AFL's shared memory is not mapped), so nothing of
    // the engine is touched by a static initializer of this class: the engine's objects live in State.
    private static class State
    {
        public static readonly LoadRequest Request = new() { Root = "/fuzz" };
        public static readonly AnalysisOptions Options = new() { Today = new DateOnly(2026, 11, 29) };
        public static readonly AnalysisDriver Driver = new(RulePack.CreateAnalyzers());
        public static readonly FixedRepository Repository = new();
    }

    /// <summary>A small repository on disk, made once per process, that the configuration targets write one fuzzed
    /// file into (the configuration and project loaders read the file system): a template with a parameter, tagged
    /// functions and a samconfig environment other than the default, a ledger, and a samconfig.</summary>
    private sealed class FixedRepository
    {
        public FixedRepository()
        {
            Root = Path.Combine(Path.GetTempPath(), $"policylint-fuzz-{Environment.ProcessId}");
            if (Directory.Exists(Root))
                Directory.Delete(Root, recursive: true);
            Directory.CreateDirectory(Path.Combine(Root, "security"));
            File.WriteAllText(Path.Combine(Root, "template.yaml"), ConfiguredTemplate);
            File.WriteAllText(Path.Combine(Root, LoadRequest.DefaultLedgerPath), FixedLedger);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(Root, recursive: true);
                }
                catch (IOException)
                {
                }
            };
        }

        public string Root { get; }
    }


    // A ledger with one entry of each kind, so that the ledger-matching code runs against fuzzed templates.
    private const string FixedLedger = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: orders-api }
            scan_type: standard
            reason: { summary: accepted, ticket: SEC-1 }
            owner: { team: platform, approved_by: security }
            dates: { applied_at: 2026-10-01, expires_at: 2027-03-31 }
          - target: { type: lambda, template: template.yaml, logical_id: Worker }
            scan_type: code
            reason: { summary: accepted, ticket: SEC-2 }
            owner: { team: platform, approved_by: security }
            dates: { applied_at: 2026-10-01, expires_at: 2026-11-01 }
        """;

    // A template with tagged functions, so that fuzzed ledgers are matched against something.
    private const string FixedTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Globals: { Function: { Tags: { InspectorCodeExclusion: LambdaCodeScanning } } }
        Resources:
          Api:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-api
              Tags: { InspectorExclusion: LambdaStandardScanning }
          Worker:
            Type: AWS::Lambda::Function
            Properties:
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/example
              Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
        """;

    // The template of the configuration targets: a parameter (for `parameters` and samconfig parameter_overrides),
    // AWS::StackName, and tags that rules report on.
    private const string ConfiguredTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Env: { Type: String, Default: dev }
        Resources:
          Api:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-api
              Tags: { InspectorExclusion: LambdaStandardScanning }
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub "${AWS::StackName}-worker-${Env}"
              Tags: { InspectorCodeExclusion: LambdaCodeScanning }
        """;

    // The samconfig beside the template when the input is another file: a default and a prod environment.
    private const string FixedSamConfig = """
        version = 0.1
        [default.deploy.parameters]
        stack_name = "orders"
        parameter_overrides = "Env=dev"
        [prod.deploy.parameters]
        stack_name = "orders-prod"
        template_file = "template.yaml"
        parameter_overrides = ["Env=prod"]
        tags = "team=\"orders\" InspectorExclusion=LambdaStandardScanning"
        """;

    /// <summary>Writes <paramref name="bytes"/> as <paramref name="name"/> at the root of the fixed repository (and
    /// the fixed samconfig unless the input is one), then runs as the lint command does: the configuration loader with
    /// the rule catalog, its PL0004 results when it has problems, else the whole root analyzed with the configuration's
    /// load request and analysis options (rule options and severities included).</summary>
    private static void Configured(string name, byte[] bytes)
    {
        var root = State.Repository.Root;
        foreach (var file in (string[])[ConfigurationRequest.DefaultFileName, ".editorconfig", ".globalconfig", "samconfig.toml", "samconfig.yaml"])
            File.Delete(Path.Combine(root, file));
        File.WriteAllBytes(Path.Combine(root, name), bytes);
        if (name == ".editorconfig")
            File.WriteAllBytes(Path.Combine(root, ".globalconfig"), bytes); // the same reader, global section only
        if (!name.StartsWith("samconfig", StringComparison.Ordinal))
            File.WriteAllText(Path.Combine(root, "samconfig.toml"), FixedSamConfig);

        var driver = State.Driver;
        var config = ConfigurationLoader.Load(new ConfigurationRequest { Root = root, Catalog = driver.Descriptors, Options = driver.Options });
        RunResult run;
        if (config.Problems.Length > 0)
        {
            run = new RunResult
            {
                Root = root,
                Diagnostics = config.ProblemDiagnostics(),
                Notifications = [],
                Descriptors = driver.Descriptors,
                Options = State.Options,
                FileCount = config.Files.Length,
                Project = new ProjectModel(root, [], ExclusionLedger.Missing(LoadRequest.DefaultLedgerPath), new HashSet<string>()),
            };
        }
        else
        {
            var load = config.ToLoadRequest(root) with { MaxDegreeOfParallelism = 1 };
            run = AnalysisRunner.Run(load, config.ToAnalysisOptions(State.Options.Today, driver.Descriptors), driver);
        }

        Check(run);
    }

    private static void Template(string path, byte[] bytes)
    {
        var file = ProjectLoader.LoadBytes(State.Request, path, bytes);
        var ledger = ExclusionLedger.Parse(SourceText.From(LoadRequest.DefaultLedgerPath, FixedLedger));
        Analyze(file.Templates, ledger, file.Diagnostics, file.IsTemplateFile && file.Diagnostics.Count > 0 ? [path] : []);
    }

    private static void Ledger(byte[] bytes)
    {
        var template = ProjectLoader.LoadBytes(State.Request, "template.yaml", Encoding.UTF8.GetBytes(FixedTemplate));
        var source = SourceText.Decode(LoadRequest.DefaultLedgerPath, bytes, out var invalid);
        if (invalid >= 0)
            return; // the loader reports this as PL0001 before parsing
        var ledger = ExclusionLedger.Parse(source);
        var diagnostics = ledger.Tree!.Problems.Select(p => new Diagnostic(EngineDiagnostics.InvalidInput, DiagnosticTarget.At(p.Location), p.Message)).ToList();
        Analyze(template.Templates, ledger, diagnostics, []);
    }

    /// <summary>An AWS CLI export, read by the deployed-state front end and analyzed with the fixed template (matched by
    /// name and through CloudFormation tags) and the fixed ledger.</summary>
    private static void DeployedExport(byte[] bytes)
    {
        var template = ProjectLoader.LoadBytes(State.Request, "template.yaml", Encoding.UTF8.GetBytes(FixedTemplate));
        var ledger = ExclusionLedger.Parse(SourceText.From(LoadRequest.DefaultLedgerPath, FixedLedger));
        var export = Core.Loading.InputFrontEnds.DeployedState.ReadBytes("deployed/export.json", bytes, Core.Syntax.ParseLimits.Default, null);
        Analyze(template.Templates, ledger, export.Diagnostics, [], Core.Inputs.Deployed.DeployedState.Create([export]));
    }

    private static void Analyze(IReadOnlyList<TemplateModel> templates, ExclusionLedger ledger, IReadOnlyList<Diagnostic> loadDiagnostics, IReadOnlyList<string> broken,
        Core.Inputs.Deployed.DeployedState? deployed = null)
    {
        var project = new ProjectModel(State.Request.Root, templates, ledger, new HashSet<string>(broken, StringComparer.Ordinal), deployed);
        var outcome = State.Driver.Run(project, State.Options, loadDiagnostics);
        Check(new RunResult
        {
            Root = State.Request.Root,
            Diagnostics = outcome.Diagnostics,
            Notifications = outcome.Notifications,
            Descriptors = State.Driver.Descriptors,
            Options = State.Options,
            FileCount = templates.Count,
            Project = project,
        });
    }

    /// <summary>No analyzer failed, every location lies inside its file, and the reporters write the run.</summary>
    private static void Check(RunResult run)
    {
        var failure = run.Notifications.FirstOrDefault(n => n.IsToolFailure);
        if (failure is not null)
            throw new InvalidOperationException($"analyzer failure: {failure.Message}");
        foreach (var diagnostic in run.Diagnostics)
        {
            CheckInside(diagnostic.Location, diagnostic);
            foreach (var related in diagnostic.Target.RelatedLocations)
                CheckInside(related.Location, diagnostic);
        }

        _ = SarifReporter.ToJson(SarifReporter.Build(run, new SarifOptions()));
        using var text = new StringWriter();
        TextReporter.Write(run, text);
    }

    /// <summary>A location must name a real place of its file (docs/conventions.md#c2): line ≥ 1, column ≥ 1, start ≤ end, within the
    /// text, and no column past the end of its line.</summary>
    private static void CheckInside(Location location, Diagnostic diagnostic)
    {
        var source = location.Source;
        var ok = location.Span.Start >= 0 && location.Span.Start <= location.Span.End && location.Span.End <= source.Text.Length
            && location.Start.Line >= 1 && location.Start.Column >= 1 && location.Start <= location.End
            && location.Start.Column <= source.GetLineText(location.Start.Line).Length + 1
            && location.End.Column <= source.GetLineText(location.End.Line).Length + 1
            && location.Start.Line <= Math.Max(1, source.LineCount) && location.End.Line <= Math.Max(1, source.LineCount);
        if (!ok)
            throw new InvalidOperationException($"location outside its file: {location} span {location.Span} for {diagnostic}");
    }
}
