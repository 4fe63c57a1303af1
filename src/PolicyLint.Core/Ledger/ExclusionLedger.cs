using System.Globalization;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Syntax.JsonErrorScanner;

namespace PolicyLint.Core.Ledger;

/// <summary>
/// The exclusion ledger (<c>security/inspector-exclusions.yaml</c> by default): every Inspector exclusion tag and
/// suppression rule the team accepted, with why, who and until when. Parsing never throws: YAML errors make the
/// ledger <see cref="IsBroken"/> (PL0001), structural defects are listed in <see cref="Defects"/> (PL3004).
/// </summary>
/// <remarks>Format: docs/ledger-format.md; behaviour: docs/conventions.md#c5, docs/conventions.md#c12, docs/conventions.md#c18.</remarks>
public sealed class ExclusionLedger
{
    /// <summary>The only ledger format version.</summary>
    public const string SupportedVersion = "1";

    private readonly List<LedgerEntry> _exclusions = [];
    private readonly List<SuppressionRuleRecord> _suppressionRules = [];
    private readonly List<LedgerDefect> _defects = [];

    private ExclusionLedger(SourceText source, SyntaxTree? tree, bool exists)
    {
        Source = source;
        Tree = tree;
        Exists = exists;
    }

    /// <summary>The ledger's text (empty for a missing default ledger).</summary>
    public SourceText Source { get; }

    /// <summary>The syntax tree, or null for a missing ledger.</summary>
    public SyntaxTree? Tree { get; }

    /// <summary>Whether the file exists (a missing default ledger is an empty ledger, docs/conventions.md#c18).</summary>
    public bool Exists { get; }

    /// <summary>Whether the ledger has a YAML error or exceeds a limit (PL0001): then nothing can be matched.</summary>
    public bool IsBroken => Tree?.Problems.Count > 0;

    /// <summary>The <c>version</c> field, or null.</summary>
    public LedgerField? Version { get; private set; }

    /// <summary>The <c>exclusions</c> entries in file order.</summary>
    public IReadOnlyList<LedgerEntry> Exclusions => _exclusions;

    /// <summary>The <c>suppressions</c> records in file order.</summary>
    public IReadOnlyList<SuppressionRuleRecord> SuppressionRules => _suppressionRules;

    /// <summary>Every record, exclusions first.</summary>
    public IEnumerable<LedgerRecord> Records => _exclusions.Cast<LedgerRecord>().Concat(_suppressionRules);

    /// <summary>Structural defects (PL3004), in file order.</summary>
    public IReadOnlyList<LedgerDefect> Defects => _defects;

    /// <summary>The empty ledger used when the default ledger file does not exist.</summary>
    public static ExclusionLedger Missing(string path) => new(SourceText.From(path, string.Empty), null, exists: false);

    /// <summary>Parses a ledger from its text.</summary>
    public static ExclusionLedger Parse(SourceText source, ParseLimits? limits = null)
    {
        var tree = YamlSyntaxParser.Parse(source, limits);
        tree.CheckWholeFileAliasExpansion(); // the whole ledger is read (docs/conventions.md#c16)
        var ledger = new ExclusionLedger(source, tree, exists: true);
        if (!ledger.IsBroken)
            ledger.Read();
        return ledger;
    }

    /// <summary>Builds a ledger from a file that could not be read (the problem becomes PL0001).</summary>
    public static ExclusionLedger Unreadable(SourceText source, SyntaxProblem problem)
    {
        var tree = new SyntaxTree(source, SourceFormat.Yaml, ParseLimits.Default);
        tree.AddProblem(problem);
        return new ExclusionLedger(source, tree, exists: true);
    }

    private static readonly string[] RootKeys = ["version", "exclusions", "suppressions"];
    private static readonly string[] ExclusionKeys = ["target", "scan_type", "tag", "reason", "owner", "dates", "suppress"];
    private static readonly string[] SuppressionKeys = ["target", "reason", "owner", "dates", "suppress"];
    private static readonly string[] LambdaTargetKeys = ["type", "function_name", "function_arn", "template", "logical_id"];
    private static readonly string[] FilterTargetKeys = ["type", "name", "template", "logical_id"];
    private static readonly string[] TagKeys = ["key", "value"];
    private static readonly string[] ReasonKeys = ["summary", "ticket", "compensating_controls"];
    private static readonly string[] OwnerKeys = ["team", "approved_by", "applied_by"];
    private static readonly string[] DateKeys = ["applied_at", "expires_at", "next_review_at"];

    private LogicalLocation FileLocation => new(null, $"{Source.Path}#", LogicalLocationKind.Object);

    private void Read()
    {
        var documents = Tree!.Documents.Where(d => d is not null).ToList();
        if (documents.Count == 0)
            return; // an empty file is an empty ledger
        if (documents.Count > 1 || documents[0] is not MappingNode root)
        {
            Defect(DiagnosticTarget.At(documents[0]!.StartLocation), "The ledger must be one YAML mapping with 'version' and 'exclusions'");
            return;
        }

        CheckKeys(root, RootKeys, "the ledger", null, string.Empty);
        if (root.Find("version") is { } version)
        {
            Version = new LedgerField("version", version, FileLocation, null);
            if (Version.Text != SupportedVersion)
                Defect(Version.Target, $"Unknown ledger version {(Version.Text is { } v ? Masked(v) : $"'{version.Value.Location}'")}: this PolicyLint reads version {SupportedVersion}");
        }
        else
            Defect(DiagnosticTarget.At(Location.FileLevel(Source), "version"), "The ledger has no 'version' (expected 'version: 1')");

        ReadList(root, "exclusions", (index, node) =>
        {
            var entry = new LedgerEntry(this, index, node);
            ReadExclusion(entry);
            _exclusions.Add(entry);
        });
        ReadList(root, "suppressions", (index, node) =>
        {
            var record = new SuppressionRuleRecord(this, index, node);
            ReadSuppressionRule(record);
            _suppressionRules.Add(record);
        });
    }

    private void ReadList(MappingNode root, string key, Action<int, MappingNode> read)
    {
        if (root.Find(key) is not { } entry)
            return;
        if (entry.Value is ScalarNode { IsNull: true })
            return;
        if (entry.Value is not SequenceNode list)
        {
            Defect(new DiagnosticTarget(entry.KeyLocation, FileLocation, key, []), $"'{key}' must be a list of entries");
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is MappingNode item)
                read(i, item);
            else
                Defect(new DiagnosticTarget(list.Items[i].Location, FileLocation, $"{key}[{i}]", []), string.Create(CultureInfo.InvariantCulture, $"{key}[{i}] must be a mapping with target, reason, owner and dates"));
        }
    }

    private void ReadExclusion(LedgerEntry entry)
    {
        // Identity first, unchecked: every defect below then names the entry and carries its final stable key.
        var identity = entry.Node.Find("target")?.Value as MappingNode;
        entry.FunctionName = Peek(entry, identity, "function_name");
        entry.FunctionArn = Peek(entry, identity, "function_arn");
        entry.Template = Peek(entry, identity, "template");
        entry.LogicalId = Peek(entry, identity, "logical_id");
        entry.ScanTypeField = entry.Node.Find("scan_type") is { } peeked ? new LedgerField("scan_type", peeked, entry.LogicalLocation, entry) : null;

        CheckKeys(entry.Node, ExclusionKeys, "a ledger entry", entry, string.Empty);
        entry.TargetSection = Section(entry, entry.Node, "target", required: true);
        if (entry.TargetSection?.Value is MappingNode target)
        {
            CheckKeys(target, LambdaTargetKeys, "target", entry, "target");
            entry.FunctionName = Identity(entry, target, "target.function_name", "function_name");
            entry.FunctionArn = Identity(entry, target, "target.function_arn", "function_arn");
            entry.Template = Identity(entry, target, "target.template", "template");
            entry.LogicalId = Identity(entry, target, "target.logical_id", "logical_id");
            entry.TargetType = Required(entry, target, entry.TargetSection, "target.type", "type"); // after the name its messages quote
            if (entry.TargetType?.Text is { } type && !string.IsNullOrWhiteSpace(type) && type != "lambda")
                Defect(entry.TargetType.Target, $"Ledger entry '{entry.DisplayName}': target.type {Masked(type)} is not supported (ledger version 1 records 'lambda' functions)");
        }

        if (entry.Node.Find("scan_type") is { } scanType)
        {
            entry.ScanTypeField = new LedgerField("scan_type", scanType, entry.LogicalLocation, entry);
            if (entry.ScanType is null)
                Defect(entry.ScanTypeField.Target, $"Ledger entry '{entry.DisplayName}': scan_type {Masked(entry.ScanTypeField.Text ?? string.Empty)} is neither 'standard' nor 'code'");
        }
        else
            Defect(entry.Target with { PropertyPath = "scan_type" }, $"Ledger entry '{entry.DisplayName}' has no scan_type (standard or code)");

        entry.TagSection = Section(entry, entry.Node, "tag", required: false);
        if (entry.TagSection?.Value is MappingNode tag)
        {
            CheckKeys(tag, TagKeys, "tag", entry, "tag");
            entry.TagKey = Required(entry, tag, entry.TagSection, "tag.key", "key");
            entry.TagValue = Required(entry, tag, entry.TagSection, "tag.value", "value");
        }

        ReadCommon(entry);
    }

    private void ReadSuppressionRule(SuppressionRuleRecord record)
    {
        var identity = record.Node.Find("target")?.Value as MappingNode;
        record.Name = Peek(record, identity, "name");
        record.Template = Peek(record, identity, "template");
        record.LogicalId = Peek(record, identity, "logical_id");

        CheckKeys(record.Node, SuppressionKeys, "a suppression rule record", record, string.Empty);
        record.TargetSection = Section(record, record.Node, "target", required: true);
        if (record.TargetSection?.Value is MappingNode target)
        {
            CheckKeys(target, FilterTargetKeys, "target", record, "target");
            record.Name = Identity(record, target, "target.name", "name");
            record.Template = Identity(record, target, "target.template", "template");
            record.LogicalId = Identity(record, target, "target.logical_id", "logical_id");
            record.TargetType = Required(record, target, record.TargetSection, "target.type", "type"); // after the name its messages quote
            if (record.TargetType?.Text is { } type && !string.IsNullOrWhiteSpace(type) && type != "inspector_filter")
                Defect(record.TargetType.Target, $"Suppression rule record '{record.DisplayName}': target.type {Masked(type)} is not supported (expected 'inspector_filter')");
        }

        ReadCommon(record);
    }

    private void ReadCommon(LedgerRecord record)
    {
        record.SuppressEntry = record.Node.Find("suppress");
        record.ReasonSection = Section(record, record.Node, "reason", required: true);
        if (record.ReasonSection?.Value is MappingNode reason)
        {
            CheckKeys(reason, ReasonKeys, "reason", record, "reason");
            record.Summary = Required(record, reason, record.ReasonSection, "reason.summary", "summary");
            record.Ticket = Required(record, reason, record.ReasonSection, "reason.ticket", "ticket");
            if (reason.Find("compensating_controls") is { } controls)
            {
                if (controls.Value is SequenceNode list && list.Items.All(i => i.Resolve() is ScalarNode))
                    record.CompensatingControls = [.. list.Items.Select(i => ((ScalarNode)i.Resolve()).Value)];
                else if (controls.Value is not ScalarNode { IsNull: true })
                    Defect(new DiagnosticTarget(controls.KeyLocation, record.LogicalLocation, "reason.compensating_controls", []) { StableKey = record.StableKey },
                        $"{Describe(record)}: reason.compensating_controls must be a list of strings");
            }
        }

        record.OwnerSection = Section(record, record.Node, "owner", required: true);
        if (record.OwnerSection?.Value is MappingNode owner)
        {
            CheckKeys(owner, OwnerKeys, "owner", record, "owner");
            record.Team = Required(record, owner, record.OwnerSection, "owner.team", "team");
            record.ApprovedBy = Required(record, owner, record.OwnerSection, "owner.approved_by", "approved_by");
            record.AppliedBy = Optional(record, owner, "owner.applied_by", "applied_by");
        }

        record.DatesSection = Section(record, record.Node, "dates", required: true);
        if (record.DatesSection?.Value is MappingNode dates)
        {
            CheckKeys(dates, DateKeys, "dates", record, "dates");
            record.AppliedAt = DateField(record, Required(record, dates, record.DatesSection, "dates.applied_at", "applied_at"));
            record.ExpiresAt = DateField(record, Required(record, dates, record.DatesSection, "dates.expires_at", "expires_at"));
            record.NextReviewAt = DateField(record, Optional(record, dates, "dates.next_review_at", "next_review_at"));
        }
    }

    private static string Describe(LedgerRecord record) =>
        record is LedgerEntry ? $"Ledger entry '{record.DisplayName}'" : $"Suppression rule record '{record.DisplayName}'";

    private LedgerField? DateField(LedgerRecord record, LedgerField? field)
    {
        if (field?.Text is not { } text)
            return field;
        if (TryParseDate(text, out var date))
            field.Date = date;
        else
            Defect(field.Target, $"{Describe(record)}: {field.Path} {NotADate(text)}");
        return field;
    }

    /// <summary>Whether <paramref name="text"/> has the shape <c>NNNN-NN-NN</c> (ten characters, ASCII digits and two
    /// hyphens) whether or not it is a calendar date: a text of that shape that <see cref="TryParseDate"/> rejects is
    /// said to be "not a calendar date" (<c>2027-02-30</c>) rather than "not of the form YYYY-MM-DD".</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool HasDateShape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsonErrorScanner.HasDateShape(text);
    }

    /// <summary>Parses exactly <c>YYYY-MM-DD</c> (a real calendar date, no time, no zone): ten characters, ASCII
    /// digits, years 0001 to 9999. Accepts and rejects what
    /// <c>DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, …)</c> does
    /// (ExclusionLedgerTests compares them), without that parser's set-up: its culture data, calendar and format
    /// tables cost every run of the command-line tool more than the dates it reads (issue 15).</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        if (!JsonErrorScanner.HasDateShape(text))
            return false;
        var (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The number the ASCII digits at <paramref name="start"/> spell (the shape is checked first).</summary>
    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
            value = (value * 10) + (text[i] - '0');
        return value;
    }

    private MappingEntry? Section(LedgerRecord record, MappingNode node, string key, bool required)
    {
        var entry = node.Find(key);
        if (entry is null)
        {
            if (required)
                Defect(record.Target with { PropertyPath = key }, $"{Describe(record)} has no '{key}'");
            return null;
        }

        if (entry.Value is not MappingNode)
        {
            Defect(new DiagnosticTarget(entry.KeyLocation, record.LogicalLocation, key, []) { StableKey = record.StableKey }, $"{Describe(record)}: '{key}' must be a mapping");
            return null;
        }

        return entry;
    }

    /// <summary>An identity field read before the record is checked, so that messages can name the record; a blank
    /// one names nothing (see <see cref="Identity"/>).</summary>
    private static LedgerField? Peek(LedgerRecord record, MappingNode? target, string key)
    {
        if (target?.Find(key) is not { } entry || entry.Value is ScalarNode { IsNull: false } scalar && string.IsNullOrWhiteSpace(scalar.Value))
            return null;
        return new LedgerField($"target.{key}", entry, record.LogicalLocation, record);
    }

    private LedgerField? Required(LedgerRecord record, MappingNode section, MappingEntry sectionEntry, string path, string key)
    {
        var field = Optional(record, section, path, key);
        if (field is null)
            Defect(record.TargetAtSection(sectionEntry, path), $"{Describe(record)}: {path} is missing");
        else if (string.IsNullOrWhiteSpace(field.Text) && field.Entry.Value is ScalarNode)
            Defect(field.Target, $"{Describe(record)}: {path} is empty");
        return field;
    }

    /// <summary>An optional field that names what the record records (a function or filter name, an ARN, a template, a
    /// logical ID): empty or blank, it names nothing, so it is a defect and the record is read as if it were absent
    /// (a blank name must neither match a function nor reach a rule as a name).</summary>
    private LedgerField? Identity(LedgerRecord record, MappingNode section, string path, string key)
    {
        var field = Optional(record, section, path, key);
        if (field is null || field.Entry.Value is not ScalarNode { IsNull: false } || !string.IsNullOrWhiteSpace(field.Text))
            return field;
        Defect(field.Target, $"{Describe(record)}: {path} is empty");
        return null;
    }

    private LedgerField? Optional(LedgerRecord record, MappingNode section, string path, string key)
    {
        if (section.Find(key) is not { } entry)
            return null;
        var field = new LedgerField(path, entry, record.LogicalLocation, record);
        if (entry.Value is not ScalarNode)
            Defect(field.Target, $"{Describe(record)}: {path} must be a single value, not a {(entry.Value is MappingNode ? "mapping" : "list")}");
        else if (entry.Value is ScalarNode { Tag: { } tag } && !ShortFormTags.IsStandardYamlTag(tag))
            Defect(field.Target, $"{Describe(record)}: {path} has tag '{tag}'; the ledger takes plain values");
        return field;
    }

    private void CheckKeys(MappingNode node, string[] allowed, string what, LedgerRecord? record, string parentPath)
    {
        var logical = record?.LogicalLocation ?? FileLocation;
        foreach (var entry in node.Entries)
        {
            if (MappingNode.IsMergeEntry(entry))
                continue;
            var key = entry.KeyText;
            if (key is not null && Array.IndexOf(allowed, key) >= 0)
                continue;
            var path = parentPath.Length == 0 ? key ?? "?" : $"{parentPath}.{key}";
            Defect(new DiagnosticTarget(entry.Key.Location, logical, path, []) { StableKey = record?.StableKey },
                $"Unknown key '{key ?? entry.Key.Location.ToString()}' in {what} (expected one of: {string.Join(", ", allowed)})");
        }
    }

    private void Defect(DiagnosticTarget target, string message) => _defects.Add(new LedgerDefect(target, message));
}
