using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Syntax.JsonErrorScanner;

namespace PolicyLint.Core.Configuration;

/// <summary>
/// Reads Roslyn analyzer severities from <c>.editorconfig</c> (its global section and <c>[*]</c> only) and
/// <c>.globalconfig</c> (its global section): <c>dotnet_diagnostic.PL1001.severity = error</c> and
/// <c>dotnet_analyzer_diagnostic.category-LedgerHygiene.severity = warning</c>. Keys that are not about PolicyLint
/// are ignored (other analyzers share these files); a PolicyLint key (an ID of PL and digits, or a PolicyLint category)
/// with an unknown ID or a bad value is PL0004.
/// </summary>
/// <remarks>Source: Microsoft Learn, "Configuration options for code analysis" and "Global AnalyzerConfig" (Roslyn
/// severities: error, warning, suggestion, silent, none, default). Mapping per docs/conventions.md#c20.</remarks>
public static class EditorConfigReader
{
    private const string DiagnosticPrefix = "dotnet_diagnostic.";
    private const string CategoryPrefix = "dotnet_analyzer_diagnostic.category-";
    private const string SeveritySuffix = ".severity";

    /// <summary>Reads <paramref name="source"/> into <paramref name="settings"/>.</summary>
    /// <param name="source">The file.</param>
    /// <param name="isEditorConfig">True for <c>.editorconfig</c> (global section and <c>[*]</c>), false for
    /// <c>.globalconfig</c> (global section only).</param>
    /// <param name="catalog">Known rules.</param>
    /// <param name="settings">Receives the severities.</param>
    /// <param name="problems">Receives PL0004 problems.</param>
    public static void Read(SourceText source, bool isEditorConfig, IReadOnlyList<DiagnosticDescriptor> catalog, SeveritySettings settings, List<ConfigurationProblem> problems)
    {
        var ids = catalog.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var inScope = true;
        for (var line = 1; line <= source.LineCount; line++)
        {
            var text = source.GetLineText(line);
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
                continue;
            if (trimmed[0] == '[')
            {
                inScope = isEditorConfig && trimmed == "[*]";
                continue;
            }

            if (!inScope)
                continue;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                continue;
            var key = text[..equals].Trim();
            var value = StripComment(text[(equals + 1)..]).Trim();
            if (!key.EndsWith(SeveritySuffix, StringComparison.OrdinalIgnoreCase))
                continue;

            var keyStart = source.GetLineStart(line) + text.IndexOf(key, StringComparison.Ordinal);
            var keyLocation = new Location(source, new TextSpan(keyStart, keyStart + key.Length));
            var valueStart = source.GetLineStart(line) + equals + 1 + (text[(equals + 1)..].Length - text[(equals + 1)..].TrimStart().Length);
            var valueLocation = new Location(source, new TextSpan(valueStart, valueStart + value.Length));

            // Roslyn reads these keys, IDs, category names and values case-insensitively; so do we, in these files only.
            if (key.StartsWith(DiagnosticPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > DiagnosticPrefix.Length + SeveritySuffix.Length)
            {
                var id = key[DiagnosticPrefix.Length..^SeveritySuffix.Length].ToUpperInvariant();
                if (!id.StartsWith("PL", StringComparison.Ordinal) || id.Length == 2 || !id[2..].All(char.IsAsciiDigit))
                    continue; // another analyzer's setting: PolicyLint's IDs are PL and digits
                if (!ids.TryGetValue(id, out var descriptor))
                {
                    problems.Add(new ConfigurationProblem(keyLocation, $"Unknown rule ID '{id}' in {key}"));
                    continue;
                }

                if (!descriptor.IsConfigurable)
                {
                    problems.Add(new ConfigurationProblem(keyLocation, $"The severity of {id} cannot be changed"));
                    continue;
                }

                if (Parse(value, valueLocation, problems) is { } severity)
                    settings.ById[id] = severity;
            }
            else if (key.StartsWith(CategoryPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > CategoryPrefix.Length + SeveritySuffix.Length)
            {
                var name = key[CategoryPrefix.Length..^SeveritySuffix.Length];
                if (!Enum.TryParse<RuleCategory>(name, ignoreCase: true, out var category) || !Enum.IsDefined(category) || int.TryParse(name, out _))
                    continue; // a category of another analyzer (Roslyn's Design, Security, ...)
                if (Parse(value, valueLocation, problems) is { } severity)
                    settings.ByCategory[category] = severity;
            }
        }
    }

    private static ConfiguredSeverity? Parse(string value, Location location, List<ConfigurationProblem> problems)
    {
        if (ConfiguredSeverity.TryParse(value.ToLowerInvariant(), roslyn: true, out var severity))
            return severity;
        problems.Add(new ConfigurationProblem(location, $"Severity {Masked(value)} is not one of error, warning, suggestion, silent, none, default"));
        return null;
    }

    private static string StripComment(string value)
    {
        var hash = value.IndexOfAny(['#', ';']);
        return hash >= 0 ? value[..hash] : value;
    }
}
