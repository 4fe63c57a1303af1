using System.Globalization;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Suppressions;

/// <summary>
/// Reads in-source suppressions from templates (resource and template <c>Metadata.policylint.suppress</c>) and from
/// ledger records (<c>suppress</c>), applies them to diagnostics, and reports invalid ones and ones that suppress
/// nothing as PL0003 (docs/conventions.md#c14).
/// </summary>
public static class SuppressionEvaluator
{
    private static readonly string[] EntryKeys = ["id", "justification", "expires"];

    /// <summary>Every suppression written in the project, valid or not, in path then position order.</summary>
    /// <param name="project">The project.</param>
    /// <param name="knownIds">The catalog's IDs.</param>
    /// <param name="shapeProblems">Receives malformed <c>policylint</c> metadata and <c>suppress</c> lists (PL0003).</param>
    public static IReadOnlyList<InSourceSuppression> Collect(ProjectModel project, IReadOnlySet<string> knownIds, List<(DiagnosticTarget Target, string Message)> shapeProblems)
    {
        var result = new List<InSourceSuppression>();
        foreach (var template in project.Templates)
        {
            ReadMetadata(template.Metadata, new SuppressionOwner(SuppressionScope.Template, template.Path, null, null, "Metadata.policylint"), knownIds, result, shapeProblems);
            foreach (var resource in template.Resources)
            {
                var owner = new SuppressionOwner(SuppressionScope.Resource, template.Path, resource.LogicalLocation, null, "Metadata.policylint");
                ReadMetadata(resource.Metadata, owner, knownIds, result, shapeProblems);
            }
        }

        foreach (var record in project.Ledger.Records)
        {
            if (record.SuppressEntry is { } entry)
            {
                var owner = new SuppressionOwner(SuppressionScope.LedgerRecord, project.Ledger.Source.Path, record.LogicalLocation, record.StableKey, string.Empty);
                ReadList(entry, owner, knownIds, result, shapeProblems);
            }
        }

        return result;
    }

    /// <summary>
    /// Applies the project's suppressions to <paramref name="diagnostics"/> and returns them, suppressed ones marked,
    /// results of expired suppressions with a note in their message, plus one PL0003 per invalid suppression and per
    /// valid one that suppresses nothing.
    /// </summary>
    public static List<Diagnostic> Apply(ProjectModel project, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<DiagnosticDescriptor> catalog, AnalysisOptions options)
    {
        var knownIds = catalog.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var shapeProblems = new List<(DiagnosticTarget Target, string Message)>();
        var suppressions = Collect(project, knownIds, shapeProblems);
        var byDescriptorId = catalog.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var used = new HashSet<InSourceSuppression>();
        var result = new List<Diagnostic>(diagnostics.Count);

        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Descriptor.IsConfigurable)
            {
                result.Add(diagnostic);
                continue;
            }

            // The most specific suppression speaks for the result: a resource's or ledger record's before the template's.
            var applicable = suppressions.Where(s => s.Problem is null && s.Covers(diagnostic))
                .OrderBy(s => s.Scope == SuppressionScope.Template ? 1 : 0).ToList();
            var active = applicable.Where(s => !s.IsExpired(options.Today)).ToList();
            if (active.Count > 0)
            {
                // A second suppression of the same result is redundant, but it does not "suppress nothing".
                used.UnionWith(active);
                result.Add(diagnostic.WithSuppression(new SuppressionInfo(active[0].Justification!, active[0].Expires, active[0].Location)));
            }
            else if (applicable.FirstOrDefault() is { Expires: { } expired })
            {
                result.Add(diagnostic.WithMessage(string.Create(CultureInfo.InvariantCulture,
                    $"{diagnostic.Message} (its suppression expired on {expired:yyyy-MM-dd} and no longer applies)")));
            }
            else
                result.Add(diagnostic);
        }

        var pl0003 = EngineDiagnostics.InvalidSuppression;
        var severity = options.GetSeverity(pl0003);
        if (severity is null)
            return result;

        foreach (var (target, message) in shapeProblems)
            result.Add(new Diagnostic(pl0003, target, pl0003.FormatMessage(message), severity));
        foreach (var suppression in suppressions)
        {
            if (suppression.Problem is { } problem)
            {
                result.Add(new Diagnostic(pl0003, suppression.Target, pl0003.FormatMessage(problem), severity));
                continue;
            }

            if (used.Contains(suppression) || suppression.IsExpired(options.Today))
                continue;
            if (byDescriptorId.TryGetValue(suppression.Id!, out var target) && options.GetSeverity(target) is null)
                continue; // the rule is turned off: nothing to suppress, by configuration
            result.Add(new Diagnostic(pl0003, suppression.Target,
                pl0003.FormatMessage($"The suppression of {suppression.Id} suppresses nothing: no {suppression.Id} result is reported {Where(suppression)}; remove it")));
        }

        return result;
    }

    private static string Where(InSourceSuppression suppression) => suppression.Scope switch
    {
        SuppressionScope.Template => "in this template",
        SuppressionScope.Resource => "for this resource",
        _ => "for this ledger record",
    };

    private static void ReadMetadata(MappingNode? metadata, SuppressionOwner owner, IReadOnlySet<string> knownIds,
        List<InSourceSuppression> result, List<(DiagnosticTarget, string)> shapeProblems)
    {
        if (metadata?.Find("policylint") is not { } policylint)
            return;
        if (policylint.Value is not MappingNode settings)
        {
            shapeProblems.Add((owner.TargetAt(policylint.Key.Location, owner.PropertyPath), "Metadata 'policylint' must be a mapping with a 'suppress' list"));
            return;
        }

        foreach (var entry in settings.Entries)
        {
            if (entry.KeyText == "suppress")
                ReadList(entry, owner, knownIds, result, shapeProblems);
            else
                shapeProblems.Add((owner.TargetAt(entry.Key.Location, $"{owner.PropertyPath}.{entry.KeyText}"), $"Unknown key '{entry.KeyText}' in Metadata 'policylint' (expected: suppress)"));
        }
    }

    private static void ReadList(MappingEntry entry, SuppressionOwner owner, IReadOnlySet<string> knownIds,
        List<InSourceSuppression> result, List<(DiagnosticTarget, string)> shapeProblems)
    {
        var listPath = owner.PropertyPath.Length == 0 ? "suppress" : $"{owner.PropertyPath}.suppress";
        if (entry.Value is not SequenceNode list)
        {
            shapeProblems.Add((owner.TargetAt(entry.Key.Location, listPath), "'suppress' must be a list of {id, justification, expires}"));
            return;
        }

        for (var index = 0; index < list.Items.Count; index++)
        {
            var item = list.Items[index];
            if (item.Resolve() is not MappingNode node)
            {
                shapeProblems.Add((owner.TargetAt(item.Location, $"{listPath}[{index}]"), "A suppression must be a mapping {id, justification, expires}"));
                continue;
            }

            var suppression = new InSourceSuppression(owner, index, node);
            Validate(suppression, knownIds);
            result.Add(suppression);
        }
    }

    private static void Validate(InSourceSuppression suppression, IReadOnlySet<string> knownIds)
    {
        var node = suppression.Node;
        var problems = new List<string>();
        foreach (var key in node.Entries)
        {
            if (key.KeyText is not { } text || Array.IndexOf(EntryKeys, text) < 0)
                problems.Add($"unknown key '{key.KeyText}' (expected: id, justification, expires)");
        }

        var idEntry = node.Find("id");
        var id = idEntry?.Value is ScalarNode { IsNull: false } idNode && idNode.Value.Length > 0 ? idNode.Value : null;
        suppression.Id = id;
        if (idEntry is null)
            problems.Add("it has no 'id'");
        else if (id is null)
            problems.Add("'id' must be a rule ID such as PL2001");
        else if (id is "PL0001" or "PL0004")
            problems.Add($"{id} cannot be suppressed (a file or configuration that cannot be read must be fixed)");
        else if (id == EngineDiagnostics.InvalidSuppression.Id)
            problems.Add($"{id} cannot be suppressed (fix the suppression it reports, or turn {id} off in the configuration)");
        else if (!knownIds.Contains(id))
            problems.Add($"unknown rule ID {(IsIdLike(id) ? $"'{id}'" : JsonErrorScanner.Masked(id))}");

        var justification = node.GetValue("justification") is ScalarNode { IsNull: false } j ? j.Value.Trim() : null;
        if (string.IsNullOrEmpty(justification))
            problems.Add("it has no justification (say why the result is accepted)");
        else if (PlaceholderText.IsPlaceholder(justification))
            problems.Add("its justification is a placeholder, not a reason (say why the result is accepted)");
        else
            suppression.Justification = justification;

        if (node.Find("expires") is { } expires)
        {
            if (expires.Value is ScalarNode { IsNull: false } e && ExclusionLedger.TryParseDate(e.Value, out var date))
                suppression.Expires = date;
            else
                problems.Add(expires.Value is ScalarNode written
                    ? $"'expires' {JsonErrorScanner.NotADate(written.Value)}"
                    : "'expires' is not a date of the form YYYY-MM-DD (not a value)");
        }

        if (problems.Count > 0)
            suppression.Problem = $"Invalid suppression{(id is null ? string.Empty : $" of {(IsIdLike(id) ? id : JsonErrorScanner.Masked(id))}")}: {string.Join("; ", problems)}; it is not applied";
    }

    /// <summary>
    /// One warning per in-source suppression that accepts results of a rule that is an error by default (the rules that
    /// fail a commit: an unrecorded exclusion, an expired or invalid ledger entry). Suppressing them is allowed
    /// (docs/conventions.md#c14), but, as with a configuration that lowers them
    /// (<see cref="EffectiveConfiguration.WeakenedErrorRules"/>), every run says so next to its results
    /// rather than only counting them, so that a gate opened by a suppression shows in every hook and CI run.
    /// </summary>
    /// <param name="diagnostics">A run's results, suppressed ones included.</param>
    /// <returns>Configuration warnings (<see cref="ToolNotification.IsConfiguration"/>) at the file of each suppression,
    /// in path, position and ID order; empty when no such result is suppressed.</returns>
    public static IReadOnlyList<ToolNotification> ErrorRuleSuppressions(IReadOnlyList<Diagnostic> diagnostics)
    {
        // Every run comes here: a list of references, not a keyed collection of value tuples, which a ReadyToRun image
        // holds no code for (issue 15), and nothing at all is built when no such result is suppressed.
        List<Diagnostic>? accepted = null;
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Suppression is not null && diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
                (accepted ??= []).Add(diagnostic);
        }

        if (accepted is null)
            return [];
        accepted.Sort(CompareBySuppression);
        var result = new List<ToolNotification>();
        for (var i = 0; i < accepted.Count;)
        {
            var first = accepted[i];
            var count = 1;
            while (i + count < accepted.Count && CompareBySuppression(first, accepted[i + count]) == 0)
                count++;
            i += count;
            var suppression = first.Suppression!.Location;
            result.Add(new ToolNotification("warning", string.Create(CultureInfo.InvariantCulture,
                $"the suppression at line {suppression.Start.Line} accepts {count} result{(count == 1 ? "" : "s")} of {first.Id} ({first.Descriptor.Title}), a rule that fails a commit: {(count == 1 ? "it is" : "they are")} not counted (--show-suppressed prints {(count == 1 ? "it" : "them")})"),
                suppression.Path, IsConfiguration: true));
        }

        return result;
    }

    /// <summary>Orders suppressed results by their suppression (path, then position) and then rule ID: equal means
    /// one suppression accepting results of one rule.</summary>
    private static int CompareBySuppression(Diagnostic x, Diagnostic y)
    {
        var c = string.CompareOrdinal(x.Suppression!.Location.Path, y.Suppression!.Location.Path);
        if (c == 0)
            c = x.Suppression.Location.Span.Start.CompareTo(y.Suppression.Location.Span.Start);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>Whether an <c>id</c> is quoted whole in a message: when it is short and made of letters and digits, as a
    /// rule ID or a mistyped one is (<c>PL100l</c>). Anything else is masked as a value is (<c>'ghp_…' (40
    /// characters)</c>, README "Values in error messages"): whatever was pasted there reaches every output format.</summary>
    private static bool IsIdLike(string id) => id.Length <= 12 && id.All(char.IsAsciiLetterOrDigit);
}
