namespace PolicyLint.Core.Loading;

/// <summary>
/// Asks the runtime to run no garbage collection while a command-line run of many files loads and analyzes them
/// (<see cref="Inputs.LoadRequest.DeferGarbageCollection"/>): every syntax tree stays live until the run ends, so each
/// collection during the run copies all the trees read so far, on one thread while the other waits. On the SAM corpus
/// (1,050 files, about 85 MB allocated in all) five or six collections paused the run for about a quarter of its wall
/// time (issue 15).
/// </summary>
/// <remarks>The budget is an estimate of what a run allocates, about 128 KB per file; the runtime commits it up front
/// (a few milliseconds for the largest budget). A run that allocates more collects once when it runs out, copying every
/// tree read so far, which costs about what the collections it replaced did (measured on both corpora with a budget
/// that was too small): so nothing is deferred where the estimate is over the largest budget. Peak memory grows by at
/// most the budget: garbage is not reclaimed before the process ends.
/// Source: .NET's <see cref="GC.TryStartNoGCRegion(long, long)"/> documentation.</remarks>
internal static class CollectionDeferral
{
    /// <summary>Below this many files a run allocates less than a generation-0 budget: nothing is deferred.</summary>
    internal const int MinimumFiles = 64;

    /// <summary>What a run allocates per file, with a margin: the SAM corpus allocates 81 MB for 1,050 files (77 KB a
    /// file), the SAM and aws-cloudformation-templates corpora together 135 MB for 1,348 (100 KB a file; about 18 times
    /// the bytes read in both). A budget the run outgrows ends in one collection that copies every tree read so far,
    /// which costs about what the collections it replaced did.</summary>
    internal const long BytesPerFile = 128 * 1024;

    /// <summary>The smallest budget asked for.</summary>
    internal const long MinimumBudget = 64L << 20;

    /// <summary>The largest budget asked for: the peak memory a run may add (below issue 15's 300 MB bound for a
    /// 10,000-template repository).</summary>
    internal const long MaximumBudget = 192L << 20;

    /// <summary>Of the budget, what large objects (85,000 bytes or more) may take.</summary>
    internal const long LargeObjectBudget = 16L << 20;

    /// <summary>The budget for a run of <paramref name="files"/> files, in bytes; 0 for none: for a small run, and for
    /// a run whose estimate is over <see cref="MaximumBudget"/> (it would outgrow the budget, and the collection that
    /// ends it copies every tree read so far, which saves nothing and holds the garbage until then).</summary>
    internal static long Budget(int files)
    {
        if (files < MinimumFiles)
            return 0;
        var estimate = files * BytesPerFile;
        return estimate > MaximumBudget ? 0 : Math.Max(estimate, MinimumBudget);
    }

    /// <summary>Starts deferring collections for a run of <paramref name="files"/> files; false when the runtime
    /// refused or the run is too small.</summary>
    internal static bool Begin(int files)
    {
        var budget = Budget(files);
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
