using System.Runtime.CompilerServices;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Rules.Shared;

/// <summary>An output a template exports for <c>Fn::ImportValue</c> in other stacks.</summary>
/// <param name="Template">The exporting template.</param>
/// <param name="Value">The output's <c>Value</c>, in that template.</param>
public sealed record StackExport(TemplateModel Template, SyntaxNode Value);

/// <summary>The outputs the project's templates export, by export name, so that an <c>Fn::ImportValue</c> can be
/// followed to what it imports.</summary>
/// <remarks>Source: AWS CloudFormation User Guide, "Outputs" and "Fn::ImportValue". Only export names that resolve
/// offline are known; a name used by two outputs is ambiguous and left out.</remarks>
public static class StackExports
{
    private static readonly ConditionalWeakTable<ProjectModel, IReadOnlyDictionary<string, StackExport>> Cache = new();

    /// <summary>The export named <paramref name="name"/>, or null when no template exports it (or two do).</summary>
    public static StackExport? Find(ProjectModel project, string name) =>
        Cache.GetValue(project, Index).GetValueOrDefault(name);

    private static Dictionary<string, StackExport> Index(ProjectModel project)
    {
        var exports = new Dictionary<string, StackExport>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in project.Templates)
        {
            if (template.Root.GetValue("Outputs") is not MappingNode outputs)
                continue;
            foreach (var output in outputs.EffectiveEntries())
            {
                if (output.Value is not MappingNode body || body.GetValue("Value") is not { } value
                    || body.GetValue("Export") is not MappingNode export || export.GetValue("Name") is not { } nameNode
                    || !template.Resolver.Resolve(nameNode).TryGetString(out var name))
                    continue;
                if (!exports.TryAdd(name, new StackExport(template, value)))
                    ambiguous.Add(name);
            }
        }

        foreach (var name in ambiguous)
            exports.Remove(name);
        return exports;
    }
}
