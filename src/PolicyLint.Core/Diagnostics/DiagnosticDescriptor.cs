using System.Globalization;

namespace PolicyLint.Core.Diagnostics;

/// <summary>
/// Static metadata of one diagnostic ID, the Roslyn way: ID, title, message format, category, default severity,
/// and the help page derived from the ID. Descriptors are immutable and compared by <see cref="Id"/>.
/// </summary>
public sealed class DiagnosticDescriptor : IEquatable<DiagnosticDescriptor>
{
    // RepositoryUrl in Directory.Build.props, compiled in as a constant (no attribute reflection at start-up).
    private const string RepositoryUrl = ThisAssembly.RepositoryUrl;

    private DiagnosticDescriptor(string id, string name, string title, string messageFormat, RuleCategory category,
        DiagnosticSeverity defaultSeverity, string description, RulePrecision precision, string? securitySeverity, bool isConfigurable)
    {
        Id = id;
        Name = name;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity;
        Description = description;
        Precision = precision;
        SecuritySeverity = securitySeverity ?? defaultSeverity switch
        {
            DiagnosticSeverity.Error => "7.5",
            DiagnosticSeverity.Warning => "5.0",
            _ => "2.0",
        };
        IsConfigurable = isConfigurable;
        HelpUri = $"{RepositoryUrl}/blob/main/rules/docs/{id}.md";
    }

    /// <summary>The repository URL every help link is built from (<c>RepositoryUrl</c> in Directory.Build.props).</summary>
    public static string InformationUri => RepositoryUrl;

    /// <summary>ID: <c>PL</c> and four digits, the first naming the category.</summary>
    public string Id { get; }

    /// <summary>PascalCase name: the analyzer's class name without <c>Analyzer</c>; SARIF rule <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>Sentence-case title stating the problem, without a final period.</summary>
    public string Title { get; }

    /// <summary>Composite format string for messages (<see cref="string.Format(IFormatProvider, string, object?[])"/>,
    /// invariant culture); no final period.</summary>
    public string MessageFormat { get; }

    /// <summary>The rule's category.</summary>
    public RuleCategory Category { get; }

    /// <summary>Severity unless configuration changes it.</summary>
    public DiagnosticSeverity DefaultSeverity { get; }

    /// <summary>One or two sentences on what is detected and why it matters (SARIF <c>fullDescription</c>).</summary>
    public string Description { get; }

    /// <summary>SARIF <c>properties.precision</c>.</summary>
    public RulePrecision Precision { get; }

    /// <summary>GitHub's <c>security-severity</c> (0.1–10.0) as a string: 7.5 for errors, 5.0 for warnings, 2.0 for
    /// notes unless the descriptor overrides it.</summary>
    public string SecuritySeverity { get; }

    /// <summary>Whether configuration may change the severity or suppress results (false for PL0001, PL0004; docs/conventions.md#c17).</summary>
    public bool IsConfigurable { get; }

    /// <summary>The rule's help page: <c>{RepositoryUrl}/blob/main/rules/docs/{Id}.md</c>.</summary>
    public string HelpUri { get; }

    /// <summary>Creates a descriptor; the help URI is derived from <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The ID is not <c>PL</c> + four digits, or its first digit does not
    /// match <paramref name="category"/>.</exception>
    public static DiagnosticDescriptor Create(string id, string name, string title, string messageFormat, RuleCategory category,
        DiagnosticSeverity defaultSeverity, string description, RulePrecision precision = RulePrecision.VeryHigh,
        string? securitySeverity = null, bool isConfigurable = true)
    {
        if (!IsWellFormedId(id))
            throw new ArgumentException($"Diagnostic ID '{id}' is not PL followed by four digits", nameof(id));
        if (id[2] - '0' != (int)category)
            throw new ArgumentException($"Diagnostic ID '{id}' is outside the range of category {category}", nameof(id));
        return new DiagnosticDescriptor(id, name, title, messageFormat, category, defaultSeverity, description, precision, securitySeverity, isConfigurable);
    }

    /// <summary>Formats the message with invariant culture.</summary>
    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

    /// <inheritdoc />
    public bool Equals(DiagnosticDescriptor? other) => other is not null && other.Id == Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DiagnosticDescriptor);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Title}";

    /// <summary>Whether <paramref name="id"/> is <c>PL</c> and four ASCII digits. A character test, not a regular
    /// expression: every descriptor of the rule pack is created at start-up, and constructing a regex for it costs more
    /// than the test (issue 15).</summary>
    private static bool IsWellFormedId(string id) =>
        id is ['P', 'L', >= '0' and <= '9', >= '0' and <= '9', >= '0' and <= '9', >= '0' and <= '9'];
}
