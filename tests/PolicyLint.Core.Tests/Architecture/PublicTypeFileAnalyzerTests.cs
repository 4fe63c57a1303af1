using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;
using PolicyLint.Generators;

namespace PolicyLint.Core.Tests.Architecture;

/// <summary>
/// The build's layout analyzer (docs/style.md#layout) on its own: snippets compiled with Roslyn under a file name,
/// each result as <c>file(line,col): ID: message</c>. The build of src/ and rules/ runs it too, but a build that passes
/// shows only that no file breaks the rule, not that a file breaking it would be caught.
/// </summary>
public sealed class PublicTypeFileAnalyzerTests
{
    private static string[] Analyze(string fileName, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, path: $"/repo/src/{fileName}");
        var compilation = CSharpCompilation.Create("Layout", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PublicTypeFileAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d =>
        {
            var position = d.Location.GetLineSpan().StartLinePosition;
            return $"{fileName}({position.Line + 1},{position.Character + 1}): {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        })];
    }

    [Test]
    public void OnePublicType_NamedAfterTheFile_IsClean() =>
        Assert.That(Analyze("Widget.cs", "namespace N;\npublic sealed class Widget { public sealed class Nested; }\ninternal sealed class Helper;\n"), Is.Empty);

    [Test]
    public void ASecondPublicType_IsPLDEV001_AtItsName() =>
        Assert.That(Analyze("Widget.cs", "namespace N;\npublic sealed class Widget;\npublic enum WidgetKind { A }\n"), Is.EqualTo(new[]
        {
            "Widget.cs(3,13): PLDEV001: 'WidgetKind' is a second public type in the file of 'Widget': move it to its own file WidgetKind.cs",
        }));

    [Test]
    public void AFileNotNamedAfterItsPublicType_IsPLDEV002() =>
        Assert.That(Analyze("Widgets.cs", "namespace N\n{\n    public interface IWidget;\n}\n"), Is.EqualTo(new[]
        {
            "Widgets.cs(3,22): PLDEV002: Public type 'IWidget' is declared in 'Widgets.cs': name the file IWidget.cs",
        }));

    [Test]
    public void TheFileNamesItsOwnType_TheOtherPublicOnesAreSecond()
    {
        Assert.That(Analyze("Second.cs", "namespace N;\npublic record First;\npublic delegate void Second();\npublic struct Third;\n"), Is.EqualTo(new[]
        {
            "Second.cs(2,15): PLDEV001: 'First' is a second public type in the file of 'Second': move it to its own file First.cs",
            "Second.cs(4,15): PLDEV001: 'Third' is a second public type in the file of 'Second': move it to its own file Third.cs",
        }));
    }

    [Test]
    public void AGenericType_MayBeNamedWithItsParameters_OrWithout()
    {
        Assert.That(Analyze("Box{T}.cs", "namespace N;\npublic sealed class Box<T>;\n"), Is.Empty);
        Assert.That(Analyze("Box.cs", "namespace N;\npublic sealed class Box<T>;\n"), Is.Empty);
        Assert.That(Analyze("Crate.cs", "namespace N;\npublic sealed class Box<T, U>;\n"), Is.EqualTo(new[]
        {
            "Crate.cs(2,21): PLDEV002: Public type 'Box<T,U>' is declared in 'Crate.cs': name the file Box{T,U}.cs or Box.cs",
        }));
    }

    [Test]
    public void PartsOfOnePartialType_CountOnce_AndADottedSuffixIsAllowed() =>
        Assert.That(Analyze("Widget.Parsing.cs", "namespace N;\npublic partial class Widget;\npublic partial class Widget { }\n"), Is.Empty);
}
