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
            Assert.That(CollectionDeferral.Budget(0, 0, 0), Is.Zero);
            Assert.That(CollectionDeferral.Budget(CollectionDeferral.MinimumFiles - 1, CollectionDeferral.MinimumFiles - 1, 1L << 20), Is.Zero);
            Assert.That(CollectionDeferral.Begin(0), Is.False);
        });
    }

    [Test]
    public void TheSample_IsSpreadOverTheFiles()
    {
        var sample = CollectionDeferral.Sample(1_050);
        Assert.Multiple(() =>
        {
            Assert.That(CollectionDeferral.Sample(0), Is.Empty);
            Assert.That(CollectionDeferral.Sample(10), Is.EqualTo(Enumerable.Range(0, 10)), "a small run: every file");
            Assert.That(sample, Has.Length.EqualTo(CollectionDeferral.SampleFiles));
            Assert.That(sample, Is.Ordered.Ascending.And.Unique);
            Assert.That(sample[0], Is.Zero);
            Assert.That(sample[^1], Is.EqualTo(1_033), "the last stride: 63 * 1,050 / 64");
        });
    }

    [Test]
    public void TheBudget_IsWhatTheSampleAllocatedPerFile_TimesTheOthers_AndAHalf_Bounded()
    {
        const int sampled = CollectionDeferral.SampleFiles;
        Assert.Multiple(() =>
        {
            // Measured per file: the SAM corpus 66 KB, both corpora 91 KB, the 1,000-template repository 270 KB.
            Assert.That(CollectionDeferral.Budget(1_050, sampled, sampled * 66L * 1024), Is.EqualTo(986L * 66 * 1024 / 2 * 3), "the SAM corpus");
            Assert.That(CollectionDeferral.Budget(1_353, sampled, sampled * 91L * 1024), Is.EqualTo(1_289L * 91 * 1024 / 2 * 3), "both corpora");
            Assert.That(CollectionDeferral.Budget(1_100, sampled, sampled * 270L * 1024), Is.Zero, "the 1,000-template repository would outgrow the maximum");
            Assert.That(CollectionDeferral.Budget(10_000, sampled, sampled * 16L * 1024), Is.Zero, "many small files: over the maximum too");
            Assert.That(CollectionDeferral.Budget(200, sampled, sampled * 16L * 1024), Is.EqualTo(CollectionDeferral.MinimumBudget), "the minimum");
            Assert.That(CollectionDeferral.Budget(CollectionDeferral.MinimumFiles, CollectionDeferral.MinimumFiles, 1L << 20), Is.EqualTo(CollectionDeferral.MinimumBudget), "every file sampled: the minimum, for analysis");
            Assert.That(CollectionDeferral.Budget(1_000, 0, 0), Is.Zero, "nothing sampled: no estimate");
            Assert.That(CollectionDeferral.LargeObjectBudget, Is.LessThan(CollectionDeferral.MinimumBudget));
            Assert.That(CollectionDeferral.MaximumBudget, Is.EqualTo(192L << 20));
        });
    }
}
