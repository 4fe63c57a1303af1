using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>One record of an export: a function as one JSON object of one page lists it.</summary>
internal sealed record ExportRecord(LambdaArn Arn, Location Object)
{
    public List<DeployedTag> Tags { get; } = [];

    public bool ListsTags { get; init; }

    public CoverageStatus? Coverage { get; init; }

    public string? Runtime { get; init; }

    public string? KmsKeyArn { get; init; }
}

/// <summary>One export file as the deployed-state front end read it: its pages, the functions its records list, and
/// what could not be read.</summary>
public sealed class DeployedExport : IInputModel
{
    internal DeployedExport(SourceText source, DateTimeOffset? madeAt, IReadOnlyList<Diagnostic> diagnostics)
    {
        Source = source;
        MadeAt = madeAt;
        Diagnostics = diagnostics;
    }

    /// <summary>An export that could not be read at all (<paramref name="diagnostic"/> says why): no page, no record.</summary>
    public static DeployedExport Unreadable(SourceText source, Diagnostic diagnostic) => new(source, null, [diagnostic]);

    /// <inheritdoc />
    public string Path => Source.Path;

    /// <inheritdoc />
    public InputKind Kind => InputKind.DeployedState;

    /// <summary>The export's text.</summary>
    public SourceText Source { get; }

    /// <summary>Whether the file lies under the analyzed root (then <see cref="Path"/> is root-relative, else absolute).</summary>
    public bool IsUnderRoot => !System.IO.Path.IsPathRooted(Path);

    /// <summary>When the export was made: the file's last modification time (UTC, whole seconds), which is when the AWS
    /// CLI wrote it unless it was copied since; null when unknown (an export read from memory).</summary>
    public DateTimeOffset? MadeAt { get; }

    /// <summary>The commands whose pages the file holds, in page order without repeats.</summary>
    public IReadOnlyList<ExportKind> Kinds => _kinds;

    /// <summary>JSON documents (pages) in the file.</summary>
    public int PageCount { get; internal set; }

    /// <summary>Function records read, over every page.</summary>
    public int RecordCount => _records.Count;

    /// <summary>The accounts and Regions the file's records are in, as <c>ACCOUNT/REGION</c>, ordinal order.</summary>
    public IReadOnlyList<string> Scopes => [.. _records.Select(r => r.Arn.Scope).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Valid JSON that is not what an export of <see cref="Kinds"/> holds (PL7006), in text order.</summary>
    public IReadOnlyList<ExportProblem> Problems => _problems;

    /// <summary>The AWS CLI command of <paramref name="kind"/>, for messages.</summary>
    public static string Command(ExportKind kind) => kind switch
    {
        ExportKind.InspectorCoverage => "aws inspector2 list-coverage",
        ExportKind.ResourceTagging => "aws resourcegroupstaggingapi get-resources",
        _ => "aws lambda list-functions",
    };

    /// <summary>What the file is, for SARIF and <c>ledger status</c>: the commands, pages, records, accounts and Regions.</summary>
    public string Describe()
    {
        var commands = Kinds.Count == 0 ? "no export PolicyLint reads" : string.Join(" and ", Kinds.Select(Command));
        var scopes = Scopes;
        return FormattableString.Invariant(
            $"AWS CLI export of {commands}: {PageCount} page{(PageCount == 1 ? "" : "s")}, {RecordCount} Lambda function record{(RecordCount == 1 ? "" : "s")}{(scopes.Count == 0 ? "" : $" in {string.Join(", ", scopes)}")}");
    }

    internal IReadOnlyList<ExportRecord> Records => _records;

    private readonly List<ExportKind> _kinds = [];
    private readonly List<ExportRecord> _records = [];
    private readonly List<ExportProblem> _problems = [];

    internal void AddKind(ExportKind kind)
    {
        if (!_kinds.Contains(kind))
            _kinds.Add(kind);
    }

    internal void AddRecord(ExportRecord record) => _records.Add(record);

    internal void AddProblem(Location location, string message) => _problems.Add(new ExportProblem(location, message));
}
