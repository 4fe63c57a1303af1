using System.Text.Json;
using PolicyLint.Core.Ledger;

namespace PolicyLint.Rules.ScanCoverage;

/// <summary>What PolicyLint knows about one Lambda runtime identifier; a null field is unknown and never reported on.</summary>
/// <param name="Id">The runtime identifier, e.g. <c>python3.12</c>.</param>
/// <param name="StandardScanning">Whether Amazon Inspector Lambda standard scanning supports the runtime.</param>
/// <param name="CodeScanning">Whether Amazon Inspector Lambda code scanning supports the runtime.</param>
/// <param name="Deprecation">The runtime's deprecation date in AWS Lambda's schedule (a calendar date).</param>
/// <param name="Note">Why a value is unknown, or where it comes from, or null.</param>
internal sealed record LambdaRuntimeInfo(string Id, bool? StandardScanning, bool? CodeScanning, DateOnly? Deprecation, string? Note)
{
    /// <summary>Whether the runtime is deprecated on <paramref name="today"/>: its deprecation date is known and not
    /// after today.</summary>
    public bool IsDeprecatedOn(DateOnly today) => Deprecation is { } date && date <= today;
}

/// <summary>A source the runtime data was read from.</summary>
/// <param name="Title">The page and section.</param>
/// <param name="Url">The page's address.</param>
/// <param name="Provides">Which fields it provides.</param>
internal sealed record LambdaRuntimeSource(string Title, string Url, string Provides);

/// <summary>
/// The runtime data file <c>rules/data/lambda-runtimes.json</c>: per runtime identifier, Amazon Inspector standard and
/// code scanning support and the Lambda deprecation date, with the pages they were read from and the day they were
/// read (<see cref="AsOf"/>). The rule pack holds it as code, <see cref="LambdaRuntimeTable"/>, which
/// LambdaRuntimesTests writes from the file with <see cref="Parse(string)"/> and checks against it: a run reads no
/// JSON (setting up the JSON reader cost about a twelfth of a pre-commit run's start; issue 15).
/// </summary>
/// <remarks>Sources: Amazon Inspector User Guide, "Supported runtimes" (supported.html); AWS Lambda Developer Guide,
/// "Lambda runtimes" (lambda-runtimes.html). The file is read with <see cref="Utf8JsonReader"/> (no reflection: the
/// rule pack is AOT-compatible).</remarks>
internal sealed class LambdaRuntimes
{
    private static readonly Lazy<LambdaRuntimes> Instance = new(LambdaRuntimeTable.Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, LambdaRuntimeInfo> _byId;

    /// <summary>The data; two runtimes with one ID throw <see cref="ArgumentException"/>.</summary>
    internal LambdaRuntimes(DateOnly asOf, IReadOnlyList<LambdaRuntimeSource> sources, IReadOnlyList<LambdaRuntimeInfo> runtimes)
    {
        AsOf = asOf;
        Sources = sources;
        Runtimes = runtimes;
        _byId = new Dictionary<string, LambdaRuntimeInfo>(runtimes.Count, StringComparer.Ordinal);
        foreach (var runtime in runtimes)
            _byId.Add(runtime.Id, runtime);
    }

    /// <summary>The rule pack's data (<see cref="LambdaRuntimeTable"/>).</summary>
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
    public static LambdaRuntimes Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Parses the data file's UTF-8 bytes with <see cref="Utf8JsonReader"/>: snake_case keys, unknown keys
    /// rejected, dates as <c>YYYY-MM-DD</c>. (System.Text.Json's serializer, even source-generated, costs about a sixth
    /// of a pre-commit run's instructions to set up; the file has one fixed shape.)</summary>
    private static LambdaRuntimes Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
            throw new JsonException("the runtime data file is empty");
        DateOnly? asOf = null;
        List<LambdaRuntimeSource>? sources = null;
        List<LambdaRuntimeInfo>? runtimes = null;
        ReadObject(ref reader, (ref r, name) =>
        {
            switch (name)
            {
                case "as_of":
                    asOf = ReadDate(ref r);
                    break;
                case "sources":
                    sources = ReadArray(ref r, static (ref e) =>
                    {
                        string? title = null, url = null, provides = null;
                        ReadObject(ref e, (ref p, key) =>
                        {
                            switch (key)
                            {
                                case "title": title = ReadString(ref p); break;
                                case "url": url = ReadString(ref p); break;
                                case "provides": provides = ReadString(ref p); break;
                                default: throw Unknown(key);
                            }
                        });
                        return new LambdaRuntimeSource(title ?? string.Empty, url ?? string.Empty, provides ?? string.Empty);
                    });
                    break;
                case "notes":
                    ReadArray(ref r, static (ref e) => ReadString(ref e));
                    break;
                case "runtimes":
                    runtimes = ReadArray(ref r, static (ref e) =>
                    {
                        string? id = null, note = null;
                        bool? standard = null, code = null;
                        DateOnly? deprecation = null;
                        ReadObject(ref e, (ref p, key) =>
                        {
                            switch (key)
                            {
                                case "id": id = ReadString(ref p); break;
                                case "standard_scanning": standard = ReadBoolean(ref p); break;
                                case "code_scanning": code = ReadBoolean(ref p); break;
                                case "deprecation": deprecation = ReadDate(ref p); break;
                                case "note": note = ReadString(ref p); break;
                                default: throw Unknown(key);
                            }
                        });
                        return new LambdaRuntimeInfo(id ?? throw new JsonException("a runtime without id"), standard, code, deprecation, note);
                    });
                    break;
                default:
                    throw Unknown(name);
            }
        });
        if (reader.Read())
            throw new JsonException("the runtime data file has text after its object");
        if (asOf is not { } day || sources is not { Count: > 0 } || runtimes is not { Count: > 0 })
            throw new JsonException("the runtime data file needs as_of, sources and runtimes");
        return new LambdaRuntimes(day, sources, runtimes);
    }

    private delegate void PropertyReader(ref Utf8JsonReader reader, string name);

    private delegate T ElementReader<out T>(ref Utf8JsonReader reader);

    /// <summary>Reads the object the reader is on (null is an empty object); <paramref name="property"/> reads each
    /// value, the reader on its first token, and leaves the reader on its last token.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, PropertyReader property)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"expected an object at byte {reader.TokenStartIndex}");
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            property(ref reader, name);
        }
    }

    private static List<T>? ReadArray<T>(ref Utf8JsonReader reader, ElementReader<T> element)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException($"expected an array at byte {reader.TokenStartIndex}");
        var items = new List<T>();
        while (Next(ref reader) != JsonTokenType.EndArray)
            items.Add(element(ref reader));
        return items;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the runtime data file ends early");

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"expected a string at byte {reader.TokenStartIndex}"),
    };

    private static bool? ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"expected true, false or null at byte {reader.TokenStartIndex}"),
    };

    private static DateOnly? ReadDate(ref Utf8JsonReader reader) =>
        ReadString(ref reader) is not { } text ? null
        : ExclusionLedger.TryParseDate(text, out var day) ? day
        : throw new JsonException($"'{text}' is not a YYYY-MM-DD date");

    private static JsonException Unknown(string name) => new($"the runtime data file has an unknown key '{name}'");
}
