using System.Reflection;
using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Reporting.Sarif;

namespace PolicyLint.Core.Tests.Reporting;

/// <summary>The hand-written SARIF writer writes the bytes the serializer (SarifJsonContext with the reporter's
/// options) writes: on a log with every property of the model set, on one with every optional property left null,
/// and on the reporter's own log. The golden SARIF files of the samples (PolicyLint.Cli.Tests) check real runs.</summary>
public sealed class SarifJsonWriterTests
{
    // Text that the relaxed encoder escapes (quotes, backslash, control characters, lone and paired surrogates) and
    // text it keeps as it is (non-ASCII letters, HTML-sensitive characters).
    private const string Awkward = "a \"quoted\" \\ path\n\ttab <b>&amp;</b> + ' café 模板 😀 \u0001 \u2028 \uFFFD";

    private static string Serialized(SarifLog log) => JsonSerializer.Serialize(log, SarifReporter.Context.SarifLog) + "\n";

    private static SarifMessage Message(string text) => new() { Text = text + Awkward, Markdown = "**" + text + "**" };

    private static SarifLocation Location(int? id) => new()
    {
        Id = id,
        PhysicalLocation = new SarifPhysicalLocation
        {
            ArtifactLocation = new SarifArtifactLocation { Uri = "dir%20x/t.yaml", UriBaseId = "%SRCROOT%", Description = Message("artifact") },
            Region = new SarifRegion { StartLine = 1, StartColumn = 2, EndLine = 3, EndColumn = int.MaxValue },
        },
        LogicalLocations = [new SarifLogicalLocation { Name = "Fn", FullyQualifiedName = "t.yaml/Fn", Kind = "resource" }, null!],
        Message = Message("location"),
    };

    /// <summary>A log with every property of every type of the model set (lists with a null item too).</summary>
    internal static SarifLog Full() => new()
    {
        Schema = "https://example.invalid/schema.json",
        Version = "2.1.0",
        Runs =
        [
            new SarifRun
            {
                Tool = new SarifTool
                {
                    Driver = new SarifToolComponent
                    {
                        Name = "PolicyLint",
                        Version = "1.2.3",
                        SemanticVersion = "1.2.3",
                        InformationUri = "https://example.invalid/",
                        Rules =
                        [
                            new SarifReportingDescriptor
                            {
                                Id = "PL0001",
                                Name = "Name",
                                ShortDescription = Message("short"),
                                FullDescription = Message("full"),
                                HelpUri = "https://example.invalid/PL0001.md",
                                Help = Message("help"),
                                DefaultConfiguration = new SarifConfiguration { Enabled = true, Level = "error" },
                                Properties = new SarifRuleProperties { Tags = ["security", Awkward, null!], Precision = "high", SecuritySeverity = "7.5" },
                            },
                            null!,
                        ],
                    },
                },
                Invocations =
                [
                    new SarifInvocation
                    {
                        RuleConfigurationOverrides =
                        [
                            new SarifConfigurationOverride
                            {
                                Configuration = new SarifConfiguration { Enabled = false, Level = "none" },
                                Descriptor = new SarifDescriptorReference { Id = "PL0001", Index = 0 },
                            },
                            null!,
                        ],
                        ToolExecutionNotifications = [new SarifNotification { Locations = [Location(null)], Message = Message("notification"), Level = "warning" }, null!],
                        ToolConfigurationNotifications = [new SarifNotification { Message = Message("configuration") }],
                        ExecutionSuccessful = true,
                    },
                    null!,
                ],
                OriginalUriBaseIds = new Dictionary<string, SarifArtifactLocation>(StringComparer.Ordinal)
                {
                    ["%SRCROOT%"] = new() { Description = Message("root") },
                    [Awkward] = null!,
                },
                ColumnKind = "utf16CodeUnits",
                Artifacts =
                [
                    new SarifArtifact
                    {
                        Location = new SarifArtifactLocation { Uri = "file:///x.json" },
                        Description = Message("export"),
                        Roles = ["analysisTarget"],
                        LastModifiedTimeUtc = "2026-11-29T00:00:00Z",
                    },
                    null!,
                ],
                Results =
                [
                    new SarifResult
                    {
                        RuleId = "PL0001",
                        RuleIndex = 0,
                        Level = "error",
                        Message = Message("result"),
                        Locations = [Location(null), null!],
                        RelatedLocations = [Location(1), Location(2)],
                        PartialFingerprints = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["z"] = "1", ["a"] = Awkward },
                        BaselineState = "new",
                        Suppressions =
                        [
                            new SarifSuppression
                            {
                                Kind = "inSource",
                                Status = "accepted",
                                Justification = Awkward,
                                Location = Location(null),
                                Properties = new SarifSuppressionProperties { ExpiryUtc = "2027-01-01T23:59:59Z" },
                            },
                            null!,
                        ],
                        Properties = new SarifResultProperties { ConfigEnvironments = ["default", "prod", null!] },
                    },
                    null!,
                ],
            },
            null!,
        ],
    };

    /// <summary>A log whose objects have every optional property null (and non-null defaults kept).</summary>
    private static SarifLog Sparse() => new()
    {
        Runs =
        [
            new SarifRun
            {
                Tool = new SarifTool { Driver = new SarifToolComponent { Rules = [new SarifReportingDescriptor { Properties = new SarifRuleProperties() }] } },
                Invocations = [new SarifInvocation { RuleConfigurationOverrides = [new SarifConfigurationOverride()], ToolExecutionNotifications = [new SarifNotification()] }],
                OriginalUriBaseIds = [],
                Artifacts = [new SarifArtifact()],
                Results =
                [
                    new SarifResult
                    {
                        Message = new SarifMessage(),
                        Locations = [new SarifLocation(), new SarifLocation { PhysicalLocation = new SarifPhysicalLocation() }],
                        PartialFingerprints = [],
                        Suppressions = [new SarifSuppression { Properties = new SarifSuppressionProperties() }],
                        Properties = new SarifResultProperties(),
                    },
                ],
            },
        ],
    };

    [Test]
    public void EveryPropertySet_IsWrittenAsTheSerializerWritesIt() =>
        Assert.That(SarifReporter.ToJson(Full()), Is.EqualTo(Serialized(Full())));

    [Test]
    public void OptionalPropertiesNull_AreLeftOutAsTheSerializerLeavesThemOut() =>
        Assert.That(SarifReporter.ToJson(Sparse()), Is.EqualTo(Serialized(Sparse())));

    [Test]
    public void EmptyLog_IsWrittenAsTheSerializerWritesIt() =>
        Assert.That(SarifReporter.ToJson(new SarifLog()), Is.EqualTo(Serialized(new SarifLog())));

    [Test]
    public void StreamAndString_AreTheSameBytes_AcrossTheFlushThreshold()
    {
        var log = Full();
        var results = log.Runs[0].Results;
        for (var i = 0; i < 2_000; i++)
            results.Add(results[0]);
        using var stream = new MemoryStream();

        SarifReporter.Write(log, stream);

        Assert.That(System.Text.Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo(Serialized(log)));
    }

    /// <summary>The full log sets every public property of every model type: a property added to the model but not
    /// to the writer (or to <see cref="Full"/>) fails here.</summary>
    [Test]
    public void FullLog_SetsEveryPropertyOfTheModel()
    {
        var unset = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(SarifLog).Assembly.GetTypes().Where(t => t.IsPublic && t.Namespace == typeof(SarifLog).Namespace))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                unset.Add($"{type.Name}.{property.Name}");
        }

        Visit(Full());
        Assert.That(unset, Is.Empty);

        void Visit(object? value)
        {
            switch (value)
            {
                case null or string:
                    return;
                case System.Collections.IDictionary dictionary:
                    foreach (var item in dictionary.Values)
                        Visit(item);
                    return;
                case System.Collections.IEnumerable items:
                    foreach (var item in items)
                        Visit(item);
                    return;
            }

            if (value.GetType().Namespace != typeof(SarifLog).Namespace)
                return;
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var propertyValue = property.GetValue(value);
                if (propertyValue is not null)
                    unset.Remove($"{value.GetType().Name}.{property.Name}");
                Visit(propertyValue);
            }
        }
    }
}
