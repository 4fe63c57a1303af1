using System.Text.RegularExpressions;

namespace PolicyLint.Rules.Secrets;

/// <summary>A credential-like literal found in a value: where it starts and ends in that value, and how messages
/// describe it (never with the secret itself: at most its first 4 characters and its length).</summary>
/// <param name="Start">Index of the reported text in the value: the secret, or for an assignment the name.</param>
/// <param name="Length">Length of the reported text.</param>
/// <param name="Description">What was found, e.g. <c>an AWS access key ID ('AKIA…', 20 characters)</c>.</param>
public sealed record SecretMatch(int Start, int Length, string Description);

/// <summary>
/// The secret shapes PL6001 looks for (DOMAIN.md, "SARIF and GitHub code scanning"): AWS access key IDs
/// <c>(AKIA|ASIA)[A-Z0-9]{16}</c>; private key blocks <c>-----BEGIN … PRIVATE KEY-----</c>; a 40-character
/// <c>[A-Za-z0-9/+=]{40}</c> value under a name containing <c>secret</c>; a literal of 8 or more characters assigned
/// to a secret-like name. Every pattern is source-generated and bounded (no nested or unbounded quantifiers), so
/// matching is linear in the text.
/// </summary>
public static partial class SecretShapes
{
    /// <summary>The shortest literal that counts when assigned to a secret-like name.</summary>
    public const int MinimumLiteralLength = 8;

    private static readonly string[] SecretNameEndings = ["password", "passwd", "pwd", "secret", "secretkey", "token", "apikey", "privatekey"];

    /// <summary>
    /// Whether <paramref name="name"/> names a secret: lower-cased and without <c>_</c>, <c>-</c> and <c>.</c>, it ends
    /// with <c>password</c>, <c>passwd</c>, <c>pwd</c>, <c>secret</c>, <c>secretkey</c>, <c>token</c>, <c>apikey</c> or
    /// <c>privatekey</c>. Names that only contain such a word (<c>SECRET_ARN</c>, <c>TOKEN_TABLE</c>) name something
    /// else; <c>PWD</c> alone is the working directory.
    /// </summary>
    public static bool IsSecretName(string name)
    {
        if (string.Equals(name, "PWD", StringComparison.OrdinalIgnoreCase))
            return false;
        var normalized = new string([.. name.Where(c => c is not '_' and not '-' and not '.').Select(char.ToLowerInvariant)]);
        return SecretNameEndings.Any(e => normalized.EndsWith(e, StringComparison.Ordinal));
    }

    /// <summary>Whether a literal is never a secret: empty or blank, a dynamic reference (<c>{{resolve:…}}</c>), a
    /// <c>${…}</c> substitution, or an ARN (which names a secret, never holds one).</summary>
    public static bool IsNotASecret(string value) =>
        string.IsNullOrWhiteSpace(value)
        || value.Contains("{{resolve:", StringComparison.Ordinal)
        || value.Contains("${", StringComparison.Ordinal)
        || value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>The shape of an environment variable's literal value, or null. The whole value is the secret: access
    /// key IDs and private key blocks anywhere in it, a 40-character secret-key shape under a name containing
    /// <c>secret</c>, or any literal of 8 or more characters under a secret-like name.</summary>
    public static string? DescribeVariable(string name, string value)
    {
        if (IsNotASecret(value))
            return null;
        if (AccessKeyId().Match(value) is { Success: true } key)
            return DescribeAccessKey(key.Value);
        if (PrivateKeyBlock().IsMatch(value))
            return "a private key block";
        if (name.Contains("secret", StringComparison.OrdinalIgnoreCase) && SecretKey().IsMatch(value))
            return "a 40-character secret access key shape";
        if (IsSecretName(name) && value.Length >= MinimumLiteralLength)
            return $"a literal of {value.Length} characters";
        return null;
    }

    /// <summary>The credential-like literals in inline code, in text order: access key IDs, private key blocks, and
    /// quoted literals of 8 or more characters assigned (<c>=</c>, <c>:=</c>, <c>:</c>) to a secret-like name
    /// (reported at the name).</summary>
    public static IEnumerable<SecretMatch> FindInCode(string code)
    {
        var found = new List<SecretMatch>();
        foreach (Match key in AccessKeyId().Matches(code))
            found.Add(new SecretMatch(key.Index, key.Length, DescribeAccessKey(key.Value)));
        foreach (Match block in PrivateKeyBlock().Matches(code))
            found.Add(new SecretMatch(block.Index, block.Length, "a private key block"));
        foreach (Match assignment in Assignment().Matches(code))
        {
            var name = assignment.Groups["name"];
            var value = assignment.Groups["value"].Value;
            if (!IsSecretName(name.Value) || IsNotASecret(value) || AccessKeyId().IsMatch(value) || PrivateKeyBlock().IsMatch(value))
                continue;
            found.Add(new SecretMatch(name.Index, name.Length, $"a literal of {value.Length} characters assigned to '{name.Value}'"));
        }

        return found.OrderBy(m => m.Start);
    }

    private static string DescribeAccessKey(string key) => $"an AWS access key ID ('{key[..4]}…', {key.Length} characters)";

    [GeneratedRegex("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();

    [GeneratedRegex("-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY-----", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex("^[A-Za-z0-9/+=]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    // name, an optional closing quote (a JSON or dict key), then =, := or : (not ==), then a quoted literal on one line.
    [GeneratedRegex("""(?<![A-Za-z0-9_])(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})["']?[ \t]{0,8}(?::=|=(?!=)|:)[ \t]{0,8}(?<q>["'])(?<value>[^"'\r\n\\]{8,256})\k<q>""", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();
}
