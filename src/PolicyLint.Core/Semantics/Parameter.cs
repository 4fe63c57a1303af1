using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>A template parameter.</summary>
/// <param name="Name">The parameter's logical ID.</param>
/// <param name="Entry">Its entry under <c>Parameters</c>.</param>
/// <param name="Type">Its <c>Type</c> (<c>String</c> when absent).</param>
/// <param name="Default">Its <c>Default</c> value node, or null.</param>
public sealed record Parameter(string Name, MappingEntry Entry, string Type, SyntaxNode? Default)
{
    /// <summary>Whether the parameter holds a list (<c>CommaDelimitedList</c>, <c>List&lt;…&gt;</c>).</summary>
    public bool IsList => Type == "CommaDelimitedList" || Type.StartsWith("List<", StringComparison.Ordinal)
        || Type.StartsWith("AWS::SSM::Parameter::Value<List<", StringComparison.Ordinal);
}
