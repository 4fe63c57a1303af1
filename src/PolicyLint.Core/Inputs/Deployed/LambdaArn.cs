namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>
/// A Lambda function ARN, <c>arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]</c>, without its qualifier
/// (a version or alias; Inspector's coverage export writes <c>:$LATEST</c>).
/// </summary>
/// <remarks>Format: AWS Lambda Developer Guide, "Lambda function ARNs"
/// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html) and the <c>FunctionArn</c> pattern of
/// the Lambda API reference (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html).</remarks>
/// <param name="Partition">aws, aws-cn, aws-us-gov…</param>
/// <param name="Region">The Region, e.g. <c>eu-west-1</c>.</param>
/// <param name="Account">The 12-digit account ID.</param>
/// <param name="Name">The function name.</param>
public sealed record LambdaArn(string Partition, string Region, string Account, string Name)
{
    /// <summary>The unqualified ARN.</summary>
    public override string ToString() => $"arn:{Partition}:lambda:{Region}:{Account}:function:{Name}";

    /// <summary>Parses a function ARN (qualified or not); null when <paramref name="text"/> is not one, e.g. an ARN of
    /// another service or resource type (a layer, an EC2 instance).</summary>
    public static LambdaArn? TryParse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 7 or > 8 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function")
            return null;
        if (parts[1].Length == 0 || parts[3].Length == 0 || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit) || parts[6].Length == 0)
            return null;
        return new LambdaArn(parts[1], parts[3], parts[4], parts[6]);
    }

    /// <summary>Whether <paramref name="text"/> is an ARN of some service (<c>arn:</c> and at least six parts).</summary>
    public static bool LooksLikeArn(string text) => text.StartsWith("arn:", StringComparison.Ordinal) && text.Split(':').Length >= 6;
}
