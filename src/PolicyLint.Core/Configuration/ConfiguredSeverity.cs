using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Configuration;

/// <summary>A severity as configured: a level, <c>none</c> (off), or <c>default</c> (the rule's own).</summary>
public readonly record struct ConfiguredSeverity
{
    private ConfiguredSeverity(DiagnosticSeverity? severity, bool isDefault)
    {
        Severity = severity;
        IsDefault = isDefault;
    }

    /// <summary>The level, or null when the rule is off (or <see cref="IsDefault"/>).</summary>
    public DiagnosticSeverity? Severity { get; }

    /// <summary>Whether the setting asks for the rule's default severity.</summary>
    public bool IsDefault { get; }

    /// <summary>Turns the rule off.</summary>
    public static ConfiguredSeverity Off { get; } = new(null, false);

    /// <summary>The rule's default.</summary>
    public static ConfiguredSeverity Default { get; } = new(null, true);

    /// <summary>A level.</summary>
    public static ConfiguredSeverity Of(DiagnosticSeverity severity) => new(severity, false);

    /// <summary>Applies the setting to a descriptor: its effective severity, or null when off.</summary>
    public DiagnosticSeverity? ApplyTo(DiagnosticDescriptor descriptor) => IsDefault ? descriptor.DefaultSeverity : Severity;

    /// <summary>
    /// Parses PolicyLint's words (<c>none</c>, <c>note</c>, <c>warning</c>, <c>error</c>, <c>default</c>) or, when
    /// <paramref name="roslyn"/> is set, Roslyn's (<c>error</c>, <c>warning</c>, <c>suggestion</c> → note,
    /// <c>silent</c>/<c>none</c> → off, <c>default</c>), per docs/conventions.md#c20. The comparison is ordinal; callers reading Roslyn
    /// files lower-case the text first, as Roslyn compares these values case-insensitively.
    /// </summary>
    /// <returns>False, with <paramref name="severity"/> set to <see cref="Default"/>, when the word is not one of those.</returns>
    public static bool TryParse(string text, bool roslyn, out ConfiguredSeverity severity)
    {
        ConfiguredSeverity? parsed = (text, roslyn) switch
        {
            ("error", _) => Of(DiagnosticSeverity.Error),
            ("warning", _) => Of(DiagnosticSeverity.Warning),
            ("note", false) => Of(DiagnosticSeverity.Note),
            ("suggestion", true) => Of(DiagnosticSeverity.Note),
            ("none", _) => Off,
            ("silent", true) => Off,
            ("default", _) => Default,
            _ => null,
        };
        severity = parsed ?? Default;
        return parsed is not null;
    }
}
