namespace PolicyLint.Core.Inputs;

/// <summary>The kinds of input PolicyLint reads, one per front end (<see cref="Loading.InputFrontEnds"/>). See
/// <c>docs/architecture.md</c>, "Inputs".</summary>
public enum InputKind
{
    /// <summary>An AWS SAM or CloudFormation template (YAML or JSON) found under the root.</summary>
    Template,

    /// <summary>An AWS CLI export of the deployed state (<c>--output json</c> of <c>aws inspector2 list-coverage</c>,
    /// <c>aws resourcegroupstaggingapi get-resources</c> or <c>aws lambda list-functions</c>), named by
    /// <c>--deployed</c> or the <c>deployed</c> configuration key.</summary>
    DeployedState,
}
