namespace PolicyLint.Rules.Tests.DeployedState;

/// <summary>Small AWS CLI exports for the deployed-state rule tests, in the shapes of docs/design/deployed-state.md.</summary>
internal static class DeployedExports
{
    public const string Account = "111122223333";

    public static string Arn(string name, string region = "eu-west-1", string account = Account) => $"arn:aws:lambda:{region}:{account}:function:{name}";

    /// <summary>A get-resources page with one record per (ARN, tags JSON) pair; tags JSON is the inside of <c>Tags: [ … ]</c>.</summary>
    public static string Tagging(params (string Arn, string Tags)[] records) =>
        "{\n  \"ResourceTagMappingList\": [\n" +
        string.Join(",\n", records.Select(r => $"    {{\n      \"ResourceARN\": \"{r.Arn}\",\n      \"Tags\": [{r.Tags}]\n    }}")) +
        "\n  ]\n}\n";

    /// <summary>A tag object of a get-resources record.</summary>
    public static string Tag(string key, string value) => $"{{\"Key\": \"{key}\", \"Value\": \"{value}\"}}";

    /// <summary>A tag object whose <c>"Key"</c> is marked <c>{|#0:…|}</c>.</summary>
    public static string MarkedTag(string key, string value) => "{{|#0:\"Key\"|}: \"" + key + "\", \"Value\": \"" + value + "\"}";

    /// <summary>A list-coverage record; <paramref name="reason"/> and <paramref name="status"/> as Inspector writes them.</summary>
    public static string Coverage(string arn, string scanType, string status, string reason, string tags = "") =>
        $"{{\"accountId\": \"{Account}\", \"resourceId\": \"{arn}\", \"resourceType\": \"AWS_LAMBDA_FUNCTION\", " +
        $"\"resourceMetadata\": {{\"lambdaFunction\": {{\"functionName\": \"{arn[(arn.LastIndexOf(':') + 1)..]}\", \"functionTags\": {{{tags}}}, \"runtime\": \"PYTHON_3_12\"}}}}, " +
        $"\"scanStatus\": {{\"reason\": \"{reason}\", \"statusCode\": \"{status}\"}}, \"scanType\": \"{scanType}\"}}";

    /// <summary>A list-coverage page of <paramref name="records"/>, one a line.</summary>
    public static string CoveragePage(params string[] records) => "{\"coveredResources\": [\n" + string.Join(",\n", records) + "\n]}\n";

    /// <summary>A ledger with one entry per target flow mapping.</summary>
    public static string Ledger(params string[] entries) => "version: 1\nexclusions:\n" + string.Concat(entries);

    /// <summary>One ledger entry (5 lines); <paramref name="key"/> is the <c>target</c> key as written, markup included.</summary>
    public static string Entry(string target, string scanType = "standard", string key = "target", string expires = "2027-03-31") =>
        $"  - {key}: {{ type: lambda, {target} }}\n" +
        $"    scan_type: {scanType}\n" +
        "    reason: { summary: Vendor library, ticket: SEC-1 }\n" +
        "    owner: { team: orders, approved_by: appsec }\n" +
        $"    dates: {{ applied_at: 2026-10-15, expires_at: {expires} }}\n";
}
