using PolicyLint.Core.Text;

namespace PolicyLint.Core.Diagnostics;

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
