namespace PolicyLint.Core.Diagnostics;

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
