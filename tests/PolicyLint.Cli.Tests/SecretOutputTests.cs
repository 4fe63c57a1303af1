using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>PL6001 results name where a credential-like literal is, never the literal itself, in every output format.</summary>
public sealed class SecretOutputTests
{
    // Secrets of this test only (the rule pages embedded in SARIF carry their own example values).
    private static readonly string[] Secrets =
    [
        "AKIAZ7QX3MPLTESTONLY",
        "Zq9rT2vX8mN4bK6pL1sW3yH5jD7fG0aE2cR4uI6o",
        "correct-horse-battery-staple",
        "sk_test_policylint_0123456789",
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
    ];

    [TestCase("sarif")]
    [TestCase("json")]
    [TestCase("text")]
    public void Output_ContainsNoSecretValue(string format)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", $$"""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Environment:
                  Variables:
                    AWS_SECRET_ACCESS_KEY: {{Secrets[1]}}
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Environment:
                    Variables:
                      AWS_ACCESS_KEY_ID: {{Secrets[0]}}
                      DB_PASSWORD: {{Secrets[2]}}
                  InlineCode: |
                    STRIPE_API_KEY = "{{Secrets[3]}}"
                    KEY = ('-----BEGIN PRIVATE KEY-----'
                      '{{Secrets[4]}}'
                      '-----END PRIVATE KEY-----')
            """);

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", format, repository.Root);

        Assert.That(run.Stdout, Does.Contain("PL6001"));
        if (format == "sarif")
            SarifSchema.AssertValid(run.Stdout);
        foreach (var secret in Secrets)
        {
            Assert.That(run.Stdout, Does.Not.Contain(secret), "the full secret");
            Assert.That(run.Stdout, Does.Not.Contain(secret[4..12]), "a part of the secret past its first 4 characters");
        }
    }

    [Test]
    public void TomlSyntaxErrors_MaskTheTokenTheFileHolds_NotTheTokenKinds()
    {
        using var repository = new TemporaryRepository();
        repository.Write("samconfig.toml", "version = 0.1\n[default.deploy.parameters]\npassword = correcthorsebatterystaple\n");

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today);

        Assert.That(run.Stdout, Does.StartWith("samconfig.toml(3,12): error PL0001: Invalid TOML: unexpected token `corr…` (25 characters) for a value\n"));
    }

    [TestCase("text")]
    [TestCase("gnu")]
    [TestCase("github")]
    [TestCase("markdown")]
    [TestCase("sarif")]
    [TestCase("json")]
    public void SyntaxErrors_NextToACredential_MaskIt(string format)
    {
        const string secret = "Qx7vTz2LpW9sKd4NfR8mYb3HcJ6gAe1UoI5tZn0E";
        using var repository = new TemporaryRepository();
        repository.Write("a.json", "{\"Resources\": {\"F\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"DB_PASSWORD\": " + secret + "}}}}");
        repository.Write("b.json", "{\"Resources\": {\"F\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"DB_PASSWORD\": \"x\" \"" + secret + "\"}}}}");
        repository.Write("samconfig.toml", $"version = 0.1\n[default.deploy.parameters]\naws_secret_access_key = {secret}\n");

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", format);

        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(secret[..5]));
        if (format == "text")
        {
            Assert.That(run.Stdout, Is.EqualTo(
                "a.json(1,85): error PL0001: Invalid JSON: invalid literal 'Qx7v…' (40 characters) (a JSON value is true, false, null, a number, a string in double quotes, an object or an array)\n" +
                "b.json(1,89): error PL0001: Invalid JSON: expected ',' or '}' after the value of 'DB_PASSWORD', found the string \"Qx7v…\" (40 characters)\n" +
                "samconfig.toml(3,25): error PL0001: Invalid TOML: unexpected token `Qx` for a value\n" +
                "PolicyLint: 3 errors, 0 warnings, 0 info in 3 files\n"));
        }
    }
}
