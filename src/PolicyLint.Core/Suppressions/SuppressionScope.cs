namespace PolicyLint.Core.Suppressions;

/// <summary>What an in-source suppression covers.</summary>
public enum SuppressionScope
{
    /// <summary>Results about one resource (<c>Resources.X.Metadata.policylint.suppress</c>).</summary>
    Resource,

    /// <summary>Every result in one template (template-level <c>Metadata.policylint.suppress</c>).</summary>
    Template,

    /// <summary>Results about one ledger record (its <c>suppress</c> list).</summary>
    LedgerRecord,
}
