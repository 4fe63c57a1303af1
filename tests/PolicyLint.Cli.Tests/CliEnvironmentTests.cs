using NUnit.Framework;

namespace PolicyLint.Cli.Tests;

/// <summary>Only the policylint executable's own process defers garbage collection during a large lint (issue 15): a
/// run in a test or host process shares its process and keeps collecting.</summary>
public sealed class CliEnvironmentTests
{
    [Test]
    public void OnlyTheProcessEnvironment_OwnsTheProcess()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CliEnvironment.FromProcess().OwnsProcess, Is.True);
            Assert.That(CliEnvironment.Redirected.OwnsProcess, Is.False);
            Assert.That(new CliEnvironment(true, _ => null).OwnsProcess, Is.False);
        });
    }
}
