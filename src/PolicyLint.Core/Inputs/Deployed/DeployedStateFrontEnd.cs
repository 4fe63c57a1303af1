using System.Globalization;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>
/// The deployed-state front end: reads the <c>--output json</c> of <c>aws inspector2 list-coverage</c>,
/// <c>aws resourcegroupstaggingapi get-resources</c> and <c>aws lambda list-functions</c> (AWS CLI v1 and v2), one
/// page per file or several pages one after another in a file, into a <see cref="DeployedExport"/>. Syntax errors,
/// encoding and limits are PL0001 (the pages before a syntax error are still read); valid JSON of the wrong shape is
/// an <see cref="ExportProblem"/> (PL7006) at its position, and the other records are still read. Never calls AWS.
/// Shapes and their sources: docs/design/deployed-state.md.
/// </summary>
public sealed class DeployedStateFrontEnd : IInputFrontEnd
{
    /// <summary>The filter that makes <c>list-coverage</c> list Lambda functions only, as the messages suggest it.</summary>
    public const string LambdaCoverageFilter = """{"resourceType":[{"comparison":"EQUALS","value":"AWS_LAMBDA_FUNCTION"}]}""";

    /// <inheritdoc />
    public InputKind Kind => InputKind.DeployedState;

    /// <inheritdoc />
    public string Description => "AWS CLI export";

    /// <inheritdoc />
    IInputModel IInputFrontEnd.Read(InputSource source, LoadRequest request) => Read(source, request.Limits, madeAt: null);

    /// <summary>The export files a <c>--deployed</c> path names: the file itself, or every <c>*.json</c> file under the
    /// folder (recursively, ordinal path order).</summary>
    /// <param name="fullPath">An absolute path.</param>
    /// <exception cref="IOException">The folder cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be listed.</exception>
    public static IReadOnlyList<string> Discover(string fullPath) =>
        Directory.Exists(fullPath)
            ? [.. Directory.EnumerateFiles(fullPath, "*.json", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = 0 })
                .Order(StringComparer.Ordinal)]
            : [fullPath];

    /// <summary>Decodes and reads one export file's bytes. Never throws on bad input.</summary>
    /// <param name="path">How results name the file (<see cref="InputSource.Path"/>).</param>
    /// <param name="bytes">The content.</param>
    /// <param name="limits">Parse limits (size, depth).</param>
    /// <param name="madeAt">When the export was made (<see cref="DeployedExport.MadeAt"/>), or null.</param>
#pragma warning disable CA1822 // the front end's operations, called through the registered instance
    public DeployedExport ReadBytes(string path, ReadOnlySpan<byte> bytes, ParseLimits limits, DateTimeOffset? madeAt)
    {
        var source = SourceText.Decode(path, bytes, out var invalidOffset);
        if (invalidOffset >= 0)
        {
            var location = new Location(source, new TextSpan(invalidOffset, Math.Min(invalidOffset + 1, source.Text.Length)));
            return new DeployedExport(source, madeAt, [Pl0001(location, "The export is not valid UTF-8 (the AWS CLI writes UTF-8 JSON); the first invalid byte is here")]);
        }

        return Read(new InputSource(path, InputKind.DeployedState, source), limits, madeAt);
    }

    /// <summary>Reads one decoded export. Never throws on bad input.</summary>
    public DeployedExport Read(InputSource source, ParseLimits limits, DateTimeOffset? madeAt)
    {
        var tree = JsonSyntaxParser.ParseSequence(source.Text, limits);
        var export = new DeployedExport(source.Text, madeAt, [.. tree.Problems.Select(p => Pl0001(p.Location, p.Message))]);
        export.PageCount = tree.Documents.Count;
        if (tree.Documents.Count == 0 && tree.Problems.Count == 0)
            export.AddProblem(Location.FileLevel(source.Text), "The export is empty: PolicyLint reads the --output json of " + Commands);
        for (var i = 0; i < tree.Documents.Count; i++)
            ReadPage(export, tree.Documents[i], i);
        return export;
    }
#pragma warning restore CA1822

    private static readonly string Commands =
        $"{DeployedExport.Command(ExportKind.InspectorCoverage)}, {DeployedExport.Command(ExportKind.ResourceTagging)} or {DeployedExport.Command(ExportKind.LambdaFunctions)}";

    private static void ReadPage(DeployedExport export, SyntaxNode? document, int index)
    {
        var page = index + 1;
        if (document is not MappingNode root)
        {
            var at = document is null ? Location.FileLevel(export.Source) : Brace(document);
            export.AddProblem(at, Invariant($"Page {page} is not a JSON object: PolicyLint reads the --output json of {Commands}"));
            return;
        }

        var (kind, list) = root.Find("coveredResources") is { } coverage ? (ExportKind.InspectorCoverage, coverage)
            : root.Find("ResourceTagMappingList") is { } tagging ? (ExportKind.ResourceTagging, tagging)
            : root.Find("Functions") is { } functions ? (ExportKind.LambdaFunctions, functions)
            : ((ExportKind?)null, (MappingEntry?)null);
        if (kind is null || list is null)
        {
            var keys = string.Join(", ", root.Entries.Select(e => $"'{e.KeyText}'").Take(5));
            export.AddProblem(Brace(root), Invariant(
                $"Page {page} is not an export PolicyLint reads: it has {(keys.Length == 0 ? "no key" : $"the keys {keys}")}, and none of 'coveredResources' ({DeployedExport.Command(ExportKind.InspectorCoverage)}), 'ResourceTagMappingList' ({DeployedExport.Command(ExportKind.ResourceTagging)}) or 'Functions' ({DeployedExport.Command(ExportKind.LambdaFunctions)})"));
            return;
        }

        export.AddKind(kind.Value);
        if (list.Value is not SequenceNode items)
        {
            if (!(list.Value is ScalarNode { IsNull: true }))
                export.AddProblem(list.Value.Location, $"'{list.KeyText}' must be a list of records");
            return;
        }

        var foreign = new List<(Location Location, string What)>();
        foreach (var item in items.Items)
        {
            if (item is not MappingNode record)
            {
                export.AddProblem(item.Location, $"A record of '{list.KeyText}' must be a JSON object");
                continue;
            }

            var read = kind switch
            {
                ExportKind.InspectorCoverage => ReadCoverage(export, record, foreign),
                ExportKind.ResourceTagging => ReadTagging(export, record, foreign),
                _ => ReadFunction(export, record, foreign),
            };
            if (read is not null)
                export.AddRecord(read);
        }

        if (foreign.Count > 0)
        {
            var (location, what) = foreign[0];
            var more = foreign.Count == 1 ? string.Empty : Invariant($" (and {foreign.Count - 1} more record{(foreign.Count == 2 ? "" : "s")} of other resource types on this page)");
            var hint = kind == ExportKind.InspectorCoverage
                ? $"export with --filter-criteria '{LambdaCoverageFilter}'"
                : kind == ExportKind.ResourceTagging ? "export with --resource-type-filters lambda:function" : "export Lambda functions only";
            export.AddProblem(location, $"This record is {what}{more}: PolicyLint reads Lambda functions only; {hint}");
        }
    }

    /// <summary>A <c>coveredResources</c> record (Inspector API reference, CoveredResource).</summary>
    private static ExportRecord? ReadCoverage(DeployedExport export, MappingNode record, List<(Location, string)> foreign)
    {
        if (String(export, record, "resourceType", required: true) is not { } type)
            return null;
        if (type.Value != "AWS_LAMBDA_FUNCTION")
        {
            foreign.Add((type.Location, $"a coverage record of resource type '{type.Value}'"));
            return null;
        }

        if (Arn(export, record, "resourceId", foreign) is not { } arn)
            return null;
        var scanTypeNode = String(export, record, "scanType", required: true);
        var status = Mapping(export, record, "scanStatus", required: true);
        if (scanTypeNode is null || status is null)
            return null;
        ScanType? scanType = scanTypeNode.Value switch
        {
            "PACKAGE" => ScanType.Standard,
            "CODE" => ScanType.Code,
            _ => null,
        };
        if (scanType is null)
        {
            export.AddProblem(scanTypeNode.Location, $"scanType '{scanTypeNode.Value}' is not a Lambda scan type (PACKAGE or CODE)");
            return null;
        }

        if (String(export, status, "statusCode", required: true) is not { } code)
            return null;
        var reason = String(export, status, "reason", required: false);
        var coverage = new CoverageStatus(scanType.Value, code.Value, reason?.Value, (reason ?? code).Location, Brace(record));

        var metadata = Mapping(export, record, "resourceMetadata", required: false) is { } m ? Mapping(export, m, "lambdaFunction", required: false) : null;
        var tags = metadata is null ? null : Mapping(export, metadata, "functionTags", required: false);
        var result = new ExportRecord(arn, Brace(record))
        {
            Coverage = coverage,
            ListsTags = tags is not null,
            Runtime = metadata is null ? null : String(export, metadata, "runtime", required: false)?.Value,
        };
        foreach (var entry in tags?.Entries ?? [])
        {
            if (entry.KeyText is { } key && Scalar(export, entry) is { } value)
                result.Tags.Add(new DeployedTag(key, value.Value, entry.Key.Location));
        }

        return result;
    }

    /// <summary>A <c>ResourceTagMappingList</c> record (Resource Groups Tagging API reference, ResourceTagMapping).</summary>
    private static ExportRecord? ReadTagging(DeployedExport export, MappingNode record, List<(Location, string)> foreign)
    {
        if (Arn(export, record, "ResourceARN", foreign) is not { } arn)
            return null;
        var result = new ExportRecord(arn, Brace(record)) { ListsTags = true };
        if (record.Find("Tags") is not { } tagsEntry || tagsEntry.Value is ScalarNode { IsNull: true })
            return result;
        if (tagsEntry.Value is not SequenceNode tags)
        {
            export.AddProblem(tagsEntry.Value.Location, "'Tags' must be a list of {\"Key\": …, \"Value\": …} objects");
            return result;
        }

        foreach (var tag in tags.Items)
        {
            if (tag is not MappingNode pair)
            {
                export.AddProblem(tag.Location, "A tag must be a {\"Key\": …, \"Value\": …} object");
                continue;
            }

            var key = String(export, pair, "Key", required: true);
            var value = String(export, pair, "Value", required: true);
            if (key is not null && value is not null)
                result.Tags.Add(new DeployedTag(key.Value, value.Value, pair.Find("Key")!.Key.Location));
        }

        return result;
    }

    /// <summary>A <c>Functions</c> record (Lambda API reference, FunctionConfiguration).</summary>
    private static ExportRecord? ReadFunction(DeployedExport export, MappingNode record, List<(Location, string)> foreign)
    {
        if (Arn(export, record, "FunctionArn", foreign) is not { } arn)
            return null;
        return new ExportRecord(arn, Brace(record))
        {
            Runtime = String(export, record, "Runtime", required: false)?.Value,
            KmsKeyArn = String(export, record, "KMSKeyArn", required: false)?.Value,
        };
    }

    /// <summary>The Lambda function ARN under <paramref name="key"/>; an ARN of another resource is a foreign record.
    /// Surrounding white space is ignored (the AWS CLI's documented get-resources example shows one).</summary>
    private static LambdaArn? Arn(DeployedExport export, MappingNode record, string key, List<(Location, string)> foreign)
    {
        if (String(export, record, key, required: true) is not { } node)
            return null;
        var text = node.Value.Trim();
        if (LambdaArn.TryParse(text, out var arn))
            return arn;
        if (text.StartsWith("arn:", StringComparison.Ordinal) && text.Split(':').Length >= 6)
            foreign.Add((node.Location, $"'{text}', not a Lambda function"));
        else
            export.AddProblem(node.Location, $"'{key}' is not an ARN: '{text}'");
        return null;
    }

    private static ScalarNode? String(DeployedExport export, MappingNode mapping, string key, bool required)
    {
        if (mapping.Find(key) is not { } entry)
        {
            if (required)
                export.AddProblem(Brace(mapping), $"The record has no '{key}'");
            return null;
        }

        if (entry.Value is ScalarNode { IsNull: true } && !required)
            return null;
        return Scalar(export, entry);
    }

    private static ScalarNode? Scalar(DeployedExport export, MappingEntry entry)
    {
        if (entry.Value is ScalarNode { Style: ScalarStyle.JsonString } scalar)
            return scalar;
        export.AddProblem(entry.Value.Location, $"'{entry.KeyText}' must be a string");
        return null;
    }

    private static MappingNode? Mapping(DeployedExport export, MappingNode mapping, string key, bool required)
    {
        if (mapping.Find(key) is not { } entry)
        {
            if (required)
                export.AddProblem(Brace(mapping), $"The record has no '{key}'");
            return null;
        }

        if (entry.Value is MappingNode value)
            return value;
        if (entry.Value is ScalarNode { IsNull: true } && !required)
            return null;
        export.AddProblem(entry.Value.Location, $"'{key}' must be a JSON object");
        return null;
    }

    /// <summary>The opening brace (or bracket) of a JSON value: where a result about the whole record points.</summary>
    private static Location Brace(SyntaxNode node) => new(node.Tree.Source, new TextSpan(node.Span.Start, Math.Min(node.Span.Start + 1, node.Span.End)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Diagnostic Pl0001(Location location, string message) =>
        new(EngineDiagnostics.InvalidInput, DiagnosticTarget.At(location), EngineDiagnostics.InvalidInput.FormatMessage(message));
}
