using System.Collections;
using System.Diagnostics.CodeAnalysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Configuration;

/// <summary>
/// Severity overrides by rule ID: a handful of entries in two arrays, searched in order. Not an
/// <c>ImmutableDictionary&lt;string, DiagnosticSeverity?&gt;</c>: a framework collection over a value type has no
/// ReadyToRun code, so every pre-commit run would JIT-compile some forty of its methods just to be empty.
/// </summary>
internal sealed class SeverityOverrideMap : IReadOnlyDictionary<string, DiagnosticSeverity?>
{
    private readonly string[] _keys;
    private readonly DiagnosticSeverity?[] _values;

    private SeverityOverrideMap(string[] keys, DiagnosticSeverity?[] values, int count)
    {
        _keys = keys;
        _values = values;
        Count = count;
    }

    /// <summary>No overrides.</summary>
    public static SeverityOverrideMap Empty { get; } = new([], [], 0);

    /// <summary>The overrides of <paramref name="descriptors"/> whose severity <paramref name="severityOf"/> differs
    /// from their default; a later copy of an ID wins.</summary>
    public static SeverityOverrideMap Create(IEnumerable<DiagnosticDescriptor> descriptors, Func<DiagnosticDescriptor, DiagnosticSeverity?> severityOf)
    {
        DiagnosticDescriptor[] all = [.. descriptors];
        var keys = new string[all.Length];
        var values = new DiagnosticSeverity?[all.Length];
        var count = 0;
        foreach (var descriptor in all)
        {
            var severity = severityOf(descriptor);
            if (severity == descriptor.DefaultSeverity)
                continue;
            var index = IndexOf(keys, count, descriptor.Id);
            if (index < 0)
            {
                index = count++;
                keys[index] = descriptor.Id;
            }

            values[index] = severity;
        }

        return count == 0 ? Empty : new SeverityOverrideMap(keys, values, count);
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public DiagnosticSeverity? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No severity override for {key}");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _keys.Take(Count);

    /// <inheritdoc />
    public IEnumerable<DiagnosticSeverity?> Values => _values.Take(Count);

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(_keys, Count, key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out DiagnosticSeverity? value)
    {
        var index = IndexOf(_keys, Count, key);
        value = index < 0 ? null : _values[index];
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, DiagnosticSeverity?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return new KeyValuePair<string, DiagnosticSeverity?>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(string[] keys, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
