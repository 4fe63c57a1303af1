using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyLint.Core.Reporting.Sarif;

/// <summary>
/// Writes a <see cref="SarifLog"/> as <see cref="SarifJsonContext"/> with <see cref="SarifReporter"/>'s serializer
/// options would (camel-case names, null properties left out, two-space indentation, <c>\n</c> line ends, the relaxed
/// encoder), byte for byte, but with one <see cref="Utf8JsonWriter"/> walking the model by hand: the serializer's
/// per-type metadata, converters and their generic instantiations over value types (<c>bool?</c>, <c>int?</c>),
/// which no ReadyToRun image holds, were built and JIT-compiled at every run that wrote SARIF, about 70 ms of CPU
/// on a run with no result (issue 15). Properties are written in the model's declaration order, as the serializer
/// writes them; SarifJsonWriterTests compares the two on a log with every property set and on every sample.
/// </summary>
internal static class SarifJsonWriter
{
    /// <summary>The writer options <see cref="SarifReporter"/>'s serializer options give (the serializer's
    /// <c>MaxDepth</c> of 64 is not reached by the model).</summary>
    internal static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
    };

    // Pending output is handed to the stream past this many bytes, so the writer's buffer stays small.
    private const int FlushThreshold = 32 * 1024;

    /// <summary>Writes <paramref name="log"/> to <paramref name="stream"/> (no final line break).</summary>
    public static void Write(SarifLog log, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        Log(writer, log);
        writer.Flush();
    }

    private static void FlushIfFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending > FlushThreshold)
            writer.Flush();
    }

    private static void Log(Utf8JsonWriter w, SarifLog log)
    {
        w.WriteStartObject();
        String(w, "$schema"u8, log.Schema);
        String(w, "version"u8, log.Version);
        if (log.Runs is { } runs)
        {
            w.WriteStartArray("runs"u8);
            foreach (var run in runs)
            {
                if (run is null)
                    w.WriteNullValue();
                else
                    Run(w, run);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Run(Utf8JsonWriter w, SarifRun run)
    {
        w.WriteStartObject();
        if (run.Tool is { } tool)
        {
            w.WritePropertyName("tool"u8);
            w.WriteStartObject();
            if (tool.Driver is { } driver)
            {
                w.WritePropertyName("driver"u8);
                ToolComponent(w, driver);
            }

            w.WriteEndObject();
        }

        if (run.Invocations is { } invocations)
        {
            w.WriteStartArray("invocations"u8);
            foreach (var invocation in invocations)
                Invocation(w, invocation);
            w.WriteEndArray();
        }

        if (run.OriginalUriBaseIds is { } baseIds)
        {
            w.WritePropertyName("originalUriBaseIds"u8);
            w.WriteStartObject();
            foreach (var (key, value) in baseIds)
            {
                w.WritePropertyName(key);
                ArtifactLocation(w, value);
            }

            w.WriteEndObject();
        }

        String(w, "columnKind"u8, run.ColumnKind);
        if (run.Artifacts is { } artifacts)
        {
            w.WriteStartArray("artifacts"u8);
            foreach (var artifact in artifacts)
                Artifact(w, artifact);
            w.WriteEndArray();
        }

        if (run.Results is { } results)
        {
            w.WriteStartArray("results"u8);
            foreach (var result in results)
            {
                Result(w, result);
                FlushIfFull(w);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void ToolComponent(Utf8JsonWriter w, SarifToolComponent component)
    {
        w.WriteStartObject();
        String(w, "name"u8, component.Name);
        String(w, "version"u8, component.Version);
        String(w, "semanticVersion"u8, component.SemanticVersion);
        String(w, "informationUri"u8, component.InformationUri);
        if (component.Rules is { } rules)
        {
            w.WriteStartArray("rules"u8);
            foreach (var rule in rules)
            {
                ReportingDescriptor(w, rule);
                FlushIfFull(w);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void ReportingDescriptor(Utf8JsonWriter w, SarifReportingDescriptor? rule)
    {
        if (rule is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        String(w, "id"u8, rule.Id);
        String(w, "name"u8, rule.Name);
        Message(w, "shortDescription"u8, rule.ShortDescription);
        Message(w, "fullDescription"u8, rule.FullDescription);
        String(w, "helpUri"u8, rule.HelpUri);
        Message(w, "help"u8, rule.Help);
        Configuration(w, "defaultConfiguration"u8, rule.DefaultConfiguration);
        if (rule.Properties is { } properties)
        {
            w.WritePropertyName("properties"u8);
            w.WriteStartObject();
            Strings(w, "tags"u8, properties.Tags);
            String(w, "precision"u8, properties.Precision);
            String(w, "security-severity"u8, properties.SecuritySeverity);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Invocation(Utf8JsonWriter w, SarifInvocation? invocation)
    {
        if (invocation is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        if (invocation.RuleConfigurationOverrides is { } overrides)
        {
            w.WriteStartArray("ruleConfigurationOverrides"u8);
            foreach (var item in overrides)
            {
                if (item is null)
                {
                    w.WriteNullValue();
                    continue;
                }

                w.WriteStartObject();
                Configuration(w, "configuration"u8, item.Configuration);
                if (item.Descriptor is { } descriptor)
                {
                    w.WritePropertyName("descriptor"u8);
                    w.WriteStartObject();
                    String(w, "id"u8, descriptor.Id);
                    if (descriptor.Index is { } index)
                        w.WriteNumber("index"u8, index);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Notifications(w, "toolExecutionNotifications"u8, invocation.ToolExecutionNotifications);
        Notifications(w, "toolConfigurationNotifications"u8, invocation.ToolConfigurationNotifications);
        w.WriteBoolean("executionSuccessful"u8, invocation.ExecutionSuccessful);
        w.WriteEndObject();
    }

    private static void Notifications(Utf8JsonWriter w, ReadOnlySpan<byte> name, List<SarifNotification>? notifications)
    {
        if (notifications is null)
            return;
        w.WriteStartArray(name);
        foreach (var notification in notifications)
        {
            if (notification is null)
            {
                w.WriteNullValue();
                continue;
            }

            w.WriteStartObject();
            Locations(w, "locations"u8, notification.Locations);
            Message(w, "message"u8, notification.Message);
            String(w, "level"u8, notification.Level);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Artifact(Utf8JsonWriter w, SarifArtifact? artifact)
    {
        if (artifact is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        if (artifact.Location is { } location)
        {
            w.WritePropertyName("location"u8);
            ArtifactLocation(w, location);
        }

        Message(w, "description"u8, artifact.Description);
        Strings(w, "roles"u8, artifact.Roles);
        String(w, "lastModifiedTimeUtc"u8, artifact.LastModifiedTimeUtc);
        w.WriteEndObject();
    }

    private static void Result(Utf8JsonWriter w, SarifResult? result)
    {
        if (result is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        String(w, "ruleId"u8, result.RuleId);
        if (result.RuleIndex is { } ruleIndex)
            w.WriteNumber("ruleIndex"u8, ruleIndex);
        String(w, "level"u8, result.Level);
        Message(w, "message"u8, result.Message);
        Locations(w, "locations"u8, result.Locations);
        Locations(w, "relatedLocations"u8, result.RelatedLocations);
        if (result.PartialFingerprints is { } fingerprints)
        {
            w.WritePropertyName("partialFingerprints"u8);
            w.WriteStartObject();
            foreach (var (key, value) in fingerprints)
                w.WriteString(key, value);
            w.WriteEndObject();
        }

        String(w, "baselineState"u8, result.BaselineState);
        if (result.Suppressions is { } suppressions)
        {
            w.WriteStartArray("suppressions"u8);
            foreach (var suppression in suppressions)
            {
                if (suppression is null)
                {
                    w.WriteNullValue();
                    continue;
                }

                w.WriteStartObject();
                String(w, "kind"u8, suppression.Kind);
                String(w, "status"u8, suppression.Status);
                String(w, "justification"u8, suppression.Justification);
                if (suppression.Location is { } location)
                {
                    w.WritePropertyName("location"u8);
                    Location(w, location);
                }

                if (suppression.Properties is { } properties)
                {
                    w.WritePropertyName("properties"u8);
                    w.WriteStartObject();
                    String(w, "expiryUtc"u8, properties.ExpiryUtc);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (result.Properties is { } resultProperties)
        {
            w.WritePropertyName("properties"u8);
            w.WriteStartObject();
            Strings(w, "configEnvironments"u8, resultProperties.ConfigEnvironments);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Locations(Utf8JsonWriter w, ReadOnlySpan<byte> name, List<SarifLocation>? locations)
    {
        if (locations is null)
            return;
        w.WriteStartArray(name);
        foreach (var location in locations)
        {
            if (location is null)
                w.WriteNullValue();
            else
                Location(w, location);
        }

        w.WriteEndArray();
    }

    private static void Location(Utf8JsonWriter w, SarifLocation location)
    {
        w.WriteStartObject();
        if (location.Id is { } id)
            w.WriteNumber("id"u8, id);
        if (location.PhysicalLocation is { } physical)
        {
            w.WritePropertyName("physicalLocation"u8);
            w.WriteStartObject();
            if (physical.ArtifactLocation is { } artifactLocation)
            {
                w.WritePropertyName("artifactLocation"u8);
                ArtifactLocation(w, artifactLocation);
            }

            if (physical.Region is { } region)
            {
                w.WritePropertyName("region"u8);
                w.WriteStartObject();
                w.WriteNumber("startLine"u8, region.StartLine);
                w.WriteNumber("startColumn"u8, region.StartColumn);
                w.WriteNumber("endLine"u8, region.EndLine);
                w.WriteNumber("endColumn"u8, region.EndColumn);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (location.LogicalLocations is { } logicalLocations)
        {
            w.WriteStartArray("logicalLocations"u8);
            foreach (var logical in logicalLocations)
            {
                if (logical is null)
                {
                    w.WriteNullValue();
                    continue;
                }

                w.WriteStartObject();
                String(w, "name"u8, logical.Name);
                String(w, "fullyQualifiedName"u8, logical.FullyQualifiedName);
                String(w, "kind"u8, logical.Kind);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Message(w, "message"u8, location.Message);
        w.WriteEndObject();
    }

    private static void ArtifactLocation(Utf8JsonWriter w, SarifArtifactLocation? location)
    {
        if (location is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        String(w, "uri"u8, location.Uri);
        String(w, "uriBaseId"u8, location.UriBaseId);
        Message(w, "description"u8, location.Description);
        w.WriteEndObject();
    }

    private static void Configuration(Utf8JsonWriter w, ReadOnlySpan<byte> name, SarifConfiguration? configuration)
    {
        if (configuration is null)
            return;
        w.WritePropertyName(name);
        w.WriteStartObject();
        if (configuration.Enabled is { } enabled)
            w.WriteBoolean("enabled"u8, enabled);
        String(w, "level"u8, configuration.Level);
        w.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter w, ReadOnlySpan<byte> name, SarifMessage? message)
    {
        if (message is null)
            return;
        w.WritePropertyName(name);
        w.WriteStartObject();
        String(w, "text"u8, message.Text);
        String(w, "markdown"u8, message.Markdown);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, ReadOnlySpan<byte> name, List<string>? values)
    {
        if (values is null)
            return;
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            if (value is null)
                w.WriteNullValue();
            else
                w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void String(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }
}
