using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Suppressions;

/// <summary>Where a <c>suppress</c> list is written: what it covers, and what a PL0003 about it is reported on.</summary>
/// <param name="Scope">What the list covers.</param>
/// <param name="Path">Root-relative path of the file the list is written in (the template, or the ledger).</param>
/// <param name="LogicalLocation">The resource or ledger record, or null for a template.</param>
/// <param name="StableKey">The ledger record's stable key (for fingerprints), or null.</param>
/// <param name="PropertyPath">Path of the <c>policylint</c> metadata or the <c>suppress</c> key inside the owner, e.g.
/// <c>Metadata.policylint</c>.</param>
internal sealed record SuppressionOwner(SuppressionScope Scope, string Path, LogicalLocation? LogicalLocation, string? StableKey, string PropertyPath)
{
    /// <summary>A PL0003 target at <paramref name="location"/>, about the owner, with <paramref name="propertyPath"/>
    /// for the fingerprint (never a line number).</summary>
    public DiagnosticTarget TargetAt(Location location, string propertyPath) =>
        new(location, LogicalLocation, propertyPath, []) { StableKey = StableKey };
}

/// <summary>
/// One entry of a <c>suppress</c> list: <c>{id, justification, expires?}</c>. A suppression is valid when the ID is a
/// known, suppressible rule, the justification is neither empty nor a placeholder
/// (<see cref="PolicyLint.Core.Text.PlaceholderText"/>), and <c>expires</c> (if any) is a <c>YYYY-MM-DD</c> date.
/// </summary>
public sealed class InSourceSuppression
{
    internal InSourceSuppression(SuppressionOwner owner, int index, MappingNode node)
    {
        Owner = owner;
        Index = index;
        Node = node;
    }

    internal SuppressionOwner Owner { get; }

    /// <summary>Position of the entry in its <c>suppress</c> list, from 0.</summary>
    internal int Index { get; }

    /// <summary>What it covers.</summary>
    public SuppressionScope Scope => Owner.Scope;

    /// <summary>Root-relative path of the file the suppression is written in (the template, or the ledger).</summary>
    public string Path => Owner.Path;

    /// <summary>For a resource, its SARIF logical location name (<c>path#Resources/X</c>); for a ledger record, its
    /// <c>path#exclusions[i]</c>; null for a template.</summary>
    public string? ScopeKey => Owner.LogicalLocation?.FullyQualifiedName;

    /// <summary>The entry mapping.</summary>
    public MappingNode Node { get; }

    /// <summary>The rule ID, or null when missing.</summary>
    public string? Id { get; internal set; }

    /// <summary>The justification, or null when missing or empty.</summary>
    public string? Justification { get; internal set; }

    /// <summary>The last day the suppression applies, or null.</summary>
    public DateOnly? Expires { get; internal set; }

    /// <summary>Why the suppression is invalid (PL0003), or null when valid.</summary>
    public string? Problem { get; internal set; }

    /// <summary>Where PL0003 is reported: the <c>id</c> key, else the entry's first key (docs/conventions.md#c7).</summary>
    public Location ReportLocation => (Node.Find("id")?.Key ?? (Node.Entries.Count > 0 ? Node.Entries[0].Key : Node)).Location;

    /// <summary>What a PL0003 about this suppression is reported on: its <see cref="ReportLocation"/>, the resource or
    /// ledger record it is written in, and a property path by rule ID (by position when the ID is missing), so its
    /// fingerprint survives line moves.</summary>
    public DiagnosticTarget Target =>
        Owner.TargetAt(ReportLocation, $"{(Owner.PropertyPath.Length == 0 ? "suppress" : $"{Owner.PropertyPath}.suppress")}.{Id ?? $"[{Index}]"}");

    /// <summary>Where the suppression is written (its first key).</summary>
    public Location Location => (Node.Entries.Count > 0 ? Node.Entries[0].Key : Node).Location;

    /// <summary>Whether the suppression is expired on <paramref name="today"/> (docs/conventions.md#c14: <c>expires &lt; today</c>).</summary>
    public bool IsExpired(DateOnly today) => Expires is { } expires && expires < today;

    /// <summary>Whether the suppression covers <paramref name="diagnostic"/> (same ID and scope).</summary>
    public bool Covers(Diagnostic diagnostic)
    {
        if (!string.Equals(diagnostic.Id, Id, StringComparison.Ordinal))
            return false;
        return Scope switch
        {
            SuppressionScope.Template => string.Equals(diagnostic.Location.Path, Path, StringComparison.Ordinal),
            _ => string.Equals(diagnostic.Target.LogicalLocation?.FullyQualifiedName, ScopeKey, StringComparison.Ordinal),
        };
    }
}
