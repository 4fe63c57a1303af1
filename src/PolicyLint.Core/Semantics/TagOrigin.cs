namespace PolicyLint.Core.Semantics;

/// <summary>Where a tag of a function comes from.</summary>
public enum TagOrigin
{
    /// <summary>The function's own <c>Tags</c>.</summary>
    Own,

    /// <summary>SAM <c>Globals.Function.Tags</c>.</summary>
    Globals,

    /// <summary>Stack-level tags (<c>sam deploy --tags</c>, samconfig <c>tags</c>) that CloudFormation propagates.</summary>
    Stack,

    /// <summary>Stack-level tags of a nested stack resource (<c>AWS::CloudFormation::Stack</c>,
    /// <c>AWS::Serverless::Application</c>) in another template whose child this template is, which CloudFormation
    /// propagates to the child stack's resources (<see cref="TagEntry.Propagated"/> says which).</summary>
    NestedStack,
}
