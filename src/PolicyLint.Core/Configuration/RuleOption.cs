namespace PolicyLint.Core.Configuration;

/// <summary>A rule option (docs/conventions.md#c1, issue 4): a typed value read from configuration under <see cref="Key"/>.</summary>
public abstract class RuleOption
{
    private protected RuleOption(string key, string description)
    {
        Key = key;
        Description = description;
    }

    /// <summary>The configuration key, <c>PLxxxx.snake_case_name</c>.</summary>
    public string Key { get; }

    /// <summary>What the option changes.</summary>
    public string Description { get; }

    /// <summary>The rule ID part of <see cref="Key"/>.</summary>
    public string RuleId => Key[..Key.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The default, formatted as in configuration.</summary>
    public abstract string DefaultText { get; }

    /// <summary>Checks a configured text; returns null when valid, else why not.</summary>
    public abstract string? Validate(string text);
}
