namespace PolicyLint.Core.Semantics;

/// <summary>Three-valued truth for conditions that may depend on what cannot be known offline.</summary>
public enum TriState
{
    /// <summary>Cannot be decided.</summary>
    Unknown,

    /// <summary>Decided true.</summary>
    True,

    /// <summary>Decided false.</summary>
    False,
}
