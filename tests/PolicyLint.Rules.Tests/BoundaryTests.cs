using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests;

/// <summary>
/// The engine/rule-pack boundary (docs/architecture.md#boundary), both ways: the rule pack never parses (templates,
/// embedded JSON documents, the ledger and exports are read by the engine, and rules read the model), checked on the
/// compiled rule pack's metadata; and the CLI names rules through their descriptors, never through an ID written as a
/// string.
/// </summary>
public sealed partial class BoundaryTests
{
    /// <summary>Types whose use is parsing text: the engine's parsers and front ends, document models of JSON, YAML,
    /// TOML and XML libraries.</summary>
    private static readonly string[] ForbiddenTypePrefixes =
    [
        "PolicyLint.Core.Syntax.JsonSyntaxParser",
        "PolicyLint.Core.Syntax.YamlSyntaxParser",
        "PolicyLint.Core.Syntax.JsonErrorScanner",
        "System.Text.Json.",
        "YamlDotNet.",
        "Tomlyn.",
        "System.Xml.",
    ];

    /// <summary>The one parsing API the rule pack may use: <c>Utf8JsonReader</c> over its own data file
    /// (<c>rules/data/lambda-runtimes.json</c>, read by <c>LambdaRuntimes</c>), which is rule-pack data, not input.</summary>
    private static readonly HashSet<string> AllowedDataFileTypes = new(StringComparer.Ordinal)
    {
        "System.Text.Json.Utf8JsonReader", "System.Text.Json.JsonTokenType", "System.Text.Json.JsonException", "System.Text.Json.JsonReaderOptions",
    };

    private const string DataFileReader = "rules/ScanCoverage/LambdaRuntimes.cs";

    [Test]
    public void RulePack_ReferencesNoParser()
    {
        var (assemblies, types, members) = References(typeof(RulePack).Assembly.Location);

        // The reader sees what the rules do use, so an empty result below means something.
        Assert.That(types, Does.Contain("PolicyLint.Core.Semantics.EventBridgeRules"));
        Assert.That(members, Does.Contain("PolicyLint.Core.Semantics.TemplateModel::get_Resolver"));

        Assert.That(assemblies.Where(a => a is "YamlDotNet" or "Tomlyn" or "System.Private.Xml"), Is.Empty);
        var forbidden = types.Where(t => ForbiddenTypePrefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)) && !AllowedDataFileTypes.Contains(t))
            .Concat(types.Where(t => t.StartsWith("PolicyLint.Core.Inputs.", StringComparison.Ordinal) && t.EndsWith("FrontEnd", StringComparison.Ordinal)))
            .Concat(members.Where(m => m.StartsWith("PolicyLint.Core.Text.SourceText::From", StringComparison.Ordinal)));
        Assert.That(forbidden, Is.Empty, "the rule pack parses; read the model instead (docs/architecture.md#boundary)");
    }

    [Test]
    public void RulePack_ReadsJsonOnlyInItsDataFileReader()
    {
        var users = Directory.EnumerateFiles(RepositoryPaths.Get("rules"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => File.ReadAllText(p).Contains("System.Text.Json", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
            .ToList();
        Assert.That(users, Is.EqualTo(new[] { DataFileReader }));
    }

    [Test]
    public void CliSource_WritesNoRuleIdOutsideComments()
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryPaths.Get("src/PolicyLint.Cli"), "*.cs", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                continue;
            var relative = Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
            found.AddRange(RuleIdLiterals(File.ReadAllText(path)).Select(hit => $"{relative}:{hit}"));
        }

        Assert.That(found, Is.Empty, "name rules through their descriptors (e.g. InvalidLedgerEntryAnalyzer.Rule.Id) and options through their RuleOption");
    }

    [Test]
    public void RuleIdLiterals_FindsIdsOutsideComments()
    {
        const string Source = """
            /// <summary>PL3004 reports it.</summary>
            // PL0001 in a comment
            var a = "policylint reports PL3004";
            var b = $"{n} PL0004 results"; // PL9999
            var c = options.Get("PL3002.expiring_within_days");
            var d = $"{InvalidLedgerEntryAnalyzer.Rule.Id}";
            var e = "see https://example.com/PL1001";
            """;
        Assert.That(RuleIdLiterals(Source), Is.EqualTo(new[] { "3: PL3004", "4: PL0004", "5: PL3002", "7: PL1001" }));
    }

    /// <summary>The rule IDs written in C# source outside comments, as <c>line: ID</c>: a whole-line comment is
    /// skipped, and so is a trailing comment (<c> // </c>); a rule ID has no other place in code than a string.</summary>
    private static IEnumerable<string> RuleIdLiterals(string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (line.StartsWith("//", StringComparison.Ordinal))
                continue;
            var comment = line.IndexOf(" // ", StringComparison.Ordinal);
            var code = comment >= 0 ? line[..comment] : line;
            foreach (Match id in RuleId().Matches(code))
                yield return $"{i + 1}: {id.Value}";
        }
    }

    /// <summary>The assemblies, types (full names, nested types as <c>Outer+Inner</c>) and members
    /// (<c>Type::name</c>) that an assembly references.</summary>
    private static (HashSet<string> Assemblies, HashSet<string> Types, HashSet<string> Members) References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var assemblies = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToHashSet(StringComparer.Ordinal);
        var types = md.TypeReferences.Select(h => TypeName(md, h)).ToHashSet(StringComparer.Ordinal);
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            var parent = member.Parent.Kind switch
            {
                HandleKind.TypeReference => TypeName(md, (TypeReferenceHandle)member.Parent),
                HandleKind.TypeSpecification => "(generic)",
                _ => "(local)",
            };
            members.Add($"{parent}::{md.GetString(member.Name)}");
        }

        return (assemblies, types, members);
    }

    private static string TypeName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        var name = md.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            return $"{TypeName(md, (TypeReferenceHandle)type.ResolutionScope)}+{name}";
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    [GeneratedRegex(@"\bPL\d{4}\b")]
    private static partial Regex RuleId();
}
