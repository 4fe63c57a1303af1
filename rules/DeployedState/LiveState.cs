namespace PolicyLint.Rules.DeployedState;

/// <summary>What the exports say of a ledger entry's exclusion.</summary>
public enum LiveState
{
    /// <summary>No export, a suppression-rule record, an entry without identity or scan type, an ARN in an account
    /// and Region no export covers, or exports that list no tags for the function.</summary>
    Unknown,

    /// <summary>Deployed and excluded: an export lists the exclusion tag, or coverage says <c>EXCLUDED_BY_TAG</c>.</summary>
    Excluded,

    /// <summary>Deployed without the exclusion (PL7003).</summary>
    NotExcluded,

    /// <summary>No export lists the function (PL7003).</summary>
    NotDeployed,
}
