namespace PolicyLint.Core.Semantics;

/// <summary>Which event bus a rule is on, as far as it can be known offline.</summary>
public enum EventBusKind
{
    /// <summary>The default bus (docs/conventions.md#c6): <c>EventBusName</c> absent, <c>default</c>, or an ARN ending in <c>:event-bus/default</c>.</summary>
    Default,

    /// <summary>Another bus, whatever the unknown parts of its name.</summary>
    Custom,

    /// <summary>Cannot be decided: an unresolvable name, or an undecided <c>Fn::If</c> between buses.</summary>
    Unknown,
}
