namespace PolicyLint.Core.Semantics;

/// <summary>What an ARN-valued expression names, as far as SNS topics go.</summary>
public enum TopicKind
{
    /// <summary>Surely not an SNS topic (another resource type, another service's ARN).</summary>
    NotTopic,

    /// <summary>An <c>AWS::SNS::Topic</c> of the project.</summary>
    Topic,

    /// <summary>An SNS topic ARN that names no topic of the project (another stack or account).</summary>
    External,

    /// <summary>Cannot be known offline; it may be a topic.</summary>
    Unknown,
}
