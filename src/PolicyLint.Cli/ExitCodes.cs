namespace PolicyLint.Cli;

/// <summary>Exit codes (docs/conventions.md#c13).</summary>
public static class ExitCodes
{
    /// <summary>No unsuppressed result at or above the fail level.</summary>
    public const int Success = 0;

    /// <summary>At least one unsuppressed result at or above the fail level.</summary>
    public const int Failure = 1;

    /// <summary>Usage or configuration error; nothing was analyzed or an output could not be written.</summary>
    public const int UsageError = 2;
}
