using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>An output a template exports for <c>Fn::ImportValue</c> in other stacks.</summary>
/// <param name="Template">The exporting template.</param>
/// <param name="Value">The output's <c>Value</c>, in that template.</param>
public sealed record StackExport(TemplateModel Template, SyntaxNode Value);
