namespace PolicyLint.Core.Configuration;

/// <summary>A typed rule option.</summary>
/// <typeparam name="T">The value type (<see cref="int"/> for day counts).</typeparam>
public sealed class RuleOption<T> : RuleOption
{
    private readonly Func<string, (bool Ok, T Value, string? Error)> _parse;

    /// <summary>Creates an option with a parser for configured text.</summary>
    public RuleOption(string key, T defaultValue, string description, Func<string, (bool Ok, T Value, string? Error)> parse)
        : base(key, description)
    {
        DefaultValue = defaultValue;
        _parse = parse;
    }

    /// <summary>The value when nothing is configured.</summary>
    public T DefaultValue { get; }

    /// <inheritdoc />
    public override string DefaultText => Convert.ToString(DefaultValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Parses configured text.</summary>
    public bool TryParse(string text, out T value)
    {
        var (ok, parsed, _) = _parse(text);
        value = parsed;
        return ok;
    }

    /// <inheritdoc />
    public override string? Validate(string text) => _parse(text).Error;
}
