namespace PolicyLint.Core.Loading;

/// <summary>
/// Asks the runtime to run no garbage collection while a command-line run of many files loads and analyzes them
/// (<see cref="Inputs.LoadRequest.DeferGarbageCollection"/>): every syntax tree stays live until the run ends, so each
/// collection during the run copies the trees read since the last one, on one thread while the other waits. On the SAM
/// corpus (1,050 files, about 70 MB allocated in all) five or six collections paused the run for about a quarter of its
/// wall time (issue 15).
/// </summary>
/// <remarks>
/// The budget is estimated from what the run itself allocates: the loader first reads a sample of the files spread
/// over the run (<see cref="Sample"/>), and what they allocated per file, times the files left with a margin, is the
/// budget (<see cref="Budget"/>). Neither a file count nor a byte count predicts it: per file, the SAM corpus allocates
/// 66 KB, the SAM and aws-cloudformation-templates corpora together 91 KB and the 1,000-template generated repository
/// 270 KB; per byte read, 59, 32 and 71 bytes. A budget of 128 KB a file let the 1,000-template run outgrow it: it then
/// collected once, copying every tree read so far, and peaked at 176 MB instead of 125 MB for no gain in speed. The
/// runtime commits the budget up front; a run that allocates more collects once when it runs out. Peak memory grows by
/// at most the budget: garbage is not reclaimed before the process ends. Nothing is deferred where the estimate is over
/// <see cref="MaximumBudget"/>.
/// Source: .NET's <see cref="GC.TryStartNoGCRegion(long, long)"/> documentation.
/// </remarks>
internal static class CollectionDeferral
{
    /// <summary>Below this many files a run allocates less than a generation-0 budget: nothing is deferred.</summary>
    internal const int MinimumFiles = 64;

    /// <summary>How many files the sample that sets the budget holds (spread over the run's files in path order).</summary>
    internal const int SampleFiles = 64;

    /// <summary>The smallest budget asked for.</summary>
    internal const long MinimumBudget = 64L << 20;

    /// <summary>The largest budget asked for: the peak memory a run may add (below issue 15's 300 MB bound for a
    /// 10,000-template repository).</summary>
    internal const long MaximumBudget = 192L << 20;

    /// <summary>Of the budget, what large objects (85,000 bytes or more) may take.</summary>
    internal const long LargeObjectBudget = 16L << 20;

    /// <summary>The indexes (ascending) of the files the sample reads first, out of <paramref name="files"/>: all of them
    /// when there are at most <see cref="SampleFiles"/>, else <see cref="SampleFiles"/> spread evenly over them (a
    /// folder of small or large files in one place of the path order does not decide the estimate alone).</summary>
    internal static int[] Sample(int files)
    {
        var count = Math.Min(Math.Max(files, 0), SampleFiles);
        var sample = new int[count];
        for (var i = 0; i < count; i++)
            sample[i] = (int)((long)i * files / count);
        return sample;
    }

    /// <summary>The budget in bytes for a run of <paramref name="files"/> files whose first <paramref name="sampled"/>
    /// (the <see cref="Sample"/>) allocated <paramref name="sampleBytes"/>: what the others should allocate at that rate,
    /// plus half for analysis and the margin (analysis allocated 10–15 % of what loading did on the corpora, 50 % on
    /// the 1,000-template generated repository with its 1,500-entry ledger), at least <see cref="MinimumBudget"/>. 0 for none: for a small
    /// run, and for a run whose estimate is over <see cref="MaximumBudget"/> (it would outgrow the budget, and the
    /// collection that ends it copies every tree read so far, which saves nothing and holds the garbage until then).</summary>
    internal static long Budget(int files, int sampled, long sampleBytes)
    {
        if (files < MinimumFiles || sampled <= 0 || sampled > files)
            return 0;
        var estimate = Math.Max(sampleBytes, 0) / sampled * (files - sampled) / 2 * 3;
        return estimate > MaximumBudget ? 0 : Math.Max(estimate, MinimumBudget);
    }

    /// <summary>Starts deferring collections with <paramref name="budget"/> bytes (<see cref="Budget"/>); false when the
    /// budget is 0 or the runtime refused.</summary>
    internal static bool Begin(long budget)
    {
        if (budget == 0)
            return false;
        try
        {
            return GC.TryStartNoGCRegion(budget, LargeObjectBudget);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Already deferring (a second load in the same process), or a budget this runtime does not allow.
            return false;
        }
    }
}
