using PolicyLint.Core.Semantics;

namespace PolicyLint.Core.Tests.Semantics;

/// <summary>A compact, exact rendering of resolved values for assertions.</summary>
internal static class ResolvedValueFormat
{
    /// <summary>Alternatives joined by <c> | </c>: literal text as is, <c>&lt;NoValue&gt;</c>, <c>Ref(Id)</c>,
    /// <c>GetAtt(Id.Attr)</c>, <c>Import(…)</c>, <c>[a, b]</c>, <c>{…}</c>, a partial string as its pattern in
    /// <c>~'…'</c>, and <c>?(reason)</c>.</summary>
    public static string Show(ResolvedValue value) => string.Join(" | ", value.Alternatives.Select(Show));

    private static string Show(ValueAlternative alternative) => alternative switch
    {
        LiteralValue l => l.Text,
        NoValue => "<NoValue>",
        ResourceReferenceValue { Attribute: null } r => $"Ref({r.LogicalId})",
        ResourceReferenceValue r => $"GetAtt({r.LogicalId}.{r.Attribute})",
        ImportedValue i => $"Import({Show(i.ExportName)})",
        ListValue list => $"[{string.Join(", ", list.Items.Select(Show))}]",
        StructureValue => "{…}",
        PartialStringValue p => $"~'{p.Pattern}'",
        UnresolvedValue u => $"?({u.Reason})",
        _ => alternative.ToString()!,
    };
}
