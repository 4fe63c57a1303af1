using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Ledger;

/// <summary>A scalar field of the ledger with its position. <see cref="Text"/> is null when the value is not a
/// scalar (that is a defect reported separately).</summary>
public sealed class LedgerField : IReportable
{
    internal LedgerField(string path, MappingEntry entry, LogicalLocation logicalLocation, LedgerRecord? record)
    {
        Path = path;
        Entry = entry;
        LogicalLocation = logicalLocation;
        Record = record;
        Text = entry.Value is ScalarNode { IsNull: false } scalar ? scalar.Value : null;
    }

    /// <summary>Dotted path inside the entry, e.g. <c>dates.expires_at</c>.</summary>
    public string Path { get; }

    /// <summary>The key/value entry as written.</summary>
    public MappingEntry Entry { get; }

    /// <summary>The scalar text, or null.</summary>
    public string? Text { get; }

    /// <summary>For date fields, the calendar date when <see cref="Text"/> is exactly <c>YYYY-MM-DD</c>; else null.</summary>
    public DateOnly? Date { get; internal set; }

    /// <summary>The value node's location.</summary>
    public Location ValueLocation => Entry.RawValue.Location;

    /// <summary>The entry (or file) the field belongs to.</summary>
    public LogicalLocation LogicalLocation { get; }

    /// <summary>The record the field belongs to, or null for a field of the file (<c>version</c>).</summary>
    public LedgerRecord? Record { get; }

    /// <inheritdoc />
    public DiagnosticTarget Target => new(Entry.KeyLocation, LogicalLocation, Path, []) { StableKey = Record?.StableKey };
}
