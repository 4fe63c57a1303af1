using System.Runtime.CompilerServices;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>The outputs a project's templates export, by export name, so that an <c>Fn::ImportValue</c> can be
/// followed to what it imports.</summary>
/// <remarks>Source: AWS CloudFormation User Guide, "Outputs" and "Fn::ImportValue". Only export names that resolve
/// offline are known; a name used by two outputs is ambiguous and left out.</remarks>
public static class StackExports
{
    private static readonly ConditionalWeakTable<IReadOnlyList<TemplateModel>, IReadOnlyDictionary<string, StackExport>> Cache = new();

    /// <summary>The export named <paramref name="name"/> among <paramref name="templates"/>, or null when none of
    /// them exports it (or two do). The index is built once per list instance (a project's <c>Templates</c>).</summary>
    /// <param name="templates">The project's templates.</param>
    /// <param name="name">The export name, as <c>Fn::ImportValue</c> resolves it.</param>
    public static StackExport? Find(IReadOnlyList<TemplateModel> templates, string name) =>
        Cache.GetValue(templates, Index).GetValueOrDefault(name);

    private static Dictionary<string, StackExport> Index(IReadOnlyList<TemplateModel> templates)
    {
        var exports = new Dictionary<string, StackExport>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in templates)
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
