namespace PolicyLint.Core.Semantics;

/// <summary>One thing an ARN-valued expression may name.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Topic">The topic resource, for <see cref="TopicKind.Topic"/>.</param>
public sealed record TopicReference(TopicKind Kind, Resource? Topic)
{
    /// <summary>Whether it is surely an SNS topic (of the project or not).</summary>
    public bool IsSns => Kind is TopicKind.Topic or TopicKind.External;
}
