using System.Collections.Immutable;
using System.Globalization;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Tests.Configuration;

// Test-only analyzers: configuration, severities and suppressions are engine behaviour, tested once here (docs/style.md#rule-tests).

/// <summary>PL2901: reports every resource at its logical ID (warning); reads the option <c>PL2901.limit</c>.</summary>
internal sealed class EveryResourceAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<int> Limit = RuleOptions.Days("PL2901.limit", 14, "A test option, in days.", minimum: 1);

    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL2901", "EveryResource", "Resource found", "Resource '{0}'", RuleCategory.ScanCoverage, DiagnosticSeverity.Warning, "Reports every resource.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override ImmutableArray<RuleOption> SupportedOptions => [Limit];

    public override void Initialize(AnalysisContext context) => context.RegisterTemplateAction(c =>
    {
        foreach (var resource in c.Template.Resources)
            c.ReportDiagnostic(Rule, resource.Target, resource.LogicalId);
    });
}

/// <summary>PL3901: reports every ledger record at its first key (note).</summary>
internal sealed class EveryLedgerRecordAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL3901", "EveryLedgerRecord", "Ledger record found", "Ledger record", RuleCategory.LedgerHygiene, DiagnosticSeverity.Note, "Reports every ledger record.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(c =>
    {
        foreach (var record in c.Ledger.Records)
            c.ReportDiagnostic(Rule, record.Target);
    });
}

/// <summary>Loads the configuration of a test repository and runs the test analyzers with it, as the command line does.</summary>
internal static class ConfiguredRun
{
    public const string Today = "2026-11-29";

    public static AnalysisDriver Driver() => new([new EveryResourceAnalyzer(), new EveryLedgerRecordAnalyzer()]);

    public static EffectiveConfiguration Load(string root, string? explicitPath = null)
    {
        var driver = Driver();
        return ConfigurationLoader.Load(new ConfigurationRequest
        {
            Root = root,
            ExplicitPath = explicitPath,
            Catalog = driver.Descriptors,
            Options = driver.Options,
        });
    }

    /// <summary>The PL0004 results as <c>path(line,col): message</c>, in report order.</summary>
    public static IReadOnlyList<string> Problems(EffectiveConfiguration configuration) =>
        [.. configuration.ProblemDiagnostics().Select(d => $"{d.Location.Path}({d.Location.Start.Line},{d.Location.Start.Column}): {d.Message}")];

    /// <summary>Runs with the repository's (valid) configuration; results as <see cref="Format"/>.</summary>
    public static IReadOnlyList<string> Run(string root, string today = Today)
    {
        var day = DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var session = AnalysisSession.Open(new SessionRequest { Root = root, Today = day }, Driver());
        Assert.That(Problems(session.Configuration), Is.Empty, "the configuration is valid");
        var run = session.Run();
        Assert.That(run.Notifications, Is.Empty);
        return [.. run.Diagnostics.Select(Format)];
    }

    /// <summary><c>path(line,col): severity ID: message</c>, then <c> [suppressed: justification, expires day]</c>.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.Start;
        var text = $"{diagnostic.Location.Path}({start.Line},{start.Column}): {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.Message}";
        if (diagnostic.Suppression is { } s)
            text += $" [suppressed: {s.Justification}{(s.Expires is { } e ? string.Create(CultureInfo.InvariantCulture, $", expires {e:yyyy-MM-dd}") : string.Empty)}]";
        return text;
    }
}
