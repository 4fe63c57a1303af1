using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// A property value as deployed after SAM Globals are merged: the resource's own entry wins; without one the
/// Globals entry applies and the result is reported at the resource's logical ID with the Globals entry as a
/// related location (docs/conventions.md#c7).
/// </summary>
public sealed class EffectiveProperty : IReportable
{
    internal EffectiveProperty(Resource resource, string path, MappingEntry? own, MappingEntry? global)
    {
        Resource = resource;
        Path = path;
        Own = own;
        Global = global;
    }

    /// <summary>The resource.</summary>
    public Resource Resource { get; }

    /// <summary>Dotted path under <c>Properties</c>, e.g. <c>KmsKeyArn</c> or <c>Code.SourceKMSKeyArn</c>.</summary>
    public string Path { get; }

    /// <summary>The property's last path segment.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The resource's own entry, or null when inherited from Globals.</summary>
    public MappingEntry? Own { get; }

    /// <summary>The Globals entry, or null when the resource's own value is used or Globals do not set it.</summary>
    public MappingEntry? Global { get; }

    /// <summary>Whether the value comes from Globals.</summary>
    public bool IsInherited => Own is null;

    /// <summary>The entry in effect.</summary>
    public MappingEntry Entry => Own ?? Global!;

    /// <summary>The value in effect (aliases followed).</summary>
    public SyntaxNode Value => Entry.Value;

    /// <inheritdoc />
    public DiagnosticTarget Target
    {
        get
        {
            var target = new DiagnosticTarget(
                Own?.KeyLocation ?? Resource.Entry.Key.Location,
                Resource.LogicalLocation,
                "Properties." + Path,
                []);
            return Global is not null && Own is null
                ? target.WithRelated(Global.KeyLocation, $"{Path} set for every function in Globals")
                : target;
        }
    }
}
