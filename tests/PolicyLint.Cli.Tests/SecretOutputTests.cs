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
}
