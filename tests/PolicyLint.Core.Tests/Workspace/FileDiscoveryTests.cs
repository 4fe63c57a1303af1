using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Workspace;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Workspace;

public sealed class FileDiscoveryTests
{
    [Test]
    public void Discover_ReadsTemplateExtensions_IncludesDotFolders_SkipsToolFolders_SortsOrdinally()
    {
        using var repository = new TemporaryRepository();
        foreach (var path in new[]
        {
            "a.yaml", "B.yml", "c.json", "d.template", "e.txt", "F.YAML", "yaml",
            ".github/workflows/ci.yml",
            ".git/config.yaml", "node_modules/pkg/template.yaml", ".aws-sam/build/template.yaml",
            "cdk.out/asset.1234/bundle.json", "cdk.out/manifest.json", "cdk.out/Stack.template.json",
            "nested/cdk.out/asset.9/y.yaml", "other/asset.1/z.yaml", "x.yaml/inner.yml",
        })
        {
            repository.Write(path, "a: 1\n");
        }

        var notifications = new List<ToolNotification>();
        var files = FileDiscovery.Discover(repository.Root, null, notifications);

        Assert.Multiple(() =>
        {
            Assert.That(files, Is.EqualTo(new[]
            {
                ".github/workflows/ci.yml",
                "B.yml",
                "F.YAML",
                "a.yaml",
                "c.json",
                "cdk.out/Stack.template.json",
                "cdk.out/manifest.json",
                "d.template",
                "other/asset.1/z.yaml",
                "x.yaml/inner.yml",
            }));
            Assert.That(notifications, Is.Empty);
        });
    }

    [Test]
    public void Discover_DoesNotFollowSymbolicLinksToDirectories()
    {
        using var repository = new TemporaryRepository();
        repository.Write("loop/real.yaml", "a: 1\n");
        repository.Write("target/t.yaml", "a: 1\n");
        Directory.CreateSymbolicLink(Path.Combine(repository.Root, "loop", "back"), "..");
        Directory.CreateSymbolicLink(Path.Combine(repository.Root, "alias"), Path.Combine(repository.Root, "target"));

        var files = FileDiscovery.Discover(repository.Root, null, new List<ToolNotification>());

        Assert.That(files, Is.EqualTo(new[] { "loop/real.yaml", "target/t.yaml" }));
    }

    [Test]
    public void Discover_AppliesTheExtraFilterToRelativePaths()
    {
        using var repository = new TemporaryRepository();
        repository.Write("keep.yaml", "a: 1\n");
        repository.Write("generated/skip.yaml", "a: 1\n");

        var files = FileDiscovery.Discover(repository.Root, p => p.StartsWith("generated/", StringComparison.Ordinal), new List<ToolNotification>());

        Assert.That(files, Is.EqualTo(new[] { "keep.yaml" }));
    }

    [TestCase("template.yaml", true)]
    [TestCase("template.YML", true)]
    [TestCase("stack.template", true)]
    [TestCase("x.json", true)]
    [TestCase("template.yaml.bak", false)]
    [TestCase("samconfig.toml", true)]
    [TestCase("samconfig.yaml", true)]
    [TestCase("other.toml", false)]
    [TestCase("pyproject.toml", false)]
    public void IsCandidateName(string name, bool expected) =>
        Assert.That(FileDiscovery.IsCandidateName(name), Is.EqualTo(expected));
}
