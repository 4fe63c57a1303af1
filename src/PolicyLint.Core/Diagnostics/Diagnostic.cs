using PolicyLint.Core.Text;

namespace PolicyLint.Core.Diagnostics;

/// <summary>One problem reported at one location. Immutable.</summary>
public sealed class Diagnostic
{
    /// <summary>Creates a diagnostic; <paramref name="severity"/> defaults to the descriptor's default.</summary>
    public Diagnostic(DiagnosticDescriptor descriptor, DiagnosticTarget target, string message, DiagnosticSeverity? severity = null, SuppressionInfo? suppression = null)
    {
        Descriptor = descriptor;
        Target = target;
        Message = message;
        Severity = severity ?? descriptor.DefaultSeverity;
        Suppression = suppression;
    }

    /// <summary>The rule.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The rule ID.</summary>
    public string Id => Descriptor.Id;

    /// <summary>Effective severity after configuration.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>The formatted message (no final period).</summary>
    public string Message { get; }

    /// <summary>Where and about what.</summary>
    public DiagnosticTarget Target { get; }

    /// <summary>Primary location.</summary>
    public Location Location => Target.Location;

    /// <summary>The suppression that applies, or null when the result is active.</summary>
    public SuppressionInfo? Suppression { get; }

    /// <summary>Whether an in-source suppression applies.</summary>
    public bool IsSuppressed => Suppression is not null;

    /// <summary>The samconfig environments whose analysis found this result, in the run's environment order, when the
    /// run analyzed every environment (<c>--config-env '*'</c>); empty otherwise (SARIF result property
    /// <c>configEnvironments</c>).</summary>
    public IReadOnlyList<string> ConfigEnvironments { get; init; } = [];

    /// <summary>A copy with another severity.</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity) => new(Descriptor, Target, Message, severity, Suppression) { ConfigEnvironments = ConfigEnvironments };

    /// <summary>A copy with a suppression applied.</summary>
    public Diagnostic WithSuppression(SuppressionInfo suppression) => new(Descriptor, Target, Message, Severity, suppression) { ConfigEnvironments = ConfigEnvironments };

    /// <summary>A copy with another message.</summary>
    public Diagnostic WithMessage(string message) => new(Descriptor, Target, message, Severity, Suppression) { ConfigEnvironments = ConfigEnvironments };

    /// <summary>The order every report uses: path (ordinal), line, column, ID, then message (docs/conventions.md#c19).</summary>
    public static int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var c = string.CompareOrdinal(x.Location.Path, y.Location.Path);
        if (c == 0)
            c = x.Location.Start.CompareTo(y.Location.Start);
        if (c == 0)
            c = string.CompareOrdinal(x.Id, y.Id);
        if (c == 0)
            c = string.CompareOrdinal(x.Message, y.Message);
        if (c == 0)
            c = x.Location.End.CompareTo(y.Location.End);
        return c;
    }

    /// <summary>Formats as the text reporter does, for debugging.</summary>
    public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
