namespace PolicyLint.Core.Semantics;

/// <summary>
/// One value a template expression may take at deploy time, as far as it can be known offline.
/// </summary>
public abstract record ValueAlternative
{
    private protected ValueAlternative()
    {
    }

    /// <summary>A short human description for messages (never the full text of a literal that may be a secret).</summary>
    public abstract string Describe();
}
