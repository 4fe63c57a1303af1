using System.Diagnostics.Tracing;

namespace PolicyLint.Benchmarks;

/// <summary>The runtime's sampled allocation events (about one per 100 KB allocated, with the type of the object that
/// crossed the mark), summed by type while <see cref="On"/> is set: where a stage's bytes go (issue 15).</summary>
public sealed class AllocListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    /// <summary>Sampled bytes by type name.</summary>
    public Dictionary<string, long> ByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether events are summed now.</summary>
    public bool On { get; set; }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!On || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names)
            return;
        var type = eventData.Payload![names.IndexOf("TypeName")] as string ?? "?";
        var bytes = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        lock (ByType)
            ByType[type] = ByType.GetValueOrDefault(type) + bytes;
    }
}
