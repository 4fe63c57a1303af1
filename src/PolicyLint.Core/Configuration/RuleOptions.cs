using System.Text.RegularExpressions;

namespace PolicyLint.Core.Configuration;

/// <summary>Factories for common option types.</summary>
public static class RuleOptions
{
    /// <summary>A whole number of days, at least <paramref name="minimum"/>.</summary>
    public static RuleOption<int> Days(string key, int defaultValue, string description, int minimum = 0) =>
        new(key, defaultValue, description, text =>
            int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days >= minimum
                ? (true, days, null)
                : (false, defaultValue, $"expected a whole number of days, at least {minimum}"));

    /// <summary>How long one match of a <see cref="Pattern(string, string, string)"/> option may take before it counts as no match. A
    /// <see cref="RegexOptions.NonBacktracking"/> pattern matches in time linear in the input, so the limit is a last
    /// resort that a ledger value never reaches.</summary>
    public static readonly TimeSpan PatternMatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A .NET regular expression, matched case-insensitively and culture-invariantly with
    /// <see cref="RegexOptions.NonBacktracking"/> (time linear in the input, whatever the pattern: no catastrophic
    /// backtracking from a configured pattern). The configured text is invalid (PL0004) when it is empty, is not a
    /// regular expression, or uses a construct the non-backtracking engine does not support (lookarounds,
    /// backreferences, atomic groups, conditionals).
    /// </summary>
    /// <remarks>Source: .NET documentation, "Backtracking in regular expressions", section "Non-backtracking mode":
    /// https://learn.microsoft.com/dotnet/standard/base-types/backtracking-in-regular-expressions</remarks>
    public static RuleOption<Regex> Pattern(string key, string defaultPattern, string description) =>
        Pattern(key, CompilePattern(defaultPattern).Regex ?? throw new ArgumentException($"invalid default pattern for {key}", nameof(defaultPattern)), description);

    /// <summary>
    /// A <see cref="Pattern(string, string, string)"/> option whose default is an already built regular expression,
    /// typically a source-generated one (<see cref="GeneratedRegexAttribute"/>): building a
    /// <see cref="RegexOptions.NonBacktracking"/> pattern at start-up and its first match cost more than a short run
    /// (issue 15), and a fixed pattern reviewed with its rule needs no protection from catastrophic backtracking. A
    /// configured text is still compiled as <see cref="Pattern(string, string, string)"/> describes.
    /// </summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="defaultRegex">The default: case-insensitive and culture-invariant
    /// (<see cref="RegexOptions.IgnoreCase"/>, <see cref="RegexOptions.CultureInvariant"/>), like a configured pattern.</param>
    /// <param name="description">What the option changes.</param>
    /// <exception cref="ArgumentException"><paramref name="defaultRegex"/> is not case-insensitive and culture-invariant.</exception>
    public static RuleOption<Regex> Pattern(string key, Regex defaultRegex, string description)
    {
        ArgumentNullException.ThrowIfNull(defaultRegex);
        const RegexOptions Required = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        if ((defaultRegex.Options & Required) != Required)
            throw new ArgumentException($"the default pattern for {key} must be case-insensitive and culture-invariant, as a configured one is", nameof(defaultRegex));
        return new RuleOption<Regex>(key, defaultRegex, description, text =>
            CompilePattern(text) is { Regex: { } regex } ? (true, regex, null) : (false, defaultRegex, CompilePattern(text).Error));
    }

    /// <summary>
    /// A <see cref="Pattern(string, Regex, string)"/> option whose default is built by <paramref name="defaultRegex"/>
    /// the first time <see cref="RuleOption{T}.DefaultValue"/> is read: even a source-generated regular expression sets
    /// up search tables when it is built, a cost at every start of the tool for an option whose rule may read its
    /// default through other code or not at all (issue 15).
    /// </summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="defaultRegex">Builds the default: case-insensitive and culture-invariant, like a configured pattern;
    /// else reading the default throws <see cref="ArgumentException"/>.</param>
    /// <param name="description">What the option changes.</param>
    public static RuleOption<Regex> Pattern(string key, Func<Regex> defaultRegex, string description)
    {
        ArgumentNullException.ThrowIfNull(defaultRegex);
        RuleOption<Regex>? option = null;
        option = new RuleOption<Regex>(key, () => CheckedDefault(key, defaultRegex()), description, text =>
            CompilePattern(text) is { Regex: { } regex } ? (true, regex, null) : (false, option!.DefaultValue, CompilePattern(text).Error));
        return option;
    }

    private static Regex CheckedDefault(string key, Regex defaultRegex)
    {
        ArgumentNullException.ThrowIfNull(defaultRegex);
        const RegexOptions Required = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        if ((defaultRegex.Options & Required) != Required)
            throw new ArgumentException($"the default pattern for {key} must be case-insensitive and culture-invariant, as a configured one is", nameof(defaultRegex));
        return defaultRegex;
    }

    private static (Regex? Regex, string? Error) CompilePattern(string text)
    {
        if (text.Length == 0)
            return (null, "expected a regular expression, not an empty value (it would match every value)");
        try
        {
            return (new Regex(text, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, PatternMatchTimeout), null);
        }
        catch (NotSupportedException ex)
        {
            return (null, $"the pattern uses a construct that linear-time matching does not support ({ex.Message.TrimEnd('.')}); write it without lookarounds, backreferences or atomic groups");
        }
        catch (RegexParseException ex)
        {
            // The exception's Message quotes the whole pattern; a configuration message quotes no value (README,
            // "Values in error messages"), so name the error kind and its offset only.
            return (null, $"not a valid regular expression ({ex.Error} at offset {ex.Offset})");
        }
        catch (ArgumentException)
        {
            return (null, "not a valid regular expression");
        }
    }
}
