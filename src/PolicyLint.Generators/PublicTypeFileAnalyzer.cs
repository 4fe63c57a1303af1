using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyLint.Generators;

/// <summary>
/// The build's layout rule (docs/style.md#layout): a source file declares at most one public top-level type
/// (<c>PLDEV001</c>), and a file that declares one is named after it (<c>PLDEV002</c>): <c>Name.cs</c>, or
/// <c>Name{T}.cs</c> for a generic type; a suffix after a dot is allowed (<c>Name.Parsing.cs</c> for a part of a
/// partial type). Internal and nested types are not counted: they may sit beside the public type they serve.
/// Generated files are skipped. Referenced by the projects under <c>src/</c> and <c>rules/</c>; tests are exempt.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublicTypeFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>A second public top-level type in one file.</summary>
    public static readonly DiagnosticDescriptor OnePublicTypePerFile = new(
        "PLDEV001",
        "One public type per file",
        "'{0}' is a second public type in the file of '{1}': move it to its own file {2}",
        "Layout",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A source file declares at most one public top-level type (docs/style.md#layout).");

    /// <summary>A public top-level type in a file not named after it.</summary>
    public static readonly DiagnosticDescriptor FileNamedAfterPublicType = new(
        "PLDEV002",
        "File named after its public type",
        "Public type '{0}' is declared in '{1}': name the file {2}",
        "Layout",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A file that declares a public top-level type is named after it (docs/style.md#layout).");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(OnePublicTypePerFile, FileNamedAfterPublicType);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(AnalyzeTree);
    }

    private static void AnalyzeTree(SyntaxTreeAnalysisContext context)
    {
        if (string.IsNullOrEmpty(context.Tree.FilePath))
            return;
        var fileName = Path.GetFileName(context.Tree.FilePath);
        var stem = fileName.Split('.')[0];
        var types = new List<(string Name, string[] FileNames, Location Location)>();
        foreach (var declaration in TopLevelTypes(context.Tree.GetRoot(context.CancellationToken)))
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PublicKeyword))
                continue;
            var (name, fileNames) = Names(declaration);
            if (!types.Any(t => t.Name == name)) // else another part of the same partial type
                types.Add((name, fileNames, Identifier(declaration).GetLocation()));
        }

        if (types.Count == 0)
            return;
        // The file's own type is the one it is named after, else the first.
        var own = types.FindIndex(t => t.FileNames.Contains(stem, StringComparer.Ordinal));
        if (own < 0)
        {
            own = 0;
            context.ReportDiagnostic(Diagnostic.Create(FileNamedAfterPublicType, types[0].Location, types[0].Name, fileName, string.Join(" or ", types[0].FileNames.Select(n => n + ".cs"))));
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (i != own)
                context.ReportDiagnostic(Diagnostic.Create(OnePublicTypePerFile, types[i].Location, types[i].Name, types[own].Name, types[i].FileNames[0] + ".cs"));
        }
    }

    private static IEnumerable<MemberDeclarationSyntax> TopLevelTypes(SyntaxNode root)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            var members = node switch
            {
                CompilationUnitSyntax unit => unit.Members,
                BaseNamespaceDeclarationSyntax ns => ns.Members,
                _ => default,
            };
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax)
                    pending.Push(member);
                else if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                    yield return member;
            }
        }
    }

    private static SyntaxToken Identifier(MemberDeclarationSyntax declaration) => declaration switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier,
        DelegateDeclarationSyntax d => d.Identifier,
        _ => throw new ArgumentException("not a type declaration", nameof(declaration)),
    };

    /// <summary>The type's display name (<c>Name&lt;T&gt;</c>) and the file stems it may have.</summary>
    private static (string Name, string[] FileNames) Names(MemberDeclarationSyntax declaration)
    {
        var identifier = Identifier(declaration).ValueText;
        var parameters = declaration switch
        {
            TypeDeclarationSyntax type => type.TypeParameterList,
            DelegateDeclarationSyntax d => d.TypeParameterList,
            _ => null,
        };
        if (parameters is null || parameters.Parameters.Count == 0)
            return (identifier, new[] { identifier });
        var list = string.Join(",", parameters.Parameters.Select(p => p.Identifier.ValueText));
        return (identifier + "<" + list + ">", new[] { identifier + "{" + list + "}", identifier });
    }
}
