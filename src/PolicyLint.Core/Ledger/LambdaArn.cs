namespace PolicyLint.Core.Ledger;

/// <summary>A Lambda function ARN: <c>arn:&lt;partition&gt;:lambda:&lt;region&gt;:&lt;account&gt;:function:&lt;name&gt;[:&lt;qualifier&gt;]</c>.</summary>
/// <param name="Partition">e.g. <c>aws</c>.</param>
/// <param name="Region">e.g. <c>eu-west-1</c>.</param>
/// <param name="Account">12 digits.</param>
/// <param name="FunctionName">The function name.</param>
/// <param name="Qualifier">Version or alias, or null.</param>
public sealed record LambdaArn(string Partition, string Region, string Account, string FunctionName, string? Qualifier)
{
    /// <summary>The ARN without its qualifier: the function itself, whatever version or alias (Inspector's coverage
    /// export writes <c>:$LATEST</c>).</summary>
    public string Unqualified => $"arn:{Partition}:lambda:{Region}:{Account}:function:{FunctionName}";

    /// <summary><c>ACCOUNT/REGION</c>, how the deployed state names the scope of an export.</summary>
    public string Scope => $"{Account}/{Region}";

    /// <summary>Parses a function ARN; false when the text is not of the documented form.</summary>
    /// <remarks>Source: AWS Lambda Developer Guide, "Lambda function ARN" / IAM "Amazon Resource Names".</remarks>
    public static bool TryParse(string text, out LambdaArn arn)
    {
        arn = null!;
        var parts = text.Split(':');
        if (parts.Length is not (7 or 8) || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function")
            return false;
        if (parts[1].Length == 0 || !parts[1].StartsWith("aws", StringComparison.Ordinal))
            return false;
        if (parts[3].Length == 0 || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit))
            return false;
        if (parts[6].Length == 0 || !parts[6].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return false;
        if (parts.Length == 8 && parts[7].Length == 0)
            return false;
        arn = new LambdaArn(parts[1], parts[3], parts[4], parts[6], parts.Length == 8 ? parts[7] : null);
        return true;
    }
}
