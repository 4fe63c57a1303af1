using System.Runtime.CompilerServices;

namespace PolicyLint.Core.Workspace;

/// <summary>Runs independent work items on every core, or in a plain loop when there are too few to pay for the
/// thread pool (a pre-commit run of a small repository starts no worker thread).</summary>
internal static class Parallelism
{
    /// <summary>Below this many items the loop runs on the calling thread.</summary>
    public const int MinimumItems = 8;

    /// <summary>Calls <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/>; each call must write only its own
    /// slot, so that the result does not depend on the order.</summary>
    public static void For(int count, int maxDegreeOfParallelism, Action<int> body, CancellationToken cancellationToken)
    {
        if (count < MinimumItems || maxDegreeOfParallelism == 1 || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(i);
            }

            return;
        }

        OnThreadPool(count, maxDegreeOfParallelism, body, cancellationToken);
    }

    /// <summary>Parallel.For, in a method of its own: a ReadyToRun method loads the types it uses before it first runs,
    /// so <see cref="For"/> would load System.Threading.Tasks.Parallel even for a loop on the calling thread (issue 15).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnThreadPool(int count, int maxDegreeOfParallelism, Action<int> body, CancellationToken cancellationToken) =>
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism }, body);
}
