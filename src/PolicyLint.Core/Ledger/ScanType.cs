namespace PolicyLint.Core.Ledger;

/// <summary>The scan type a ledger entry excludes.</summary>
public enum ScanType
{
    /// <summary>Lambda standard scanning (<c>scan_type: standard</c>).</summary>
    Standard,

    /// <summary>Lambda code scanning (<c>scan_type: code</c>).</summary>
    Code,
}
