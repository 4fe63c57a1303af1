using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Rules;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Runs the loader and every rule over one file's bytes in memory, as tests/fuzz does, and checks what must
/// hold for any input: nothing throws, no analyzer fails, every reported location lies inside its file.</summary>
internal static class EngineRun
{
    private static readonly AnalysisOptions Options = new() { Today = new DateOnly(2026, 11, 29) };
    private static readonly AnalysisDriver Driver = new(RulePack.CreateAnalyzers());

    private const string Ledger = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: orders-api }
            scan_type: standard
            reason: { summary: accepted, ticket: SEC-1 }
            owner: { team: platform, approved_by: security }
            dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
        """;

    /// <summary>Loads <paramref name="bytes"/> as a template file named <paramref name="path"/> and analyzes it.</summary>
    public static IReadOnlyList<Diagnostic> Template(string path, byte[] bytes, ParseLimits? limits = null)
    {
        var request = new LoadRequest { Root = "/memory", Limits = limits ?? ParseLimits.Default };
        var file = ProjectLoader.LoadBytes(request, path, bytes);
        var ledger = ExclusionLedger.Parse(SourceText.From(LoadRequest.DefaultLedgerPath, Ledger));
        return Analyze(file.Templates, ledger, file.Diagnostics, file.Diagnostics.Count > 0 ? [path] : []);
    }

    /// <summary>Parses <paramref name="bytes"/> as the ledger and analyzes it with a template that tags two functions.</summary>
    public static IReadOnlyList<Diagnostic> LedgerFile(byte[] bytes)
    {
        const string template = """
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-api, Tags: { InspectorExclusion: LambdaStandardScanning } }
              Worker:
                Type: AWS::Lambda::Function
                Properties: { Tags: [{ Key: InspectorCodeExclusion, Value: LambdaCodeScanning }] }
            """;
        var file = ProjectLoader.LoadBytes(new LoadRequest { Root = "/memory" }, "template.yaml", Encoding.UTF8.GetBytes(template));
        var source = SourceText.Decode(LoadRequest.DefaultLedgerPath, bytes, out var invalid);
        if (invalid >= 0)
            return [];
        var ledger = ExclusionLedger.Parse(source);
        var diagnostics = ledger.Tree!.Problems.Select(p => new Diagnostic(EngineDiagnostics.InvalidInput, DiagnosticTarget.At(p.Location), p.Message)).ToList();
        return Analyze(file.Templates, ledger, diagnostics, []);
    }

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

    /// <summary>Writes <paramref name="bytes"/> as <paramref name="name"/> (<c>.policylint.yaml</c>, <c>.editorconfig</c>,
    /// which is written as <c>.globalconfig</c> too, or a samconfig) into a repository with a template, a ledger and (unless
    /// the input is one) a samconfig, and runs as the lint command does: the PL0004 results of the configuration when it
    /// has problems, else the whole root analyzed with it.</summary>
    public static IReadOnlyList<Diagnostic> Configured(string name, byte[] bytes)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", ConfiguredTemplate);
        repository.Write(LoadRequest.DefaultLedgerPath, Ledger);
        repository.WriteBytes(name, bytes);
        if (name == ".editorconfig")
            repository.WriteBytes(".globalconfig", bytes);
        if (!name.StartsWith("samconfig", StringComparison.Ordinal))
            repository.Write("samconfig.toml", FixedSamConfig);

        var session = AnalysisSession.Open(new SessionRequest { Root = repository.Root, Today = Options.Today, Load = load => load with { MaxDegreeOfParallelism = 1 } }, Driver);
        // The run of an invalid configuration says that nothing was analyzed (a tool failure); no analyzer ran to fail.
        var run = session.IsValid ? session.Run() : session.ConfigurationRun() with { Notifications = [] };
        Check(run);
        return run.Diagnostics;
    }

    /// <summary>Reads <paramref name="bytes"/> as an AWS CLI export and analyzes it with a template and a ledger that
    /// record exclusions, so that every deployed-state rule has something to match.</summary>
    public static IReadOnlyList<Diagnostic> DeployedExport(byte[] bytes)
    {
        const string template = """
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-api, Tags: { InspectorExclusion: LambdaStandardScanning } }
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """;
        var file = ProjectLoader.LoadBytes(new LoadRequest { Root = "/memory" }, "template.yaml", Encoding.UTF8.GetBytes(template));
        var export = Core.Loading.InputFrontEnds.DeployedState.ReadBytes("deployed/export.json", bytes, ParseLimits.Default, null);
        var ledger = ExclusionLedger.Parse(SourceText.From(LoadRequest.DefaultLedgerPath, Ledger));
        return Analyze(file.Templates, ledger, export.Diagnostics, [], Core.Inputs.Deployed.DeployedState.Create([export]));
    }

    private static List<Diagnostic> Analyze(IReadOnlyList<Core.Semantics.TemplateModel> templates, ExclusionLedger ledger, IReadOnlyList<Diagnostic> load, IReadOnlyList<string> broken,
        Core.Inputs.Deployed.DeployedState? deployed = null)
    {
        var project = new ProjectModel("/memory", templates, ledger, new HashSet<string>(broken, StringComparer.Ordinal), deployed);
        var outcome = Driver.Run(project, Options, load);
        Check(new RunResult
        {
            Root = "/memory",
            Diagnostics = outcome.Diagnostics,
            Notifications = outcome.Notifications,
            Descriptors = Driver.Descriptors,
            Options = Options,
            FileCount = templates.Count,
            Project = project,
        });
        return [.. outcome.Diagnostics];
    }

    /// <summary>No analyzer failed, every location lies inside its file, and the reporters write the run.</summary>
    private static void Check(RunResult run)
    {
        Assert.That(run.Notifications.Where(n => n.IsToolFailure).Select(n => n.Message), Is.Empty, "an analyzer failed");
        foreach (var diagnostic in run.Diagnostics)
        {
            AssertInside(diagnostic.Location, diagnostic);
            foreach (var related in diagnostic.Target.RelatedLocations)
                AssertInside(related.Location, diagnostic);
        }

        _ = SarifReporter.ToJson(SarifReporter.Build(run, new SarifOptions()));
        using var text = new StringWriter();
        TextReporter.Write(run, text);
    }

    /// <summary>docs/conventions.md#c2: line ≥ 1, column ≥ 1, start ≤ end, no column past the end of its line, no line past the file's last.</summary>
    public static void AssertInside(Location location, Diagnostic diagnostic)
    {
        var source = location.Source;
        var lines = Math.Max(1, source.LineCount);
        var ok = location.Span.Start >= 0 && location.Span.Start <= location.Span.End && location.Span.End <= source.Text.Length
            && location.Start.Line >= 1 && location.Start.Column >= 1 && location.Start <= location.End
            && location.Start.Line <= lines && location.End.Line <= lines
            && location.Start.Column <= source.GetLineText(location.Start.Line).Length + 1
            && location.End.Column <= source.GetLineText(location.End.Line).Length + 1;
        Assert.That(ok, Is.True, $"location outside its file: ({location.Start})-({location.End}) span {location.Span} of {source.Text.Length} chars, {source.LineCount} lines: {diagnostic}");
    }
}
