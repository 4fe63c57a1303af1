using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyLint.Rules.ScanCoverage;

/// <summary>What PolicyLint knows about one Lambda runtime identifier; a null field is unknown and never reported on.</summary>
/// <param name="Id">The runtime identifier, e.g. <c>python3.12</c>.</param>
/// <param name="StandardScanning">Whether Amazon Inspector Lambda standard scanning supports the runtime.</param>
/// <param name="CodeScanning">Whether Amazon Inspector Lambda code scanning supports the runtime.</param>
/// <param name="Deprecation">The runtime's deprecation date in AWS Lambda's schedule (a calendar date).</param>
/// <param name="Note">Why a value is unknown, or where it comes from, or null.</param>
public sealed record LambdaRuntimeInfo(string Id, bool? StandardScanning, bool? CodeScanning, DateOnly? Deprecation, string? Note)
{
    /// <summary>Whether the runtime is deprecated on <paramref name="today"/>: its deprecation date is known and not
    /// after today.</summary>
    public bool IsDeprecatedOn(DateOnly today) => Deprecation is { } date && date <= today;
}

/// <summary>A source the runtime data was read from.</summary>
/// <param name="Title">The page and section.</param>
/// <param name="Url">The page's address.</param>
/// <param name="Provides">Which fields it provides.</param>
public sealed record LambdaRuntimeSource(string Title, string Url, string Provides);

/// <summary>
/// The runtime data file <c>rules/data/lambda-runtimes.json</c>, embedded in the rule pack: per runtime identifier,
/// Amazon Inspector standard and code scanning support and the Lambda deprecation date, with the pages they were read
/// from and the day they were read (<see cref="AsOf"/>).
/// </summary>
/// <remarks>Sources: Amazon Inspector User Guide, "Supported runtimes" (supported.html); AWS Lambda Developer Guide,
/// "Lambda runtimes" (lambda-runtimes.html). Read with System.Text.Json source generation (no reflection: the rule
/// pack is AOT-compatible).</remarks>
public sealed class LambdaRuntimes
{
    private const string ResourceName = "PolicyLint.Rules.data.lambda-runtimes.json";

    private static readonly Lazy<LambdaRuntimes> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, LambdaRuntimeInfo> _byId;

    private LambdaRuntimes(DateOnly asOf, IReadOnlyList<LambdaRuntimeSource> sources, IReadOnlyList<LambdaRuntimeInfo> runtimes)
    {
        AsOf = asOf;
        Sources = sources;
        Runtimes = runtimes;
        _byId = runtimes.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The embedded data.</summary>
    public static LambdaRuntimes Data => Instance.Value;

    /// <summary>The day the sources were read.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The pages the data was read from.</summary>
    public IReadOnlyList<LambdaRuntimeSource> Sources { get; }

    /// <summary>Every runtime, in file order.</summary>
    public IReadOnlyList<LambdaRuntimeInfo> Runtimes { get; }

    /// <summary>The data for runtime identifier <paramref name="id"/> (exact, case-sensitive, as Lambda compares it), or
    /// null when the file does not list it.</summary>
    public LambdaRuntimeInfo? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Parses the data file's text.</summary>
    /// <exception cref="JsonException">The text is not a valid runtime data file.</exception>
    public static LambdaRuntimes Parse(string json)
    {
        var file = JsonSerializer.Deserialize(json, LambdaRuntimesJsonContext.Default.RuntimeFile)
            ?? throw new JsonException("the runtime data file is empty");
        if (file.AsOf is not { } asOf || file.Sources is not { Count: > 0 } sources || file.Runtimes is not { Count: > 0 } runtimes)
            throw new JsonException("the runtime data file needs as_of, sources and runtimes");
        return new LambdaRuntimes(
            asOf,
            [.. sources.Select(s => new LambdaRuntimeSource(s.Title ?? string.Empty, s.Url ?? string.Empty, s.Provides ?? string.Empty))],
            [.. runtimes.Select(r => new LambdaRuntimeInfo(r.Id ?? throw new JsonException("a runtime without id"), r.StandardScanning, r.CodeScanning, r.Deprecation, r.Note))]);
    }

    private static LambdaRuntimes Load()
    {
        using var stream = typeof(LambdaRuntimes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the rule pack lacks its embedded resource {ResourceName}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal sealed class RuntimeFile
    {
        public DateOnly? AsOf { get; set; }

        public List<SourceEntry>? Sources { get; set; }

        public List<string>? Notes { get; set; }

        public List<RuntimeEntry>? Runtimes { get; set; }
    }

    internal sealed class SourceEntry
    {
        public string? Title { get; set; }

        public string? Url { get; set; }

        public string? Provides { get; set; }
    }

    internal sealed class RuntimeEntry
    {
        public string? Id { get; set; }

        public bool? StandardScanning { get; set; }

        public bool? CodeScanning { get; set; }

        public DateOnly? Deprecation { get; set; }

        public string? Note { get; set; }
    }
}

/// <summary>Source-generated (reflection-free) JSON metadata for the runtime data file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LambdaRuntimes.RuntimeFile))]
internal sealed partial class LambdaRuntimesJsonContext : JsonSerializerContext;
