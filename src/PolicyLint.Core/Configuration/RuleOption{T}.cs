namespace PolicyLint.Core.Configuration;

/// <summary>A typed rule option.</summary>
/// <typeparam name="T">The value type (<see cref="int"/> for day counts).</typeparam>
public sealed class RuleOption<T> : RuleOption
{
    private readonly Func<string, (bool Ok, T Value, string? Error)> _parse;
    private readonly Lock? _gate; // only for a default built on first use
    private volatile Func<T>? _makeDefault; // null once _defaultValue holds the default
    private T _defaultValue;

    /// <summary>Creates an option with a parser for configured text.</summary>
    public RuleOption(string key, T defaultValue, string description, Func<string, (bool Ok, T Value, string? Error)> parse)
        : base(key, description)
    {
        _defaultValue = defaultValue;
        _parse = parse;
    }

    /// <summary>Creates an option whose default is built by <paramref name="defaultValue"/> the first time
    /// <see cref="DefaultValue"/> is read (once, whatever the threads): for a default that is costly to build, such as
    /// a regular expression, and that a run does not always read (issue 15).</summary>
    public RuleOption(string key, Func<T> defaultValue, string description, Func<string, (bool Ok, T Value, string? Error)> parse)
        : base(key, description)
    {
        _makeDefault = defaultValue;
        _gate = new Lock();
        _defaultValue = default!;
        _parse = parse;
    }

    /// <summary>The value when nothing is configured.</summary>
    /// <exception cref="Exception">Whatever the default's builder throws (see the constructor that takes one).</exception>
    public T DefaultValue
    {
        get
        {
            if (_makeDefault is not null)
            {
                lock (_gate!)
                {
                    if (_makeDefault is { } make)
                    {
                        _defaultValue = make();
                        _makeDefault = null;
                    }
                }
            }

            return _defaultValue;
        }
    }

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
