using System.Collections.Immutable;
using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Workspace;
using PolicyLint.Rules;

namespace PolicyLint.Testing;

/// <summary>
/// Verifies analyzers on a small repository written in the test, with location markup (docs/style.md#rule-tests). Every expected
/// diagnostic must be reported exactly once at exactly its marked span, and nothing else may be reported.
/// </summary>
public sealed class RuleTest
{
    /// <summary>The day every test runs on unless it says otherwise.</summary>
    public const string DefaultToday = "2026-11-29";

    private readonly IReadOnlyList<DiagnosticAnalyzer> _analyzers;
    private readonly List<(string Path, string Markup)> _files = [];
    private readonly Dictionary<int, List<(string? Id, string? Message)>> _expectations = [];
    private readonly List<(int Marker, int Related, string? Message)> _related = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private DateOnly _today = DateOnly.Parse(DefaultToday, System.Globalization.CultureInfo.InvariantCulture);
    private ResolutionSettings _settings = ResolutionSettings.Default;
    private string? _ledgerPath;
    private readonly List<string> _exports = [];
    private string _configEnvironment = SamConfig.DefaultEnvironment;

    private RuleTest(IReadOnlyList<DiagnosticAnalyzer> analyzers) => _analyzers = analyzers;

    /// <summary>A test of one analyzer (engine diagnostics such as PL0001 and PL0002 are reported too).</summary>
    public static RuleTest For<TAnalyzer>()
        where TAnalyzer : DiagnosticAnalyzer, new() => new([new TAnalyzer()]);

    /// <summary>A test of the whole rule pack.</summary>
    public static RuleTest ForAll() => new(RulePack.CreateAnalyzers());

    /// <summary>Adds a template at <paramref name="path"/> (default <c>template.yaml</c>).</summary>
    public RuleTest WithTemplate(string markup, string path = "template.yaml") => WithFile(path, markup);

    /// <summary>Adds the ledger (at the default path unless <paramref name="path"/> is given, then passed as --ledger).</summary>
    public RuleTest WithLedger(string markup, string? path = null)
    {
        _ledgerPath = path;
        return WithFile(path ?? LoadRequest.DefaultLedgerPath, markup);
    }

    /// <summary>Adds an AWS CLI export of the deployed state at <paramref name="path"/> (passed as <c>--deployed</c>).</summary>
    public RuleTest WithExport(string path, string markup)
    {
        _exports.Add(path);
        return WithFile(path, markup);
    }

    /// <summary>Adds any file.</summary>
    public RuleTest WithFile(string path, string markup)
    {
        _files.Add((path, markup));
        return this;
    }

    /// <summary>Sets the day (<c>--today</c>).</summary>
    public RuleTest WithToday(string day)
    {
        _today = DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>Sets parameter overrides and configured pseudo parameters.</summary>
    public RuleTest WithSettings(ResolutionSettings settings)
    {
        _settings = settings;
        return this;
    }

    /// <summary>Sets the samconfig environment (<c>--config-env</c>); samconfig files are added with <see cref="WithFile"/>.</summary>
    public RuleTest WithConfigEnvironment(string environment)
    {
        _configEnvironment = environment;
        return this;
    }

    /// <summary>Sets a rule option.</summary>
    public RuleTest WithOption(string key, string value)
    {
        _options[key] = value;
        return this;
    }

    /// <summary>Expects the span marked <c>{|#marker:…|}</c> to get <paramref name="id"/>, with exactly
    /// <paramref name="message"/> when given. Called again for the same marker, it expects one more diagnostic at
    /// that span (a rule that reports several defects at one key).</summary>
    public RuleTest Expect(int marker, string id, string? message = null)
    {
        if (!_expectations.TryGetValue(marker, out var list))
            _expectations[marker] = list = [];
        list.Add((id, message));
        return this;
    }

    /// <summary>Expects the result at <paramref name="marker"/> to have the span <paramref name="related"/> as a related
    /// location (with that message when given).</summary>
    public RuleTest ExpectRelated(int marker, int related, string? message = null)
    {
        _related.Add((marker, related, message));
        return this;
    }

    /// <summary>Runs the analyzers and asserts the results; returns them for further assertions.</summary>
    public IReadOnlyList<Diagnostic> Verify()
    {
        using var repository = new TemporaryRepository();
        var expected = new List<(string Path, MarkedSpan Span, string Id, string? Message)>();
        var markers = new Dictionary<int, (string Path, MarkedSpan Span)>();
        foreach (var (path, markup) in _files)
        {
            var (text, spans) = Markup.Parse(markup);
            repository.Write(path, text);
            foreach (var span in spans)
            {
                if (span.Marker is { } m)
                {
                    markers[m] = (path, span);
                    if (!_expectations.ContainsKey(m) && _related.Any(r => r.Related == m))
                        continue; // a related-location marker only
                }

                if (span.Marker is { } k && _expectations.TryGetValue(k, out var listed))
                {
                    foreach (var (listedId, listedMessage) in listed)
                        expected.Add((path, span, span.Id ?? listedId ?? SingleId(), listedMessage));
                }
                else
                    expected.Add((path, span, span.Id ?? SingleId(), null));
            }
        }

        // The composition root of the command line, without configuration files: the test sets every option itself.
        var session = AnalysisSession.Open(
            new SessionRequest
            {
                Root = repository.Root,
                Today = _today,
                ReadConfiguration = false,
                Load = load => load with
                {
                    LedgerPath = _ledgerPath ?? LoadRequest.DefaultLedgerPath,
                    LedgerIsExplicit = _ledgerPath is not null,
                    Resolution = _settings,
                    ConfigEnvironment = _configEnvironment,
                    DeployedPaths = _exports,
                },
                Options = options => options with { RuleOptionValues = _options },
            },
            new AnalysisDriver(_analyzers));
        var run = session.Run();
        Assert.That(run.Notifications.Where(n => n.IsToolFailure), Is.Empty, "an analyzer failed");

        var actual = run.Diagnostics.ToList();
        var problems = new StringBuilder();
        foreach (var e in expected)
        {
            var match = actual.FirstOrDefault(d => d.Id == e.Id && d.Location.Path == e.Path && d.Location.Span.Start == e.Span.Start && d.Location.Span.End == e.Span.End
                && (e.Message is null || d.Message == e.Message))
                ?? actual.FirstOrDefault(d => d.Id == e.Id && d.Location.Path == e.Path && d.Location.Span.Start == e.Span.Start && d.Location.Span.End == e.Span.End);
            if (match is null)
            {
                problems.AppendLine($"missing: {Describe(repository, e.Path, e.Span)} {e.Id}");
                continue;
            }

            actual.Remove(match);
            if (e.Message is not null && match.Message != e.Message)
                problems.AppendLine($"message of {e.Id} at {match.Location}:\n  expected: {e.Message}\n  actual:   {match.Message}");
            foreach (var (marker, related, relatedMessage) in _related.Where(r => markers.TryGetValue(r.Marker, out var ms) && ms.Span == e.Span))
            {
                var (relatedPath, relatedSpan) = markers[related];
                var found = match.Target.RelatedLocations.Any(r => r.Location.Path == relatedPath && r.Location.Span.Start == relatedSpan.Start && r.Location.Span.End == relatedSpan.End
                    && (relatedMessage is null || r.Message == relatedMessage));
                if (!found)
                    problems.AppendLine($"{e.Id} at {match.Location} lacks related location #{related} ({Describe(repository, relatedPath, relatedSpan)}); has: {string.Join(", ", match.Target.RelatedLocations.Select(r => $"{r.Location} '{r.Message}'"))}");
            }
        }

        foreach (var d in actual)
            problems.AppendLine($"unexpected: {d.Location.Path}({d.Location.Start.Line},{d.Location.Start.Column})-({d.Location.End.Line},{d.Location.End.Column}) {d.Id}: {d.Message}");
        if (problems.Length > 0)
            Assert.Fail(problems.ToString());
        return run.Diagnostics;
    }

    private string SingleId()
    {
        var ids = _analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableArray();
        return ids.Length == 1 ? ids[0] : throw new InvalidOperationException("[|…|] needs an analyzer with a single ID; write {|PLxxxx:…|}");
    }

    private static string Describe(TemporaryRepository repository, string path, MarkedSpan span)
    {
        var source = Core.Text.SourceText.From(path, repository.Read(path));
        return $"{path}({source.GetPosition(span.Start)})-({source.GetPosition(span.End)}) '{source.Text[span.Start..span.End]}'";
    }
}
