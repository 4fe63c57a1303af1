using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting.Sarif;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// Writes SARIF 2.1.0 for GitHub code scanning and SARIF viewers: one run, the whole rule catalog, root-relative
/// percent-encoded URIs under <c>%SRCROOT%</c>, full regions in UTF-16 columns, logical and related locations,
/// line-move-proof fingerprints, <c>results: []</c> when clean, and the same bytes for the same input.
/// </summary>
/// <remarks>Spec: OASIS SARIF 2.1.0 errata 01; GitHub: "SARIF support for code scanning" (docs.github.com). Constants
/// per docs/design/sarif-and-json.md#sarif-constants.</remarks>
public sealed class SarifReporter : IReporter
{
    [ThreadStatic]
    private static int t_builds;

    /// <summary>How many SARIF logs <see cref="Build(RunResult, SarifOptions, string)"/> has built on the calling thread: a count for tests (a run of the
    /// command line builds at most one, however many outputs it writes it to). Per thread, so that tests running in
    /// parallel do not count each other's.</summary>
    public static int BuildsOnThisThread => t_builds;

    /// <inheritdoc/>
    public void Write(RunResult run, ReportSettings settings, Stream stream) => Write(Build(run, settings.Sarif, settings.PathPrefix), stream);

    /// <summary>The base URI ID every artifact location uses.</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>GitHub code scanning rejects a run with more results than this ("SARIF support for code scanning").</summary>
    public const int GitHubResultLimit = 25_000;

    /// <summary>Builds the SARIF log for <paramref name="run"/>.</summary>
    public static SarifLog Build(RunResult run, SarifOptions options) => Build(run, options, string.Empty);

    /// <summary>Builds the SARIF log for <paramref name="run"/>, each root-relative URI after
    /// <paramref name="pathPrefix"/> (<see cref="ReportSettings.PathPrefix"/>): <c>%SRCROOT%</c> is then the
    /// repository root, of which the analyzed root is the folder <paramref name="pathPrefix"/>.</summary>
    internal static SarifLog Build(RunResult run, SarifOptions options, string pathPrefix)
    {
        t_builds++;
        var descriptors = run.Descriptors;
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < descriptors.Length; i++)
            ruleIndex[descriptors[i].Id] = i;

        var driver = new SarifToolComponent
        {
            Name = ToolInfo.Name,
            Version = options.Tool.Version,
            SemanticVersion = options.Tool.Version,
            InformationUri = options.Tool.InformationUri,
            Rules = [.. descriptors.Select(d => BuildRule(d, options))],
        };

        var written = run.Diagnostics.Where(d => !(options.OmitSuppressed && d.IsSuppressed)).ToList();
        var absent = options.AbsentResults;
        var notifications = run.Notifications.ToList();
        if (written.Count + absent.Count > options.MaxResults)
            (written, absent) = Truncate(written, absent, options.MaxResults, notifications);

        var lineHashes = new Dictionary<string, LineHash.Reader>(StringComparer.Ordinal);
        var results = new List<SarifResult>(written.Count + absent.Count);
        foreach (var diagnostic in written)
            results.Add(BuildResult(diagnostic, ruleIndex[diagnostic.Id], options, lineHashes, pathPrefix));

        results.AddRange(absent);

        // A loop, not LINQ over (descriptor, index, severity?) tuples: those generic instantiations over a value type
        // are in no ReadyToRun image and were JIT-compiled at every run (issue 15).
        var overrides = new List<SarifConfigurationOverride>();
        for (var i = 0; i < descriptors.Length; i++)
        {
            var descriptor = descriptors[i];
            var severity = run.Options.GetSeverity(descriptor);
            if (severity == descriptor.DefaultSeverity)
                continue;
            overrides.Add(new SarifConfigurationOverride
            {
                Configuration = severity is { } s ? new SarifConfiguration { Level = ReportText.Level(s) } : new SarifConfiguration { Enabled = false, Level = "none" },
                Descriptor = new SarifDescriptorReference { Id = descriptor.Id, Index = i },
            });
        }

        var invocation = new SarifInvocation
        {
            ExecutionSuccessful = run.ExecutionSuccessful,
            RuleConfigurationOverrides = overrides.Count > 0 ? overrides : null,
            ToolExecutionNotifications = Notifications(notifications.Where(n => !n.IsConfiguration), pathPrefix),
            ToolConfigurationNotifications = Notifications(notifications.Where(n => n.IsConfiguration), pathPrefix),
        };

        return new SarifLog
        {
            Runs =
            [
                new SarifRun
                {
                    Tool = new SarifTool { Driver = driver },
                    Invocations = [invocation],
                    OriginalUriBaseIds = new Dictionary<string, SarifArtifactLocation>(StringComparer.Ordinal)
                    {
                        [SourceRoot] = new()
                        {
                            Description = new SarifMessage
                            {
                                Text = pathPrefix.Length == 0
                                    ? "The root directory PolicyLint analyzed (the repository root); every artifact URI is relative to it."
                                    : $"The repository root, whose folder {pathPrefix} PolicyLint analyzed; every artifact URI is relative to the repository root.",
                            },
                        },
                    },
                    ColumnKind = "utf16CodeUnits",
                    Artifacts = Artifacts(run, pathPrefix),
                    Results = results,
                },
            ],
        };
    }

    /// <summary>Serializes <paramref name="log"/>: two-space indentation, LF line ends, a final LF, UTF-8 without BOM.</summary>
    public static void Write(SarifLog log, Stream stream)
    {
        SarifJsonWriter.Write(log, stream);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Serializes <paramref name="log"/> to a string (as <see cref="Write(SarifLog, Stream)"/>).</summary>
    public static string ToJson(SarifLog log)
    {
        using var buffer = new MemoryStream();
        Write(log, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a SARIF log (for baselines).</summary>
    /// <exception cref="JsonException">The text is not a SARIF log.</exception>
    public static SarifLog? Read(Stream stream) => JsonSerializer.Deserialize(stream, Context.SarifLog);

    private static SarifJsonContext? s_context;

    /// <summary>The serializer's view of the model, made on first use: <see cref="Read"/> (baselines) uses it, and
    /// SarifJsonWriterTests checks that <see cref="SarifJsonWriter"/> writes what it would write. Writing a log does
    /// not build it (issue 15: its set-up cost more than the writing).</summary>
    internal static SarifJsonContext Context => s_context ??= new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A root-relative path as a SARIF URI reference: each segment percent-encoded (RFC 3986), <c>/</c> kept.</summary>
    public static string EncodeUri(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The <c>policylint/v1</c> fingerprint: hex SHA-256 of <c>ruleId|path|stable key|property path</c>.</summary>
    public static string SemanticFingerprint(Diagnostic diagnostic)
    {
        var key = $"{diagnostic.Id}|{diagnostic.Location.Path}|{diagnostic.Target.FingerprintKey}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Keeps the <paramref name="limit"/> most important results: unsuppressed before suppressed, errors
    /// before warnings before notes, report order within each; absent baseline results last. The kept results stay
    /// in report order. Adds a warning notification that counts what was left out.</summary>
    private static (List<Diagnostic> Written, IReadOnlyList<SarifResult> Absent) Truncate(
        List<Diagnostic> written, IReadOnlyList<SarifResult> absent, int limit, List<ToolNotification> notifications)
    {
        var kept = written
            .Select((diagnostic, index) => (Diagnostic: diagnostic, Index: index))
            .OrderBy(x => x.Diagnostic.IsSuppressed)
            .ThenByDescending(x => x.Diagnostic.Severity)
            .ThenBy(x => x.Index)
            .Take(limit)
            .OrderBy(x => x.Index)
            .Select(x => x.Diagnostic)
            .ToList();
        var keptAbsent = absent.Take(limit - kept.Count).ToList();
        var left = written.Except(kept).ToList();
        var parts = new List<string>();
        foreach (var (severity, word) in new[] { (DiagnosticSeverity.Error, "error"), (DiagnosticSeverity.Warning, "warning"), (DiagnosticSeverity.Note, "note") })
        {
            if (left.Count(d => d.Severity == severity) is var n and > 0)
                parts.Add(Counted(n, word));
        }

        if (absent.Count - keptAbsent.Count is var gone and > 0)
            parts.Add(Counted(gone, "absent result"));
        var total = written.Count + absent.Count;
        notifications.Add(new ToolNotification("warning", string.Create(CultureInfo.InvariantCulture,
            $"{total:N0} results exceed the limit of {limit:N0} per SARIF run (GitHub code scanning accepts at most {GitHubResultLimit:N0}), " +
            $"so {total - limit:N0} were left out ({string.Join(", ", parts)}), the least severe first; the text and JSON output list every result")));
        return (kept, keptAbsent);
    }

    private static string Counted(int count, string word) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {word}{(count == 1 ? "" : "s")}");

    private static SarifReportingDescriptor BuildRule(DiagnosticDescriptor descriptor, SarifOptions options)
    {
        var markdown = options.HelpMarkdown(descriptor.Id);
        return new SarifReportingDescriptor
        {
            Id = descriptor.Id,
            Name = descriptor.Name,
            ShortDescription = new SarifMessage { Text = descriptor.Title },
            FullDescription = new SarifMessage { Text = descriptor.Description },
            HelpUri = descriptor.HelpUri,
            Help = new SarifMessage
            {
                Text = markdown is null ? $"{descriptor.Description} See {descriptor.HelpUri}" : MarkdownText.ToPlainText(markdown),
                Markdown = markdown,
            },
            DefaultConfiguration = new SarifConfiguration { Level = ReportText.Level(descriptor.DefaultSeverity) },
            Properties = new SarifRuleProperties
            {
                Tags = ["security", descriptor.Category.ToString()],
                Precision = descriptor.Precision switch
                {
                    RulePrecision.High => "high",
                    RulePrecision.Medium => "medium",
                    _ => "very-high",
                },
                SecuritySeverity = descriptor.SecuritySeverity,
            },
        };
    }

    private static SarifResult BuildResult(Diagnostic diagnostic, int ruleIndex, SarifOptions options, Dictionary<string, LineHash.Reader> lineHashes, string pathPrefix)
    {
        var location = diagnostic.Location;
        var target = diagnostic.Target;
        var primary = new SarifLocation
        {
            PhysicalLocation = Physical(location, pathPrefix),
            LogicalLocations = target.LogicalLocation is { } logical
                ? [new SarifLogicalLocation
                {
                    Name = logical.Name,
                    FullyQualifiedName = logical.FullyQualifiedName,
                    Kind = logical.Kind == LogicalLocationKind.Resource ? "resource" : "object",
                }]
                : null,
        };

        var fingerprints = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["policylint/v1"] = SemanticFingerprint(diagnostic),
        };
        if (!lineHashes.TryGetValue(location.Path, out var hashes))
        {
            var source = location.Source;
            hashes = new LineHash.Reader(source.Text, source.HadByteOrderMark, source.LineCount);
            lineHashes[location.Path] = hashes;
        }

        if (hashes.Get(location.Start.Line) is { } lineHash)
            fingerprints["primaryLocationLineHash"] = lineHash;

        return new SarifResult
        {
            RuleId = diagnostic.Id,
            RuleIndex = ruleIndex,
            Level = ReportText.Level(diagnostic.Severity),
            Message = new SarifMessage { Text = diagnostic.Message },
            Locations = [primary],
            RelatedLocations = target.RelatedLocations.Count > 0
                ? [.. target.RelatedLocations.Select((r, i) => new SarifLocation
                {
                    Id = i + 1,
                    PhysicalLocation = Physical(r.Location, pathPrefix),
                    Message = new SarifMessage { Text = r.Message },
                })]
                : null,
            PartialFingerprints = fingerprints,
            BaselineState = options.BaselineStates?.GetValueOrDefault(diagnostic),
            Suppressions = options.WriteSuppressions
                ? diagnostic.Suppression is { } s
                    ? [new SarifSuppression
                    {
                        Kind = "inSource",
                        Status = "accepted",
                        Justification = s.Justification,
                        Location = new SarifLocation { PhysicalLocation = Physical(s.Location, pathPrefix) },
                        Properties = s.Expires is { } expires
                            ? new SarifSuppressionProperties { ExpiryUtc = expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z" }
                            : null,
                    }]
                    : []
                : null,
            Properties = diagnostic.ConfigEnvironments.Count > 0
                ? new SarifResultProperties { ConfigEnvironments = [.. diagnostic.ConfigEnvironments] }
                : null,
        };
    }

    /// <summary>The notifications as SARIF, or null when there are none (the property is then left out).</summary>
    private static List<SarifNotification>? Notifications(IEnumerable<ToolNotification> notifications, string pathPrefix)
    {
        List<SarifNotification> list = [.. notifications.Select(n => new SarifNotification
        {
            Level = n.Level,
            Message = new SarifMessage { Text = n.Message },
            Locations = n.Path is null or "." ? null : [new SarifLocation { PhysicalLocation = new SarifPhysicalLocation { ArtifactLocation = Artifact(n.Path, pathPrefix) } }],
        })];
        return list.Count > 0 ? list : null;
    }

    /// <summary>A location's artifact: a root-relative path under <c>%SRCROOT%</c>; an absolute path (an AWS CLI export
    /// outside the root) as an absolute <c>file:</c> URI without a base (§3.10.3), which GitHub code scanning accepts;
    /// a root-relative path after <paramref name="pathPrefix"/>.</summary>
    private static SarifArtifactLocation Artifact(string path, string pathPrefix) =>
        path.StartsWith('/')
            ? new() { Uri = "file://" + EncodeUri(path) }
            : new() { Uri = EncodeUri(pathPrefix + path), UriBaseId = SourceRoot };

    /// <summary>The run's AWS CLI exports as artifacts, or null when it read none.</summary>
    private static List<SarifArtifact>? Artifacts(RunResult run, string pathPrefix)
    {
        var exports = run.Project.Deployed.Exports;
        if (exports.Count == 0)
            return null;
        return [.. exports.Select(e => new SarifArtifact
        {
            Location = Artifact(e.Path, pathPrefix),
            Description = new SarifMessage { Text = e.Describe() },
            Roles = ["analysisTarget"],
            LastModifiedTimeUtc = e.MadeAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        })];
    }

    private static SarifPhysicalLocation Physical(Location location, string pathPrefix) => new()
    {
        ArtifactLocation = Artifact(location.Path, pathPrefix),
        Region = new SarifRegion
        {
            StartLine = location.Start.Line,
            StartColumn = location.Start.Column,
            EndLine = location.End.Line,
            EndColumn = location.End.Column,
        },
    };
}
