using System.Text.RegularExpressions;

namespace PolicyLint.Rules.Secrets;

/// <summary>A credential-like literal found in a value: where it starts and ends in that value, and how messages
/// describe it (never with the secret itself: at most its first 4 characters and its length).</summary>
/// <param name="Start">Index of the reported text in the value: the token or URL, or for an assignment the name.</param>
/// <param name="Length">Length of the reported text.</param>
/// <param name="Description">What was found, e.g. <c>an AWS access key ID ('AKIA…', 20 characters)</c>.</param>
internal sealed record SecretMatch(int Start, int Length, string Description);

/// <summary>
/// The secret shapes PL6001 looks for. Every pattern is source-generated and bounded (no nested or unbounded
/// quantifiers), and each runs once over a value, so scanning is linear in its length.
/// </summary>
/// <remarks>
/// <para>Shapes (docs/aws-facts.md#secret-shapes, extended after issue 12): AWS access key IDs; private key
/// blocks; well-known token formats (GitHub <c>ghp_</c>/<c>gho_</c>/<c>ghu_</c>/<c>ghs_</c>/<c>ghr_</c> and
/// <c>github_pat_</c>, Slack <c>xox?-</c> tokens and incoming-webhook URLs, Stripe <c>sk_</c>/<c>rk_</c> live and test
/// keys, GitLab <c>glpat-</c>, Google <c>AIza</c> keys, SendGrid <c>SG.</c> keys); a password embedded in a URL
/// (<c>scheme://user:password@host</c>); <c>password=</c>/<c>pwd=</c> inside a connection string; an
/// <c>Authorization</c> bearer or basic credential; a 40-character AWS secret access key; and a literal of 8 or more
/// characters assigned to a secret-like name.</para>
/// <para>Facts taken from maintained scanners (patterns re-written here, no code copied): gitleaks
/// <c>config/gitleaks.toml</c> (rules <c>aws-access-token</c>, <c>private-key</c>, <c>github-pat</c>,
/// <c>github-fine-grained-pat</c>, <c>github-app-token</c>, <c>github-oauth</c>, <c>slack-bot-token</c>,
/// <c>slack-user-token</c>, <c>slack-webhook-url</c>, <c>stripe-access-token</c>, <c>gitlab-pat</c>,
/// <c>gcp-api-key</c>, <c>sendgrid-api-token</c>, <c>curl-auth-header</c>, and <c>generic-api-key</c>'s allowlist of
/// values made of letters and punctuation only); detect-secrets <c>detect_secrets/plugins/keyword.py</c> (the
/// denylist, <c>db_pass</c> and <c>pass</c> included; comparisons are not assignments), <c>basic_auth.py</c>
/// (<c>://user:password@</c>) and <c>detect_secrets/filters/heuristic.py</c> (templated values such as
/// <c>{x}</c>, <c>&lt;x&gt;</c>, <c>${x}</c>; sequential strings); trufflehog <c>pkg/detectors/uri</c> (a password
/// starting with <c>$</c> is a variable).</para>
/// </remarks>
internal static partial class SecretShapes
{
    /// <summary>The shortest literal that counts when assigned to a secret-like name.</summary>
    public const int MinimumLiteralLength = 8;

    /// <summary>Last words of a secret-like name (lower case): the name ends with one of them as a word.</summary>
    private static readonly string[] SecretWords = ["password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "apikey", "secretkey", "privatekey"];

    /// <summary>Last words that end a secret-like name when joined to the word before (<c>api key</c>, <c>private key</c>).</summary>
    private static readonly string[] SecretPairs = ["api key", "private key", "secret key", "auth key", "app key", "client key", "access token", "auth token", "refresh token"];

    /// <summary>Words before <c>token</c> that make it something other than a credential.</summary>
    private static readonly string[] TokenQualifiers = ["csrf", "xsrf", "public", "page", "next", "continuation", "pagination", "max", "min", "num", "count"];

    /// <summary>Whole values that are words or placeholders, never a credential (ignoring case); detect-secrets' keyword
    /// plugin keeps a similar list.</summary>
    private static readonly HashSet<string> PlaceholderValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "secret", "token", "none", "null", "nil", "undefined", "true", "false", "disabled", "enabled",
        "required", "optional", "redacted", "dummy", "placeholder", "changeit", "example", "sample", "notused", "not-used",
        "not_used", "string", "default",
    };

    /// <summary>
    /// Whether <paramref name="name"/> names a secret: split into words (at <c>_</c>, <c>-</c>, <c>.</c>, spaces and
    /// camelCase), its last word is <c>password</c>, <c>passwd</c>, <c>pwd</c>, <c>pass</c>, <c>passphrase</c>,
    /// <c>secret</c>, <c>token</c> (not a CSRF, page or limit token) or a run-together <c>apikey</c>,
    /// <c>secretkey</c>, <c>privatekey</c>, or a lower-case word ending in <c>password</c>, <c>passwd</c>, <c>secret</c>,
    /// <c>token</c>; or its last two words are <c>api key</c>, <c>private key</c>, <c>secret key</c>, <c>access token</c>…,
    /// or it ends with <c>secret access key</c>. Names that only contain such a word (<c>SECRET_ARN</c>,
    /// <c>TOKEN_TABLE</c>, <c>BYPASS</c>) name something else; <c>PWD</c> alone is the working directory.
    /// </summary>
    public static bool IsSecretName(string name)
    {
        if (string.Equals(name, "PWD", StringComparison.OrdinalIgnoreCase))
            return false;
        var words = Words(name);
        if (words.Count == 0)
            return false;
        var last = words[^1];
        var previous = words.Count > 1 ? words[^2] : null;
        if (last == "token" && previous is not null && TokenQualifiers.Contains(previous, StringComparer.Ordinal))
            return false;
        if (SecretWords.Contains(last, StringComparer.Ordinal))
            return true;
        if (last.Length > 6 && (last.EndsWith("password", StringComparison.Ordinal) || last.EndsWith("passwd", StringComparison.Ordinal)
            || last.EndsWith("secret", StringComparison.Ordinal) || last.EndsWith("token", StringComparison.Ordinal)
            || last.EndsWith("apikey", StringComparison.Ordinal)))
            return true;
        if (previous is not null && SecretPairs.Contains($"{previous} {last}", StringComparer.Ordinal))
            return true;
        return words.Count >= 3 && words[^3] == "secret" && previous == "access" && last == "key";
    }

    /// <summary>The lower-case words of a name: split at non-alphanumerics and at camelCase boundaries.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : ' ';
            var boundary = !char.IsAsciiLetterOrDigit(c)
                || (start >= 0 && char.IsAsciiLetterUpper(c) && i > start
                    && (char.IsAsciiLetterLower(name[i - 1]) || (i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]) && char.IsAsciiLetterUpper(name[i - 1]))));
            if (boundary && start >= 0)
            {
                words.Add(name[start..i].ToLowerInvariant());
                start = -1;
            }

            if (char.IsAsciiLetterOrDigit(c) && start < 0)
                start = i;
        }

        return words;
    }

    /// <summary>Whether a literal is never a secret: empty or blank, a dynamic reference (<c>{{resolve:…}}</c>), a
    /// <c>${…}</c> substitution, or an ARN (which names a secret, never holds one).</summary>
    public static bool IsNotASecret(string value) =>
        string.IsNullOrWhiteSpace(value)
        || value.Contains("{{resolve:", StringComparison.Ordinal)
        || value.Contains("${", StringComparison.Ordinal)
        || value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>
    /// Whether a literal under a secret-like name looks like a credential rather than something else: not prose (no
    /// white space), not a number, not a path or secret name (<c>prod/orders/db-credentials</c>), not a URL, not a
    /// template or placeholder (<c>&lt;x&gt;</c>, <c>{x}</c>, <c>$X</c>, <c>%s</c>, a word such as <c>disabled</c>, one
    /// repeated character, a run such as <c>12345678</c>).
    /// </summary>
    public static bool LooksLikeCredential(string value)
    {
        if (value.Length < MinimumLiteralLength || IsNotASecret(value))
            return false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
                return false; // prose: 'No token found.'
        }

        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            return false; // a number: MAX_TOKEN "100000000"
        if (SecretNamePath().IsMatch(value) || value.Contains("://", StringComparison.Ordinal))
            return false; // a secret's name or a URL: DB_SECRET prod/orders/db-credentials
        if (value[0] is '<' or '{' or '$' or '%' || value.EndsWith('>') || value.EndsWith('}'))
            return false;
        if (PlaceholderValues.Contains(value) || value.All(c => c == value[0]) || IsSequential(value))
            return false;
        return true;
    }

    /// <summary>Whether the value is a run of a character sequence (<c>abcdefgh</c>, <c>12345678</c>), ignoring case.</summary>
    private static bool IsSequential(string value)
    {
        const string Sequences = "abcdefghijklmnopqrstuvwxyz 0123456789012345678 9876543210";
        return Sequences.Contains(value.ToLowerInvariant(), StringComparison.Ordinal);
    }

    /// <summary>The shape of an environment variable's literal value, or null: a known token or private key anywhere in
    /// it, a password in a URL or connection string, an authorization header value, a 40-character secret access key
    /// under a name containing <c>secret</c>, or a credential-like literal of 8 or more characters under a secret-like
    /// name.</summary>
    public static string? DescribeVariable(string name, string value)
    {
        if (IsNotASecret(value))
            return null;
        var specific = FindSpecific(value);
        if (specific.Count > 0)
            return specific[0].Description;
        if (!IsSecretName(name))
            return null;
        if (name.Contains("secret", StringComparison.OrdinalIgnoreCase) && SecretKey().IsMatch(value))
            return "a 40-character secret access key shape";
        return LooksLikeCredential(value) ? $"a literal of {value.Length} characters" : null;
    }

    /// <summary>The credential-like literals in inline code, in text order: the shapes of
    /// <see cref="DescribeVariable"/> anywhere in the text, and quoted literals assigned (<c>=</c>, <c>:=</c>,
    /// <c>:</c>, a keyword argument) to a secret-like name (reported at the name) unless a more specific shape lies in
    /// the literal. Linear in the length of <paramref name="code"/>.</summary>
    public static IReadOnlyList<SecretMatch> FindInCode(string code)
    {
        var specific = FindSpecific(code);
        var found = new List<SecretMatch>(specific);
        var next = 0; // specific matches are in text order, and so are assignments: one sweep finds overlaps
        foreach (Match assignment in Assignment().Matches(code))
        {
            var name = assignment.Groups["name"];
            var value = assignment.Groups["value"];
            while (next < specific.Count && specific[next].Start + specific[next].Length <= value.Index)
                next++;
            if (next < specific.Count && specific[next].Start < value.Index + value.Length)
                continue; // the literal holds a more specific shape, reported on its own
            if (!IsSecretName(name.Value))
                continue;
            var description = name.Value.Contains("secret", StringComparison.OrdinalIgnoreCase) && SecretKey().IsMatch(value.Value)
                ? $"a 40-character secret access key shape assigned to '{name.Value}'"
                : LooksLikeCredential(value.Value) ? $"a literal of {value.Length} characters assigned to '{name.Value}'" : null;
            if (description is not null)
                found.Add(new SecretMatch(name.Index, name.Length, description));
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Tokens, private keys, URL passwords, connection-string passwords and authorization credentials in
    /// <paramref name="text"/>, in text order, overlapping matches dropped.</summary>
    private static List<SecretMatch> FindSpecific(string text)
    {
        var found = new List<SecretMatch>();
        foreach (Match m in KnownToken().Matches(text))
            found.Add(new SecretMatch(m.Index, m.Length, DescribeToken(m)));
        foreach (Match m in UrlPassword().Matches(text))
        {
            var password = m.Groups["password"].Value;
            if (IsTemplated(password))
                continue;
            found.Add(new SecretMatch(m.Index, m.Length, $"a password of {password.Length} characters embedded in a URL ('{m.Value[..4]}…')"));
        }

        foreach (Match m in ConnectionStringPassword().Matches(text))
        {
            var password = m.Groups["value"].Value;
            if (IsTemplated(password) || !InConnectionString(text, m.Index, m.Index + m.Length))
                continue;
            found.Add(new SecretMatch(m.Index, m.Length, $"a password of {password.Length} characters in a connection string"));
        }

        foreach (Match m in AuthorizationCredential().Matches(text))
        {
            var credential = m.Groups["credential"].Value;
            if (!credential.Any(char.IsAsciiDigit) || !credential.Any(char.IsAsciiLetter))
                continue; // 'Bearer authentication' is prose
            found.Add(new SecretMatch(m.Index, m.Length, $"an Authorization {m.Groups["scheme"].Value.ToLowerInvariant()} credential of {credential.Length} characters"));
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        var kept = new List<SecretMatch>(found.Count);
        foreach (var match in found)
        {
            if (kept.Count == 0 || kept[^1].Start + kept[^1].Length <= match.Start)
                kept.Add(match);
        }

        return kept;
    }

    private static string DescribeToken(Match m)
    {
        var what = m.Groups switch
        {
            var g when g["aws"].Success => "an AWS access key ID",
            var g when g["pem"].Success => "a private key block",
            var g when g["github"].Success => "a GitHub token",
            var g when g["slack"].Success => "a Slack token",
            var g when g["hook"].Success => "a Slack webhook URL",
            var g when g["stripe"].Success => "a Stripe secret key",
            var g when g["gitlab"].Success => "a GitLab personal access token",
            var g when g["google"].Success => "a Google API key",
            _ => "a SendGrid API key",
        };
        return m.Groups["pem"].Success ? what : $"{what} ('{m.Value[..4]}…', {m.Length} characters)";
    }

    /// <summary>A password that stands for a variable or a template, not a literal: <c>$X</c>, <c>${x}</c>,
    /// <c>{x}</c>, <c>&lt;x&gt;</c>, <c>%s</c>, <c>***</c> (trufflehog's uri detector; detect-secrets'
    /// heuristics).</summary>
    private static bool IsTemplated(string value) =>
        value.Length == 0 || value[0] is '$' or '{' or '<' or '%' or '*' or '(' || value.Contains("{{", StringComparison.Ordinal);

    /// <summary>Whether <c>password=</c> at [<paramref name="start"/>, <paramref name="end"/>) is inside a
    /// connection string, not a keyword argument: a <c>;</c> right before or after it (ADO.NET, ODBC, JDBC
    /// properties), or a <c>key=value</c> pair right before it separated by one space (libpq), never a comma.</summary>
    private static bool InConnectionString(string text, int start, int end)
    {
        if ((start > 0 && text[start - 1] == ';') || (end < text.Length && text[end] == ';'))
            return true;
        if (start == 0 || text[start - 1] != ' ')
            return false;
        // The token before the space, at most 128 characters back: "user=app" qualifies, "HOST," does not.
        var i = start - 2;
        var limit = Math.Max(0, start - 130);
        var sawEquals = false;
        for (; i >= limit && text[i] is not (' ' or '"' or '\'' or '\n' or '\t'); i--)
        {
            if (text[i] is ',' or '(' or ')')
                return false;
            if (text[i] == '=')
                sawEquals = true;
        }

        return sawEquals && i >= limit - 1;
    }

    [GeneratedRegex("""
        (?<aws>(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9]))
        |(?<pem>-----BEGIN\ (?:[A-Z0-9]{1,16}\ ){0,3}PRIVATE\ KEY-----)
        |(?<github>(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_]))
        |(?<slack>(?<![A-Za-z0-9])xox[abposre]-[0-9A-Za-z][0-9A-Za-z-]{9,250})
        |(?<hook>https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})
        |(?<stripe>(?<![A-Za-z0-9])[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,99}(?![A-Za-z0-9]))
        |(?<gitlab>(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,300})
        |(?<google>(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-]))
        |(?<sendgrid>(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-]))
        """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex KnownToken();

    // scheme://user:password@host — the password is what follows the user's ':' up to '@' (detect-secrets basic_auth,
    // trufflehog uri); the host must follow, so "a:b@c" prose and e-mail addresses do not count.
    [GeneratedRegex("""(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,19}://[^\s:@/'"`]{0,64}:(?<password>[^\s@/'"`]{1,128})@(?=[A-Za-z0-9\[])""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UrlPassword();

    [GeneratedRegex("""(?<![A-Za-z0-9_])(?i:password|passwd|pwd)=(?<value>[^;'"`\s),&]{4,128})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ConnectionStringPassword();

    // Authorization: Bearer <token> / Basic <base64> (gitleaks curl-auth-header), or such a value on its own.
    [GeneratedRegex("""(?<![A-Za-z0-9])(?<scheme>(?i:bearer|basic))[ \t]{1,4}(?<credential>[A-Za-z0-9._~+/-]{16,512}={0,3})(?![A-Za-z0-9._~+/=-])""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AuthorizationCredential();

    [GeneratedRegex("^[A-Za-z0-9/+=]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    // A secret's name or a parameter path: lower-case segments separated by '/' (prod/orders/db-credentials).
    [GeneratedRegex("^/?[a-z0-9_.-]+(?:/[a-z0-9_.-]+)+/?$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePath();

    // name (a JSON or dict key may close with a quote and a bracket), then =, := or : (not ==), then an optional @ and a
    // quoted literal on one line: detect-secrets' keyword patterns, quotes required as for source code.
    [GeneratedRegex("""(?<![A-Za-z0-9_])(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})["']?\]?[ \t]{0,8}(?::=|=(?!=)|:)[ \t]{0,8}@?(?<q>["'])(?<value>[^"'\r\n\\]{8,256})\k<q>""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Assignment();
}
