using NJsonSchema;
using NUnit.Framework;

namespace PolicyLint.Testing;

/// <summary>
/// Validates SARIF against the official OASIS SARIF 2.1.0 schema (JSON Schema draft-04, copied into
/// <c>tests/schemas/</c>), with NJsonSchema.
/// </summary>
public static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(RepositoryPaths.Get("tests/schemas/sarif-schema-2.1.0.json"))).GetAwaiter().GetResult());

    /// <summary>Asserts that <paramref name="sarif"/> is valid.</summary>
    public static void AssertValid(string sarif)
    {
        var errors = Schema.Value.Validate(sarif);
        Assert.That(errors.Select(e => $"{e.Path}: {e.Kind} ({e})"), Is.Empty, "SARIF does not validate against the 2.1.0 schema");
    }

    /// <summary>The validation errors (for tests that expect some).</summary>
    public static IReadOnlyList<string> Validate(string sarif) => [.. Schema.Value.Validate(sarif).Select(e => $"{e.Path}: {e.Kind}")];
}
