namespace PolicyLint.Core.Diagnostics;

/// <summary>Rule categories; the first digit of an ID names its category (docs/style.md#naming, docs/conventions.md#c20).</summary>
public enum RuleCategory
{
    /// <summary>PL0xxx: reading the input (parse errors, unresolvable values, suppressions, configuration).</summary>
    Input = 0,

    /// <summary>PL1xxx: exclusion tags and their ledger entries.</summary>
    ExclusionTags = 1,

    /// <summary>PL2xxx: what Amazon Inspector can scan.</summary>
    ScanCoverage = 2,

    /// <summary>PL3xxx: the ledger's own hygiene (dates, fields, duplicates).</summary>
    LedgerHygiene = 3,

    /// <summary>PL4xxx: delivery of Inspector finding notifications.</summary>
    FindingNotification = 4,

    /// <summary>PL5xxx: Inspector suppression filters.</summary>
    SuppressionFilters = 5,

    /// <summary>PL6xxx: credentials in templates.</summary>
    Secrets = 6,

    /// <summary>PL7xxx: what is deployed, as AWS CLI exports say, against the ledger and the templates.</summary>
    DeployedState = 7,
}
