using NUnit.Framework;
using PolicyLint.Core.Loading;

namespace PolicyLint.Core.Tests.Loading;

public sealed class CollectionDeferralTests
{
    [Test]
    public void ASmallRun_DefersNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CollectionDeferral.Budget(0), Is.Zero);
            Assert.That(CollectionDeferral.Budget(CollectionDeferral.MinimumFiles - 1), Is.Zero);
            Assert.That(CollectionDeferral.Begin(CollectionDeferral.MinimumFiles - 1), Is.False);
        });
    }

    [Test]
    public void TheBudget_Is128KBAFile_Bounded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CollectionDeferral.Budget(CollectionDeferral.MinimumFiles), Is.EqualTo(64L << 20), "the minimum");
            Assert.That(CollectionDeferral.Budget(1_050), Is.EqualTo(1_050L * 128 * 1024), "the SAM corpus");
            Assert.That(CollectionDeferral.Budget(1_536), Is.EqualTo(192L << 20), "the maximum: what peak memory may grow by");
            Assert.That(CollectionDeferral.Budget(1_537), Is.Zero, "a run that would outgrow the maximum defers nothing");
            Assert.That(CollectionDeferral.Budget(10_000), Is.Zero);
            Assert.That(CollectionDeferral.LargeObjectBudget, Is.LessThan(CollectionDeferral.MinimumBudget));
        });
    }
}
