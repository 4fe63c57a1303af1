using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests;

/// <summary>
/// The rule catalog against its descriptors, pages, index and tests (docs/style.md#catalog-tests): whatever is missing
/// or stale is named here. Accept an intended change to the generated index and the README's rule table with
/// <c>POLICYLINT_UPDATE_GOLDEN=1</c>.
/// </summary>
public sealed partial class RuleCatalogTests
{
    private const string IndexPath = "rules/docs/README.md";

    private const string ReadmePath = "README.md";

    private const string ReadmeTableBegin = "<!-- rules:begin";

    private const string ReadmeTableEnd = "<!-- rules:end -->";

    private static readonly DateOnly Today = DateOnly.ParseExact(RuleTest.DefaultToday, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly string[] PageSections = ["Cause", "Why it matters", "How to fix", "Examples", "Default severity", "Options", "Suppression", "References"];

    private static IReadOnlyList<DiagnosticAnalyzer> Analyzers => RulePack.CreateAnalyzers();

    private static IReadOnlyList<DiagnosticDescriptor> Descriptors => new AnalysisDriver(RulePack.CreateAnalyzers()).Descriptors;

    private static IEnumerable<TestCaseData> DescriptorIds() =>
        Descriptors.Select(d => new TestCaseData(d.Id).SetArgDisplayNames(d.Id));

    private static IEnumerable<TestCaseData> AnalyzerTypes() =>
        Analyzers.Select(a => new TestCaseData(a.GetType()).SetArgDisplayNames(a.GetType().Name));

    private static IEnumerable<TestCaseData> PageExamples() =>
        RulePage.All().SelectMany(p => p.Examples()).Select(e => new TestCaseData(e).SetName($"PageExample_{e.Name}"));

    [Test]
    public void Ids_AreWellFormedUniqueAndInTheirCategoryRange()
    {
        var ids = Analyzers.SelectMany(a => a.SupportedDiagnostics).Concat(EngineDiagnostics.All).Select(d => d.Id).ToList();
        Assert.That(ids, Is.Unique);
        Assert.Multiple(() =>
        {
            foreach (var descriptor in Descriptors)
            {
                Assert.That(descriptor.Id, Does.Match("^PL[0-9]{4}$"), "IDs are PL and four digits");
                Assert.That(descriptor.Id[2] - '0', Is.EqualTo((int)descriptor.Category), $"{descriptor.Id}: the first digit names the category ({descriptor.Category})");
                Assert.That(descriptor.Id[3..], Is.Not.EqualTo("000"), $"{descriptor.Id}: numbers in a category start at 001");
            }
        });
    }

    [Test]
    public void EngineDiagnostics_AreInTheInputCategory() =>
        Assert.That(EngineDiagnostics.All.Select(d => d.Category), Is.All.EqualTo(RuleCategory.Input));

    [Test]
    public void HelpUris_AreDerivedFromTheRepositoryUrl()
    {
        var repositoryUrl = XDocument.Load(RepositoryPaths.Get("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
        Assert.That(DiagnosticDescriptor.InformationUri, Is.EqualTo(repositoryUrl));
        Assert.Multiple(() =>
        {
            foreach (var descriptor in Descriptors)
                Assert.That(descriptor.HelpUri, Is.EqualTo($"{repositoryUrl}/blob/main/rules/docs/{descriptor.Id}.md"), descriptor.Id);
        });
    }

    [TestCaseSource(nameof(AnalyzerTypes))]
    public void Analyzer_IsNamedAfterItsDescriptor(Type type)
    {
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
        Assert.That(type.Name, Does.EndWith("Analyzer"));
        Assert.That(type.IsSealed, Is.True, "analyzers are sealed");
        Assert.That(analyzer.SupportedDiagnostics, Has.Length.EqualTo(1), "one analyzer per diagnostic ID");
        var descriptor = analyzer.SupportedDiagnostics[0];
        Assert.That(descriptor.Name, Is.EqualTo(type.Name[..^"Analyzer".Length]), "the descriptor's name is the class name without 'Analyzer'");
        var rule = type.GetField("Rule", BindingFlags.Public | BindingFlags.Static);
        Assert.That(rule?.GetValue(null), Is.SameAs(descriptor), "the descriptor is the public static field 'Rule'");
    }

    [Test]
    public void TitlesAndMessages_DoNotEndWithAPeriod()
    {
        Assert.Multiple(() =>
        {
            foreach (var descriptor in Descriptors)
            {
                Assert.That(descriptor.Title, Does.Not.EndWith("."), $"{descriptor.Id} title");
                Assert.That(descriptor.MessageFormat, Does.Not.EndWith("."), $"{descriptor.Id} message");
                Assert.That(descriptor.Title, Is.Not.Empty.And.Not.EqualTo(descriptor.Title.ToUpperInvariant()), $"{descriptor.Id} title is in sentence case");
            }
        });
    }

    [Test]
    public void RulePack_CreatesEveryPublicAnalyzerOfTheRuleAssembly()
    {
        var declared = typeof(RulePack).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.IsSubclassOf(typeof(DiagnosticAnalyzer)))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);
        var created = RulePack.CreateAnalyzers().Select(a => a.GetType().FullName).ToList();
        Assert.That(created, Is.Unique);
        Assert.That(created.Order(StringComparer.Ordinal), Is.EqualTo(declared));
    }

    [TestCaseSource(nameof(AnalyzerTypes))]
    public void Analyzer_ReportsNothingOnAnEmptyRepository(Type type)
    {
        using var repository = new TemporaryRepository();
        var run = AnalysisRunner.Run(new LoadRequest { Root = repository.Root }, new AnalysisOptions { Today = Today }, [(DiagnosticAnalyzer)Activator.CreateInstance(type)!]);
        Assert.That(run.Diagnostics.Select(d => d.ToString()), Is.Empty);
        Assert.That(run.Notifications.Select(n => n.Message), Is.Empty);
    }

    /// <remarks>The analyzer test classes are written on the rule-tests branch; until it is merged, this test names
    /// the analyzers whose test class is missing.</remarks>
    [Test]
    public void EveryAnalyzer_HasATestClass()
    {
        var testClasses = typeof(RuleCatalogTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(inherit: true).Any(a => a is ISimpleTestBuilder or ITestBuilder)))
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Analyzers.Select(a => $"{a.GetType().Name}Tests").Where(name => !testClasses.Contains(name));
        Assert.That(missing, Is.Empty, "analyzers without a test class <Analyzer>Tests in PolicyLint.Rules.Tests");
    }

    [TestCaseSource(nameof(DescriptorIds))]
    public void Page_Exists(string id)
    {
        Assert.That(File.Exists(PagePath(id)), Is.True, $"rules/docs/{id}.md is missing");
        Assert.That(RulePack.GetHelpMarkdown(id), Is.EqualTo(File.ReadAllText(PagePath(id)).ReplaceLineEndings("\n")),
            "the page embedded in the rule pack differs from rules/docs (rebuild)");
    }

    [TestCaseSource(nameof(DescriptorIds))]
    public void Page_HeaderMatchesDescriptor(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var page = LoadPage(id);
        var table = page.Lines.Skip(1).SkipWhile(string.IsNullOrWhiteSpace).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(page.Lines[0], Is.EqualTo($"# {id}: {descriptor.Title}"), "title line");
            Assert.That(table, Is.EqualTo(new[]
            {
                "| ID | Category | Default severity | Options |",
                "|---|---|---|---|",
                $"| {id} | {descriptor.Category} | {SeverityWord(descriptor.DefaultSeverity)} | {OptionsCell(id)} |",
            }), "property table");
        });
    }

    [TestCaseSource(nameof(DescriptorIds))]
    public void Page_HasItsSectionsInOrder(string id)
    {
        var page = LoadPage(id);
        Assert.That(page.IsFenceUnclosed, Is.False, "a fenced block is not closed");
        Assert.That(page.Headings.Count(h => h.Level == 1), Is.EqualTo(1), "one title");
        Assert.That(page.Headings.Where(h => h.Level == 2).Select(h => h.Text), Is.EqualTo(PageSections), "## headings");
        Assert.Multiple(() =>
        {
            foreach (var section in PageSections)
                Assert.That(page.Section(section)!.Any(l => !string.IsNullOrWhiteSpace(l)), Is.True, $"section '{section}' is empty");
            Assert.That(page.Section("References")!.Any(l => l.Contains("https://", StringComparison.Ordinal)), Is.True, "References cite a URL");
        });
    }

    /// <summary>Every page says why its rule has its default severity, against the governance rule (an unrecorded or
    /// unapproved exclusion fails CI; hygiene and advice warn): the section opens with the severity in bold, as the
    /// descriptor has it, and gives a reason beyond that.</summary>
    [TestCaseSource(nameof(DescriptorIds))]
    public void Page_ExplainsItsDefaultSeverity(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var section = LoadPage(id).Section("Default severity");
        Assert.That(section, Is.Not.Null, "## Default severity is missing");
        var paragraph = section!.SkipWhile(string.IsNullOrWhiteSpace).FirstOrDefault() ?? string.Empty;
        Assert.Multiple(() =>
        {
            Assert.That(paragraph, Does.StartWith($"**{SeverityWord(descriptor.DefaultSeverity)}**"),
                $"the section opens with the default severity in bold: **{SeverityWord(descriptor.DefaultSeverity)}**");
            Assert.That(string.Join(" ", section).Length, Is.GreaterThan(120), "the section gives the reason, not only the word");
            Assert.That(string.Join(" ", section), Does.Contain(descriptor.IsConfigurable ? "severity:" : "cannot be changed"),
                descriptor.IsConfigurable ? "says how to change it (a `severity:` setting)" : "says that it cannot be changed");
        });
    }

    [TestCaseSource(nameof(DescriptorIds))]
    public void Page_DocumentsEveryOption(string id)
    {
        var options = OptionsOf(id);
        var section = LoadPage(id).Section("Options")!.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (options.Count == 0)
            Assert.That(section, Is.EqualTo(new[] { "None." }), "a rule without options says 'None.'");
        else
            Assert.That(options.Where(o => !section.Any(l => l.Contains(o.Key, StringComparison.Ordinal))).Select(o => o.Key), Is.Empty, "options not mentioned under ## Options");
    }

    [TestCaseSource(nameof(DescriptorIds))]
    public void Page_HasRunnableExamples(string id)
    {
        var page = LoadPage(id);
        var examples = page.Examples();
        var examplesLine = page.Headings.Single(h => h.Level == 2 && h.Text == "Examples").Line;
        var firstGroupLine = page.Headings.FirstOrDefault(h => h.Level == 3 && h.Line > examplesLine)?.Line ?? int.MaxValue;
        Assert.Multiple(() =>
        {
            Assert.That(examples.Where(e => !e.IsCompliant), Is.Not.Empty, "a ### Non-compliant example");
            Assert.That(examples.Where(e => e.IsCompliant), Is.Not.Empty, "a ### Compliant example");
            Assert.That(examples.Count > 0 ? examples[0].IsCompliant : (bool?)null, Is.False, "Non-compliant comes first");
            Assert.That(page.Blocks.Where(b => b.Line > examplesLine && b.Line < firstGroupLine), Is.Empty, "fenced blocks under ## Examples belong to a ### group");
            foreach (var example in examples)
            {
                Assert.That(example.Heading, Does.Match("^(Non-compliant|Compliant)($|[:,] )"), "example headings start with 'Non-compliant' or 'Compliant'");
                Assert.That(example.Blocks, Is.Not.Empty, $"'{example.Heading}' has no fenced block");
                Assert.That(example.Blocks.Select(b => PageExample.FileFor(b.Info)), Is.All.Not.Null,
                    $"'{example.Heading}': info strings must be 'yaml template', 'yaml template PATH', 'json template', 'yaml ledger', 'yaml config', 'toml samconfig', 'json coverage', 'json tagging' or 'json functions' (found: {string.Join(", ", example.Blocks.Select(b => $"'{b.Info}'"))})");
                Assert.That(example.Blocks.Select(b => PageExample.FileFor(b.Info)), Is.Unique, $"'{example.Heading}': one block per file");
            }
        });
    }

    [TestCaseSource(nameof(PageExamples))]
    public void PageExample_BehavesAsStated(PageExample example)
    {
        var isEngine = EngineDiagnostics.All.Any(d => d.Id == example.Id);
        var analyzers = isEngine
            ? RulePack.CreateAnalyzers()
            : [.. RulePack.CreateAnalyzers().Where(a => a.SupportedDiagnostics.Any(d => d.Id == example.Id))];
        Assert.That(analyzers, Is.Not.Empty, $"no analyzer declares {example.Id}");

        using var repository = new TemporaryRepository();
        foreach (var block in example.Blocks)
            repository.Write(PageExample.FileFor(block.Info) ?? throw new AssertionException($"unsupported info string '{block.Info}'"), block.Text);

        // As the command line does: read the configuration at the root (a `yaml config` block); PL0004 stops the run.
        var catalog = new AnalysisDriver(RulePack.CreateAnalyzers());
        var config = ConfigurationLoader.Load(new ConfigurationRequest { Root = repository.Root, Catalog = catalog.Descriptors, Options = catalog.Options });
        IReadOnlyList<Diagnostic> diagnostics;
        if (config.Problems.Length > 0)
            diagnostics = config.ProblemDiagnostics();
        else
        {
            var load = config.ToLoadRequest(repository.Root);
            if (Directory.Exists(Path.Combine(repository.Root, PageExample.DeployedFolder)))
                load = load with { DeployedPaths = [PageExample.DeployedFolder] }; // the export blocks, as --deployed deployed
            var run = AnalysisRunner.Run(load, config.ToAnalysisOptions(Today, catalog.Descriptors), analyzers);
            Assert.That(run.Notifications.Select(n => n.Message), Is.Empty, "the run reports a problem");
            diagnostics = run.Diagnostics;
        }

        var reported = string.Join("\n", diagnostics.Select(d => $"  {d}"));
        var ids = diagnostics.Select(d => d.Id).ToList();
        if (!example.IsCompliant)
        {
            Assert.That(ids, Does.Contain(example.Id), $"'{example.Heading}' must report {example.Id}; reported:\n{reported}");
            if (example.Id != EngineDiagnostics.InvalidInput.Id)
                Assert.That(ids, Does.Not.Contain(EngineDiagnostics.InvalidInput.Id), $"example input must be valid; reported:\n{reported}");
        }
        else if (isEngine)
        {
            Assert.That(ids, Does.Not.Contain(example.Id), $"'{example.Heading}' must not report {example.Id}; reported:\n{reported}");
            Assert.That(ids, Does.Not.Contain(EngineDiagnostics.InvalidInput.Id), $"example input must be valid; reported:\n{reported}");
        }
        else
        {
            // Stricter than "no result of this ID": a compliant example is also free of PL0001 and PL0002.
            Assert.That(ids, Is.Empty, $"'{example.Heading}' must report nothing; reported:\n{reported}");
        }
    }

    private static IEnumerable<TestCaseData> SuppressionSnippets() =>
        from page in RulePage.All()
        let section = page.Headings.SingleOrDefault(h => h.Level == 2 && h.Text == "Suppression")
        let next = page.Headings.FirstOrDefault(h => h.Level == 2 && section != null && h.Line > section.Line)
        where section != null
        from block in page.Blocks
        where block.Line > section.Line && (next == null || block.Line < next.Line)
              && block.Text.Contains("Resources:", StringComparison.Ordinal) && block.Text.Contains("suppress:", StringComparison.Ordinal)
        select new TestCaseData(page.Id, block.Text).SetName($"SuppressionSnippet_{page.Id}_line{block.Line}");

    /// <summary>
    /// A page's <c>## Suppression</c> snippet is a valid in-source suppression of that page's rule: as the only template
    /// of a repository it gets no PL0001, and either suppresses a result of the page's ID (the snippet shows the problem
    /// too) or gets exactly one PL0003, "suppresses nothing" for that ID (it shows only the suppression). An unknown ID, a
    /// missing justification or a malformed date fails.
    /// </summary>
    [TestCaseSource(nameof(SuppressionSnippets))]
    public void SuppressionSnippet_SuppressesThePagesRule(string id, string yaml)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", yaml);
        var catalog = new AnalysisDriver(RulePack.CreateAnalyzers());
        var config = ConfigurationLoader.Load(new ConfigurationRequest { Root = repository.Root, Catalog = catalog.Descriptors, Options = catalog.Options });
        var run = AnalysisRunner.Run(config.ToLoadRequest(repository.Root), config.ToAnalysisOptions(Today, catalog.Descriptors), RulePack.CreateAnalyzers());

        var reported = string.Join("\n", run.Diagnostics.Select(d => $"  {d} suppressed={d.IsSuppressed}"));
        var problems = run.Diagnostics.Where(d => d.Id is "PL0001" or "PL0003").Select(d => d.Message).ToList();
        if (run.Diagnostics.Any(d => d.Id == id && d.IsSuppressed))
            Assert.That(problems, Is.Empty, $"reported:\n{reported}");
        else
            Assert.That(problems, Is.EqualTo(new[] { $"The suppression of {id} suppresses nothing: no {id} result is reported for this resource; remove it" }),
                $"reported:\n{reported}");
    }

    [Test]
    public void NoPage_WithoutADescriptor()
    {
        var ids = Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.That(RulePage.All().Select(p => p.Id).Where(id => !ids.Contains(id)), Is.Empty, "pages in rules/docs for IDs no descriptor has");
        Assert.That(RulePack.DocumentedIds.Where(id => !ids.Contains(id)), Is.Empty, "embedded pages for IDs no descriptor has");
        Assert.That(Directory.EnumerateFiles(RulePage.Folder).Select(Path.GetFileName).Where(n => n != "README.md" && !PagePattern().IsMatch(n!)), Is.Empty,
            "rules/docs holds PLxxxx.md pages and README.md only");
    }

    [Test]
    public void Index_IsCurrent() => Golden.AssertMatches(RenderIndex(Descriptors), IndexPath);

    [Test]
    public void ReadmeRuleTable_IsCurrent()
    {
        var readme = File.ReadAllText(RepositoryPaths.Get(ReadmePath));
        var begin = readme.IndexOf(ReadmeTableBegin, StringComparison.Ordinal);
        var end = readme.IndexOf(ReadmeTableEnd, StringComparison.Ordinal);
        Assert.That(begin >= 0 && end > begin, Is.True, $"README.md needs the rule table between '{ReadmeTableBegin} … -->' and '{ReadmeTableEnd}'");
        var tableStart = readme.IndexOf('\n', begin) + 1;

        Golden.AssertMatches(string.Concat(readme.AsSpan(0, tableStart), RenderReadmeTable(Descriptors), readme.AsSpan(end)), ReadmePath);
    }

    /// <summary>The README's rule table: every ID linked to its page, with its default severity and title, in ID
    /// order. It sits between the <c>rules:begin</c> and <c>rules:end</c> comments of README.md.</summary>
    internal static string RenderReadmeTable(IReadOnlyList<DiagnosticDescriptor> descriptors)
    {
        var sb = new StringBuilder();
        sb.Append("| ID | severity | title |\n");
        sb.Append("|---|---|---|\n");
        foreach (var d in descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"| [{d.Id}](rules/docs/{d.Id}.md) | {SeverityWord(d.DefaultSeverity)} | {d.Title} |\n");
        return sb.ToString();
    }

    /// <summary>The rule index: every ID with its title, category and default severity, linked to its page, then the
    /// ID range and folder of each category.</summary>
    /// <remarks>No "next free ID" column: IDs that are designed but not implemented yet have no descriptor, so the
    /// next number after the last descriptor may already be taken.</remarks>
    internal static string RenderIndex(IReadOnlyList<DiagnosticDescriptor> descriptors)
    {
        var sb = new StringBuilder();
        sb.Append("# PolicyLint rules\n\n");
        sb.Append("<!-- Generated by RuleCatalogTests from the rule descriptors: do not edit. To update, run\n");
        sb.Append("     POLICYLINT_UPDATE_GOLDEN=1 dotnet test PolicyLint.sln, then review and commit the diff. -->\n\n");
        sb.Append("One page per diagnostic ID. PL0xxx diagnostics are raised by the engine; the others by the analyzers of the rule pack.\n\n");
        sb.Append("| ID | Title | Category | Default severity |\n");
        sb.Append("|---|---|---|---|\n");
        foreach (var d in descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"| [{d.Id}]({d.Id}.md) | {d.Title} | {d.Category} | {SeverityWord(d.DefaultSeverity)} |\n");
        sb.Append("\n## ID ranges\n\n");
        sb.Append("| Category | IDs | Where |\n");
        sb.Append("|---|---|---|\n");
        foreach (var category in Enum.GetValues<RuleCategory>())
        {
            var digit = (int)category;
            var where = category == RuleCategory.Input ? "engine (`src/PolicyLint.Core`)" : $"`rules/{category}/`";
            sb.Append(CultureInfo.InvariantCulture, $"| {category} | PL{digit}001–PL{digit}999 | {where} |\n");
        }

        return sb.ToString();
    }

    private static string PagePath(string id) => Path.Combine(RulePage.Folder, $"{id}.md");

    private static RulePage LoadPage(string id)
    {
        Assert.That(File.Exists(PagePath(id)), Is.True, $"rules/docs/{id}.md is missing");
        return RulePage.Load(PagePath(id));
    }

    private static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static IReadOnlyList<RuleOption> OptionsOf(string id) =>
        [.. Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).SelectMany(a => a.SupportedOptions).Where(o => o.RuleId == id).OrderBy(o => o.Key, StringComparer.Ordinal)];

    private static string OptionsCell(string id) =>
        OptionsOf(id) is { Count: > 0 } options ? string.Join(", ", options.Select(o => $"`{o.Key}`")) : "none";

    [GeneratedRegex("^PL[0-9]{4}\\.md$")]
    private static partial Regex PagePattern();
}
