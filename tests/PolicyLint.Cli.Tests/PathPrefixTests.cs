using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>--path-prefix</c>: with a root that is a folder of the repository, every root-relative path of every
/// format starts with that folder, so that it names the repository's file (GitHub resolves annotations and SARIF URIs
/// against the repository root; new-user trial: the action's <c>root: app</c> annotated <c>security/…</c>).</summary>
public sealed class PathPrefixTests
{
    private static readonly string Problems = CliRunner.Samples("inspector-problems");

    private static CliRun Lint(params string[] args) => CliRunner.Lint([.. args, Problems]);

    [Test]
    public void Text_AndGnu_EveryResultLineStartsWithThePrefix_TheRestUnchanged()
    {
        foreach (var format in new[] { "text", "gnu" })
        {
            var plain = Lint("--format", format).Stdout.Split('\n');
            var prefixed = Lint("--format", format, "--path-prefix", "app/").Stdout.Split('\n');

            var results = format == "text" ? plain.Length - 2 : plain.Length - 1;
            Assert.That(results, Is.GreaterThan(0));
            Assert.That(prefixed, Is.EqualTo(plain.Select((line, i) => i < results ? "app/" + line : line).ToArray()), format);
        }
    }

    [Test]
    public void GitHub_EveryAnnotationFileStartsWithThePrefix()
    {
        var plain = Lint("--format", "github").Stdout;
        var prefixed = Lint("--format", "github", "--path-prefix", "app/").Stdout;

        Assert.That(Regex.Count(plain, "^::(error|warning|notice) file=", RegexOptions.Multiline), Is.GreaterThan(0));
        Assert.That(prefixed, Is.EqualTo(Regex.Replace(plain, "^(::(?:error|warning|notice) file=)", "$1app/", RegexOptions.Multiline)));
    }

    [Test]
    public void Markdown_EveryLocationAndLinkStartsWithThePrefix_UnderTheLinkBaseToo()
    {
        var plain = Lint("--format", "markdown", "--markdown-link-base", "https://github.com/acme/app/blob/0123abc/").Stdout;
        var prefixed = Lint("--format", "markdown", "--markdown-link-base", "https://github.com/acme/app/blob/0123abc/", "--path-prefix", "app/").Stdout;

        var expected = Regex.Replace(plain, @"\| \[([^\]]+)\]\(https://github\.com/acme/app/blob/0123abc/", "| [app/$1](https://github.com/acme/app/blob/0123abc/app/");
        Assert.That(expected, Is.Not.EqualTo(plain));
        Assert.That(prefixed, Is.EqualTo(expected));
        Assert.That(prefixed, Does.Contain("| [app/services/orders/template.yaml(").And.Contain("](https://github.com/acme/app/blob/0123abc/app/services/orders/template.yaml#L"));
    }

    [Test]
    public void Json_EveryPathStartsWithThePrefix()
    {
        using var plain = JsonDocument.Parse(Lint("--format", "json").Stdout);
        using var prefixed = JsonDocument.Parse(Lint("--format", "json", "--path-prefix", "app/").Stdout);

        var paths = plain.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()).ToList();
        Assert.That(paths, Is.Not.Empty);
        Assert.That(prefixed.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()), Is.EqualTo(paths.Select(p => "app/" + p)));
    }

    /// <summary>SARIF URIs stay under <c>%SRCROOT%</c>, which is then the repository root; fingerprints and everything
    /// else are unchanged, and the log stays valid.</summary>
    [Test]
    public void Sarif_EveryUriUnderSrcRootStartsWithThePrefix_FingerprintsUnchanged()
    {
        var plain = Lint("--format", "sarif").Stdout;
        var run = Lint("--format", "sarif", "--path-prefix", "app/");
        using var prefixed = run.Sarif();

        var uris = Regex.Matches(run.Stdout, "\"uri\": \"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(uris, Is.Not.Empty.And.All.StartWith("app/"));
        var expected = Regex.Replace(plain, "\"uri\": \"", "\"uri\": \"app/").Replace(
            "The root directory PolicyLint analyzed (the repository root); every artifact URI is relative to it.",
            "The repository root, whose folder app/ PolicyLint analyzed; every artifact URI is relative to the repository root.");
        Assert.That(run.Stdout, Is.EqualTo(expected));
    }

    [TestCase("app", "app/")]
    [TestCase("app/", "app/")]
    [TestCase("./infra//app/", "infra/app/")]
    [TestCase("infra\\app", "infra/app/")]
    [TestCase(".", "")]
    [TestCase("", "")]
    public void ThePrefix_IsNormalised(string given, string written)
    {
        var run = Lint("--format", "gnu", "--path-prefix", given);

        Assert.That(run.Stdout, Is.EqualTo(Regex.Replace(Lint("--format", "gnu").Stdout, "^(?=.)", written, RegexOptions.Multiline)));
    }

    [TestCase("/work/app")]
    [TestCase("../app")]
    [TestCase("app/../../x")]
    [TestCase("app/..")]
    public void APrefixThatIsNoRelativeFolderPathInside_IsAUsageError(string given)
    {
        var run = Lint("--path-prefix", given);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: --path-prefix '{given}' is not a relative folder path without '..' (e.g. app/: the root's folder in the repository)\n"));
        Assert.That(run.Stdout, Is.Empty);
    }
}
