using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Core.Inputs.Templates;

/// <summary>What loading one file gave.</summary>
/// <param name="Path">The root-relative path.</param>
/// <param name="IsTemplateFile">Whether the file counts as a template file (a broken one that looks like a template included).</param>
/// <param name="Templates">Its templates (one per template document); empty when the file cannot be read, has a syntax
/// error or exceeds a limit. A repeated key or an invalid intrinsic form does not empty it (docs/conventions.md#c4).</param>
/// <param name="Diagnostics">PL0001 results of the file.</param>
/// <param name="Notification">A problem with reading the file, or null.</param>
public sealed record FileResult(string Path, bool IsTemplateFile, IReadOnlyList<TemplateModel> Templates, IReadOnlyList<Diagnostic> Diagnostics, ToolNotification? Notification) : IInputModel
{
    /// <inheritdoc />
    public InputKind Kind => InputKind.Template;

    /// <summary>Whether a syntax tree was built for the file.</summary>
    public bool WasParsed { get; init; }
}
