namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>The AWS CLI commands whose <c>--output json</c> PolicyLint reads, by the list each page holds.</summary>
public enum ExportKind
{
    /// <summary><c>aws inspector2 list-coverage</c>: <c>coveredResources</c>.</summary>
    InspectorCoverage,

    /// <summary><c>aws resourcegroupstaggingapi get-resources</c>: <c>ResourceTagMappingList</c>.</summary>
    ResourceTagging,

    /// <summary><c>aws lambda list-functions</c>: <c>Functions</c>.</summary>
    LambdaFunctions,
}
