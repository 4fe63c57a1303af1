using PolicyLint.Core.Text;

namespace PolicyLint.Core.Diagnostics;

/// <summary>What a <see cref="LogicalLocation"/> names.</summary>
public enum LogicalLocationKind
{
    /// <summary>A template resource (SARIF kind <c>resource</c>).</summary>
    Resource,

    /// <summary>A ledger entry or another object in a file (SARIF kind <c>object</c>).</summary>
    Object,
}

/// <summary>
/// The logical place a diagnostic is about, as SARIF <c>logicalLocations</c> (SARIF 2.1.0 §3.33): a resource is
/// <c>{name: LogicalId, fullyQualifiedName: "path#Resources/LogicalId", kind: resource}</c>; a ledger entry is
/// <c>{fullyQualifiedName: "path#exclusions[i]", kind: object}</c>.
/// </summary>
/// <param name="Name">Short name (the logical ID), or null.</param>
/// <param name="FullyQualifiedName">File path, <c>#</c>, and the path inside the file.</param>
/// <param name="Kind">What is named.</param>
public sealed record LogicalLocation(string? Name, string FullyQualifiedName, LogicalLocationKind Kind)
{
    /// <summary>The logical location of resource <paramref name="logicalId"/> in template <paramref name="path"/>.</summary>
    public static LogicalLocation ForResource(string path, string logicalId) =>
        new(logicalId, $"{path}#Resources/{logicalId}", LogicalLocationKind.Resource);
}

/// <summary>Another place that explains a diagnostic (SARIF <c>relatedLocations</c>): the Globals entry a value
/// came from, the ledger entry, the topic a rule targets.</summary>
/// <param name="Location">The place.</param>
/// <param name="Message">What it is, e.g. "KmsKeyArn set in Globals.Function".</param>
public sealed record RelatedLocation(Location Location, string Message);

/// <summary>
/// Where and about what a diagnostic is reported, built by the semantic model so that every rule follows one
/// convention (docs/conventions.md#c7): the location the user edits, the related locations, the logical location and the
/// property path that feeds the fingerprint (never a line number).
/// </summary>
/// <param name="Location">Primary location.</param>
/// <param name="LogicalLocation">Resource or ledger entry, or null for file-level results.</param>
/// <param name="PropertyPath">Stable path of the reported item inside its logical location, e.g.
/// <c>Properties.Tags.InspectorExclusion</c> or <c>dates.expires_at</c>; empty for the whole item.</param>
/// <param name="RelatedLocations">Other places to show, in order.</param>
public sealed record DiagnosticTarget(Location Location, LogicalLocation? LogicalLocation, string PropertyPath, IReadOnlyList<RelatedLocation> RelatedLocations)
{
    /// <summary>What identifies the logical location across edits, for the fingerprint: the logical ID, or a ledger
    /// record's recorded identity; defaults to <see cref="Diagnostics.LogicalLocation.Name"/>.</summary>
    public string? StableKey { get; init; }

    /// <summary>The key that feeds the <c>policylint/v1</c> fingerprint: stable key (or logical name) and property path.</summary>
    public string FingerprintKey => $"{StableKey ?? LogicalLocation?.Name ?? string.Empty}|{PropertyPath}";

    /// <summary>A target with no logical location and no related locations.</summary>
    public static DiagnosticTarget At(Location location, string propertyPath = "") => new(location, null, propertyPath, []);

    /// <summary>This target with one more related location.</summary>
    public DiagnosticTarget WithRelated(Location location, string message) =>
        this with { RelatedLocations = [.. RelatedLocations, new RelatedLocation(location, message)] };
}

/// <summary>Something a diagnostic can be reported on: an effective property, a tag, a ledger field or entry.</summary>
public interface IReportable
{
    /// <summary>Where to report and what the result is about.</summary>
    DiagnosticTarget Target { get; }
}

/// <summary>An in-source suppression applied to a diagnostic (SARIF <c>suppressions</c>, SARIF 2.1.0 §3.35).</summary>
/// <param name="Justification">Why the result is accepted; never empty.</param>
/// <param name="Expires">The day after which the suppression stops applying, or null.</param>
/// <param name="Location">Where the suppression is written.</param>
public sealed record SuppressionInfo(string Justification, DateOnly? Expires, Location Location);

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

    /// <summary>A copy with another severity.</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity) => new(Descriptor, Target, Message, severity, Suppression);

    /// <summary>A copy with a suppression applied.</summary>
    public Diagnostic WithSuppression(SuppressionInfo suppression) => new(Descriptor, Target, Message, Severity, suppression);

    /// <summary>A copy with another message.</summary>
    public Diagnostic WithMessage(string message) => new(Descriptor, Target, message, Severity, Suppression);

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
