using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// One environment variable a function has as deployed (<c>Environment.Variables</c>), its own or merged from SAM
/// <c>Globals.Function.Environment</c>. The value stays an expression; nothing is resolved.
/// </summary>
public sealed class EnvironmentVariable : IReportable
{
    internal EnvironmentVariable(LambdaFunction function, MappingEntry entry, bool isInherited, bool isConditional)
    {
        Function = function;
        Entry = entry;
        IsInherited = isInherited;
        IsConditional = isConditional;
    }

    /// <summary>The function.</summary>
    public LambdaFunction Function { get; }

    /// <summary>The variable's entry under <c>Variables</c> (in the function, or in Globals when inherited).</summary>
    public MappingEntry Entry { get; }

    /// <summary>The variable's name as written, or null for a complex key.</summary>
    public string? Name => Entry.KeyText;

    /// <summary>The value as written (aliases followed).</summary>
    public SyntaxNode Value => Entry.Value;

    /// <summary>Whether the variable comes from <c>Globals.Function.Environment.Variables</c>.</summary>
    public bool IsInherited { get; }

    /// <summary>Whether the variable sits in a branch of <c>Fn::If</c> (of <c>Environment</c> or <c>Variables</c>).</summary>
    public bool IsConditional { get; }

    /// <inheritdoc />
    public DiagnosticTarget Target
    {
        get
        {
            var path = $"Properties.Environment.Variables.{Name}";
            return IsInherited
                ? new DiagnosticTarget(Function.Resource.Entry.Key.Location, Function.Resource.LogicalLocation, path, [])
                    .WithRelated(Entry.KeyLocation, $"Environment variable '{Name}' set for every function in Globals")
                : new DiagnosticTarget(Entry.KeyLocation, Function.Resource.LogicalLocation, path, []);
        }
    }
}
