using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Text;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Ledger;

public sealed class ExclusionLedgerTests
{
    private const string Path = "security/inspector-exclusions.yaml";

    private const string FullLedger = """
        version: 1
        exclusions:
          - target:
              type: lambda
              function_name: my-prod-function
              function_arn: "arn:aws:lambda:ap-northeast-1:123456789012:function:my-prod-function"
              template: services/orders/template.yaml
              logical_id: OrdersFunction
            scan_type: standard
            tag: { key: InspectorExclusion, value: LambdaStandardScanning }
            reason:
              summary: "Vendor-supplied dependency cannot be updated; accepted known risk."
              ticket: SEC-1234
              compensating_controls: ["WAF blocks the affected path", "Egress is denied"]
            owner: { team: platform, approved_by: security-reviewer, applied_by: ci-bot }
            dates: { applied_at: 2025-12-14, expires_at: "2026-03-31", next_review_at: '2026-01-31' }
        suppressions:
          - target: { type: inspector_filter, name: accepted-cves }
            reason: { summary: Accepted, ticket: SEC-2 }
            owner: { team: platform, approved_by: security-reviewer }
            dates: { applied_at: 2025-01-01, expires_at: 2025-06-01 }
        """;

    private static ExclusionLedger Parse(string text) => ExclusionLedger.Parse(SourceText.From(Path, text));

    private static IEnumerable<string> Describe(ExclusionLedger ledger) =>
        ledger.Defects.Select(d => $"{Range(d.Target.Location)} {d.Target.PropertyPath} | {d.Message}");

    [Test]
    public void Parse_ReadsEveryFieldWithItsPosition()
    {
        var ledger = Parse(FullLedger);
        var entry = ledger.Exclusions.Single();

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Defects, Is.Empty);
            Assert.That(ledger.IsBroken, Is.False);
            Assert.That(ledger.Exists, Is.True);
            Assert.That(ledger.Version!.Text, Is.EqualTo("1"));
            Assert.That(Range(ledger.Version.Target.Location), Is.EqualTo("1:1-1:8"));
            Assert.That(entry.Index, Is.Zero);
            Assert.That(entry.Section, Is.EqualTo("exclusions"));
            Assert.That(Range(entry.FirstKeyLocation), Is.EqualTo("3:5-3:11"));
            Assert.That(Range(entry.Target.Location), Is.EqualTo("3:5-3:11"));
            Assert.That(entry.LogicalLocation, Is.EqualTo(new LogicalLocation(null, "security/inspector-exclusions.yaml#exclusions[0]", LogicalLocationKind.Object)));
            Assert.That(entry.TargetType!.Text, Is.EqualTo("lambda"));
            Assert.That(Range(entry.TargetType.Target.Location), Is.EqualTo("4:7-4:11"));
            Assert.That(entry.FunctionName!.Text, Is.EqualTo("my-prod-function"));
            Assert.That(entry.FunctionName.Path, Is.EqualTo("target.function_name"));
            Assert.That(Range(entry.FunctionName.Target.Location), Is.EqualTo("5:7-5:20"));
            Assert.That(Range(entry.FunctionName.ValueLocation), Is.EqualTo("5:22-5:38"));
            Assert.That(entry.FunctionArn!.Text, Is.EqualTo("arn:aws:lambda:ap-northeast-1:123456789012:function:my-prod-function"));
            Assert.That(Range(entry.FunctionArn.ValueLocation), Is.EqualTo("6:21-6:91"));
            Assert.That(entry.ArnFunctionName, Is.EqualTo("my-prod-function"));
            Assert.That(entry.Template!.Text, Is.EqualTo("services/orders/template.yaml"));
            Assert.That(entry.LogicalId!.Text, Is.EqualTo("OrdersFunction"));
            Assert.That(entry.ScanType, Is.EqualTo(ScanType.Standard));
            Assert.That(Range(entry.ScanTypeField!.Target.Location), Is.EqualTo("9:5-9:14"));
            Assert.That(entry.TagKey!.Text, Is.EqualTo("InspectorExclusion"));
            Assert.That(Range(entry.TagKey.Target.Location), Is.EqualTo("10:12-10:15"));
            Assert.That(entry.TagValue!.Text, Is.EqualTo("LambdaStandardScanning"));
            Assert.That(entry.Summary!.Text, Is.EqualTo("Vendor-supplied dependency cannot be updated; accepted known risk."));
            Assert.That(entry.Ticket!.Text, Is.EqualTo("SEC-1234"));
            Assert.That(entry.CompensatingControls, Is.EqualTo(new[] { "WAF blocks the affected path", "Egress is denied" }));
            Assert.That(entry.Team!.Text, Is.EqualTo("platform"));
            Assert.That(entry.ApprovedBy!.Text, Is.EqualTo("security-reviewer"));
            Assert.That(entry.AppliedBy!.Text, Is.EqualTo("ci-bot"));
            Assert.That(entry.AppliedAt!.Date, Is.EqualTo(new DateOnly(2025, 12, 14)));
            Assert.That(entry.ExpiresAt!.Date, Is.EqualTo(new DateOnly(2026, 3, 31)));
            Assert.That(entry.NextReviewAt!.Date, Is.EqualTo(new DateOnly(2026, 1, 31)));
            Assert.That(Range(entry.ExpiresAt.Target.Location), Is.EqualTo("16:38-16:48"));
            Assert.That(entry.ExpiresAt.Target.PropertyPath, Is.EqualTo("dates.expires_at"));
            Assert.That(entry.ExpiresAt.Target.StableKey, Is.EqualTo("my-prod-function|standard"));
            Assert.That(Range(entry.DatesSection!.KeyLocation), Is.EqualTo("16:5-16:10"));
            Assert.That(entry.DisplayName, Is.EqualTo("my-prod-function"));
            Assert.That(entry.StableKey, Is.EqualTo("my-prod-function|standard"));
            Assert.That(entry.RecordedName, Is.EqualTo("my-prod-function"));
        });
    }

    [Test]
    public void Parse_SuppressionRuleRecords()
    {
        var ledger = Parse(FullLedger);
        var record = ledger.SuppressionRules.Single();

        Assert.Multiple(() =>
        {
            Assert.That(record.Section, Is.EqualTo("suppressions"));
            Assert.That(record.TargetType!.Text, Is.EqualTo("inspector_filter"));
            Assert.That(record.Name!.Text, Is.EqualTo("accepted-cves"));
            Assert.That(Range(record.Name.Target.Location), Is.EqualTo("18:39-18:43"));
            Assert.That(record.DisplayName, Is.EqualTo("accepted-cves"));
            Assert.That(record.StableKey, Is.EqualTo("filter|accepted-cves"));
            Assert.That(record.LogicalLocation.FullyQualifiedName, Is.EqualTo("security/inspector-exclusions.yaml#suppressions[0]"));
            Assert.That(record.ExpiresAt!.Date, Is.EqualTo(new DateOnly(2025, 6, 1)));
            Assert.That(ledger.Records.Select(r => r.DisplayName), Is.EqualTo(new[] { "my-prod-function", "accepted-cves" }));
        });
    }

    [Test]
    public void DisplayNameAndStableKey_FallBackToTemplateAndLogicalId_ThenToTheIndex()
    {
        var ledger = Parse("""
            version: 1
            exclusions:
              - target: { type: lambda, function_arn: "arn:aws:lambda:eu-west-1:123456789012:function:from-arn:live" }
                scan_type: code
              - target: { type: lambda, template: app/template.yaml, logical_id: Worker }
                scan_type: standard
              - target: { type: lambda }
            suppressions:
              - target: { type: inspector_filter, template: app/template.yaml, logical_id: Filter }
              - target: { type: inspector_filter }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Exclusions.Select(e => e.DisplayName), Is.EqualTo(new[] { "from-arn", "app/template.yaml#Worker", "exclusions[2]" }));
            Assert.That(ledger.Exclusions.Select(e => e.StableKey), Is.EqualTo(new[] { "from-arn|code", "app/template.yaml#Worker|standard", "#|" }));
            Assert.That(ledger.Exclusions[0].ScanType, Is.EqualTo(ScanType.Code));
            Assert.That(ledger.SuppressionRules.Select(r => r.DisplayName), Is.EqualTo(new[] { "app/template.yaml#Filter", "suppressions[1]" }));
            Assert.That(ledger.SuppressionRules.Select(r => r.StableKey), Is.EqualTo(new[] { "filter|app/template.yaml#Filter", "filter|#" }));
        });
    }

    [Test]
    public void Dates_QuotedAndUnquoted_AreIdentical()
    {
        var unquoted = Parse(Entry("dates: { applied_at: 2025-12-14, expires_at: 2026-03-31 }")).Exclusions[0];
        var doubleQuoted = Parse(Entry("dates: { applied_at: \"2025-12-14\", expires_at: \"2026-03-31\" }")).Exclusions[0];
        var singleQuoted = Parse(Entry("dates: { applied_at: '2025-12-14', expires_at: '2026-03-31' }")).Exclusions[0];

        Assert.Multiple(() =>
        {
            foreach (var entry in new[] { unquoted, doubleQuoted, singleQuoted })
            {
                Assert.That(entry.AppliedAt!.Text, Is.EqualTo("2025-12-14"));
                Assert.That(entry.AppliedAt.Date, Is.EqualTo(new DateOnly(2025, 12, 14)));
                Assert.That(entry.ExpiresAt!.Date, Is.EqualTo(new DateOnly(2026, 3, 31)));
                Assert.That(entry.Ledger.Defects, Is.Empty);
            }
        });
    }

    [TestCase("2026-03-31T00:00:00Z")]
    [TestCase("2026-03-31 10:00")]
    [TestCase("31/03/2026")]
    [TestCase("2026-3-31")]
    public void Dates_NotAPlainCalendarDate_AreRejectedAtTheKey(string value)
    {
        var ledger = Parse(Entry($"dates: {{ applied_at: 2025-12-14, expires_at: \"{value}\" }}"));

        Assert.Multiple(() =>
        {
            Assert.That(Describe(ledger), Is.EqualTo(new[]
            {
                $"7:38-7:48 dates.expires_at | Ledger entry 'fn': dates.expires_at '{value[..4]}…' ({value.Length} characters) is not a date of the form YYYY-MM-DD", // masked (issue 11)
            }));
            Assert.That(ledger.Exclusions[0].ExpiresAt!.Date, Is.Null);
        });
    }

    /// <summary>A value of the form NNNN-NN-NN is no secret: shown whole, and said not to be a calendar date.</summary>
    [TestCase("2026-02-30")]
    [TestCase("2027-13-01")]
    [TestCase("2026-04-31")]
    [TestCase("0000-00-00")]
    public void Dates_OfTheDateShapeButNoCalendarDate_AreShownWhole(string value)
    {
        var ledger = Parse(Entry($"dates: {{ applied_at: 2025-12-14, expires_at: {value} }}"));

        Assert.Multiple(() =>
        {
            Assert.That(Describe(ledger), Is.EqualTo(new[]
            {
                $"7:38-7:48 dates.expires_at | Ledger entry 'fn': dates.expires_at '{value}' is not a calendar date",
            }));
            Assert.That(ledger.Exclusions[0].ExpiresAt!.Date, Is.Null);
        });
    }

    [Test]
    public void UnknownKeys_AreDefectsAtEveryLevel()
    {
        var ledger = Parse("""
            version: 1
            owner: me
            exclusions:
              - target: { type: lambda, function_name: fn, region: eu-west-1 }
                scan_type: standard
                tag: { key: InspectorExclusion, value: LambdaStandardScanning, note: x }
                reason: { summary: s, ticket: t, link: x }
                owner: { team: t, approved_by: a, email: x }
                dates: { applied_at: 2025-01-01, expires_at: 2025-02-01, renewed_at: 2025-01-15 }
                notes: x
            suppressions:
              - target: { type: inspector_filter, name: f, function_name: x }
                reason: { summary: s, ticket: t }
                owner: { team: t, approved_by: a }
                dates: { applied_at: 2025-01-01, expires_at: 2025-02-01 }
                scan_type: code
            """);

        Assert.That(Describe(ledger), Is.EqualTo(new[]
        {
            "2:1-2:6 owner | Unknown key 'owner' in the ledger (expected one of: version, exclusions, suppressions)",
            "10:5-10:10 notes | Unknown key 'notes' in a ledger entry (expected one of: target, scan_type, tag, reason, owner, dates, suppress)",
            "4:48-4:54 target.region | Unknown key 'region' in target (expected one of: type, function_name, function_arn, template, logical_id)",
            "6:68-6:72 tag.note | Unknown key 'note' in tag (expected one of: key, value)",
            "7:38-7:42 reason.link | Unknown key 'link' in reason (expected one of: summary, ticket, compensating_controls)",
            "8:39-8:44 owner.email | Unknown key 'email' in owner (expected one of: team, approved_by, applied_by)",
            "9:62-9:72 dates.renewed_at | Unknown key 'renewed_at' in dates (expected one of: applied_at, expires_at, next_review_at)",
            "16:5-16:14 scan_type | Unknown key 'scan_type' in a suppression rule record (expected one of: target, reason, owner, dates, suppress)",
            "12:48-12:61 target.function_name | Unknown key 'function_name' in target (expected one of: type, name, template, logical_id)",
        }));
    }

    [Test]
    public void Defects_OfAnEntry_AllCarryItsFinalStableKey()
    {
        var ledger = Parse("""
            version: 1
            exclusions:
              - notes: written before the target
                target: { function_name: fn }
                scan_type: code
            """);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Defects, Has.Count.EqualTo(5));
            Assert.That(ledger.Defects.Select(d => d.Target.StableKey), Has.All.EqualTo("fn|code"));
            Assert.That(ledger.Defects.Select(d => d.Message), Has.All.Contains("'fn'").Or.StartWith("Unknown key"));
        });
    }

    [Test]
    public void MissingFields_AreDefectsAtTheParentKey()
    {
        var ledger = Parse("""
            version: 1
            exclusions:
              - target: { function_name: fn }
                reason: { summary: s }
                owner: { approved_by: a }
                dates: { expires_at: 2026-01-01 }
              - target: { type: lambda, function_name: other }
            """);

        Assert.That(Describe(ledger), Is.EqualTo(new[]
        {
            "3:5-3:11 target.type | Ledger entry 'fn': target.type is missing",
            "3:5-3:11 scan_type | Ledger entry 'fn' has no scan_type (standard or code)",
            "4:5-4:11 reason.ticket | Ledger entry 'fn': reason.ticket is missing",
            "5:5-5:10 owner.team | Ledger entry 'fn': owner.team is missing",
            "6:5-6:10 dates.applied_at | Ledger entry 'fn': dates.applied_at is missing",
            "7:5-7:11 scan_type | Ledger entry 'other' has no scan_type (standard or code)",
            "7:5-7:11 reason | Ledger entry 'other' has no 'reason'",
            "7:5-7:11 owner | Ledger entry 'other' has no 'owner'",
            "7:5-7:11 dates | Ledger entry 'other' has no 'dates'",
        }));
    }

    [Test]
    public void WrongTypes_AreDefectsAtTheKey()
    {
        var ledger = Parse("""
            version: 1
            exclusions:
              - target: lambda
                scan_type: both
                tag: [InspectorExclusion]
                reason:
                  summary: [a, b]
                  ticket:
                  compensating_controls: one control
                owner:
                  team: { name: platform }
                  approved_by: !Custom someone
                dates: 2025-01-01
            """);

        Assert.That(Describe(ledger), Is.EqualTo(new[]
        {
            "3:5-3:11 target | Ledger entry 'exclusions[0]': 'target' must be a mapping",
            "4:5-4:14 scan_type | Ledger entry 'exclusions[0]': scan_type 'both' is neither 'standard' nor 'code'",
            "5:5-5:8 tag | Ledger entry 'exclusions[0]': 'tag' must be a mapping",
            "7:7-7:14 reason.summary | Ledger entry 'exclusions[0]': reason.summary must be a single value, not a list",
            "8:7-8:13 reason.ticket | Ledger entry 'exclusions[0]': reason.ticket is empty",
            "9:7-9:28 reason.compensating_controls | Ledger entry 'exclusions[0]': reason.compensating_controls must be a list of strings",
            "11:7-11:11 owner.team | Ledger entry 'exclusions[0]': owner.team must be a single value, not a mapping",
            "12:7-12:18 owner.approved_by | Ledger entry 'exclusions[0]': owner.approved_by has tag '!Custom'; the ledger takes plain values",
            "13:5-13:10 dates | Ledger entry 'exclusions[0]': 'dates' must be a mapping",
        }));
    }

    [Test]
    public void TargetType_OtherThanLambda_IsADefect()
    {
        var ledger = Parse(Entry("dates: { applied_at: 2025-12-14, expires_at: 2026-03-31 }").Replace("type: lambda", "type: ecr_image", StringComparison.Ordinal));

        Assert.That(Describe(ledger), Is.EqualTo(new[]
        {
            "3:15-3:19 target.type | Ledger entry 'fn': target.type 'ecr_…' (9 characters) is not supported (ledger version 1 records 'lambda' functions)",
        }));
    }

    [Test]
    public void Version_Missing_IsAFileLevelDefect()
    {
        var ledger = Parse("exclusions: []\n");

        Assert.Multiple(() =>
        {
            Assert.That(Describe(ledger), Is.EqualTo(new[] { "1:1-1:1 version | The ledger has no 'version' (expected 'version: 1')" }));
            Assert.That(ledger.Version, Is.Null);
        });
    }

    // Issue 11: ledger defects quote field names, and mask the value they quote.
    [Test]
    public void Defects_MaskTheValueTheyQuote()
    {
        const string Secret = "sk-live-4eC39HqLyjWDarjtT1zdp7dc";
        var ledger = Parse($"version: {Secret}\nexclusions:\n  - target: {{ type: {Secret}, function_name: fn }}\n    scan_type: {Secret}\n");

        var messages = Describe(ledger).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Some.Contains("Unknown ledger version 'sk-l…' (32 characters)"));
            Assert.That(messages, Has.Some.Contains("target.type 'sk-l…' (32 characters) is not supported"));
            Assert.That(messages, Has.Some.Contains("scan_type 'sk-l…' (32 characters) is neither"));
            Assert.That(messages, Has.None.Contains("4eC39"));
        });
    }

    [TestCase("2")]
    [TestCase("'1.0'")]
    [TestCase("v1")]
    public void Version_Unknown_IsADefectAtTheKey(string version)
    {
        var ledger = Parse($"version: {version}\nexclusions: []\n");
        var text = version.Trim('\'');

        Assert.That(Describe(ledger), Is.EqualTo(new[] { $"1:1-1:8 version | Unknown ledger version '{text}': this PolicyLint reads version 1" }));
    }

    [Test]
    public void Version_QuotedOne_IsVersionOne()
    {
        Assert.That(Parse("version: \"1\"\nexclusions: []\n").Defects, Is.Empty);
    }

    [Test]
    public void Exclusions_NotAList_IsADefectAtTheKey()
    {
        var ledger = Parse("version: 1\nexclusions:\n  target: {type: lambda}\nsuppressions: none\n");

        Assert.Multiple(() =>
        {
            Assert.That(Describe(ledger), Is.EqualTo(new[]
            {
                "2:1-2:11 exclusions | 'exclusions' must be a list of entries",
                "4:1-4:13 suppressions | 'suppressions' must be a list of entries",
            }));
            Assert.That(ledger.Exclusions, Is.Empty);
        });
    }

    [Test]
    public void Exclusions_ItemThatIsNotAMapping_IsADefectAtTheItem()
    {
        var ledger = Parse("version: 1\nexclusions:\n  - my-function\n");

        Assert.That(Describe(ledger), Is.EqualTo(new[] { "3:5-3:16 exclusions[0] | exclusions[0] must be a mapping with target, reason, owner and dates" }));
    }

    [Test]
    public void Exclusions_Empty_OrNull_IsAnEmptyLedger()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("version: 1\nexclusions:\n").Defects, Is.Empty);
            Assert.That(Parse("version: 1\nexclusions: []\n").Defects, Is.Empty);
            Assert.That(Parse(string.Empty).Defects, Is.Empty);
            Assert.That(Parse("# nothing recorded yet\n").Defects, Is.Empty);
        });
    }

    [Test]
    public void Ledger_NotAMapping_IsOneDefect()
    {
        var ledger = Parse("- a\n- b\n");

        Assert.That(Describe(ledger), Is.EqualTo(new[] { "1:1-1:1  | The ledger must be one YAML mapping with 'version' and 'exclusions'" }));
    }

    [Test]
    public void Ledger_YamlError_IsBroken_AndNotRead()
    {
        var ledger = Parse("version: 1\nexclusions:\n  - target: {type: lambda\n");

        Assert.Multiple(() =>
        {
            Assert.That(ledger.IsBroken, Is.True);
            Assert.That(ledger.Tree!.FatalError, Is.Not.Null);
            Assert.That(ledger.Exclusions, Is.Empty);
            Assert.That(ledger.Defects, Is.Empty);
        });
    }

    [Test]
    public void Ledger_DuplicateKey_IsBroken()
    {
        var ledger = Parse("version: 1\nversion: 1\nexclusions: []\n");

        Assert.Multiple(() =>
        {
            Assert.That(ledger.IsBroken, Is.True);
            Assert.That(ledger.Tree!.Problems.Single().Message, Is.EqualTo("Duplicate key 'version' (first defined at line 1)"));
        });
    }

    [Test]
    public void Missing_IsAnEmptyLedgerThatDoesNotExist()
    {
        var ledger = ExclusionLedger.Missing(Path);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Exists, Is.False);
            Assert.That(ledger.IsBroken, Is.False);
            Assert.That(ledger.Tree, Is.Null);
            Assert.That(ledger.Records, Is.Empty);
            Assert.That(ledger.Source.Path, Is.EqualTo(Path));
        });
    }

    [Test]
    public void MergeKeys_InTheLedger_AreNotUnknownKeys()
    {
        var ledger = Parse("""
            version: 1
            exclusions:
              - &first
                target: { type: lambda, function_name: a }
                scan_type: standard
                reason: { summary: s, ticket: t }
                owner: { team: t, approved_by: a }
                dates: { applied_at: 2025-01-01, expires_at: 2025-02-01 }
              - <<: *first
                target: { type: lambda, function_name: b }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Defects, Is.Empty);
            Assert.That(ledger.Exclusions.Select(e => e.DisplayName), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(ledger.Exclusions[1].Ticket!.Text, Is.EqualTo("t"));
        });
    }

    [TestCase("2026-01-31", true)]
    [TestCase("2024-02-29", true)]
    [TestCase("2025-02-29", false)]
    [TestCase("2026-1-31", false)]
    [TestCase(" 2026-01-31", false)]
    [TestCase("2026-01-31Z", false)]
    public void TryParseDate_AcceptsOnlyYyyyMmDd(string text, bool valid) =>
        Assert.That(ExclusionLedger.TryParseDate(text, out _), Is.EqualTo(valid));

    /// <summary>TryParseDate is hand-written (the framework's date parser sets up culture data at every start); it
    /// must accept, reject and read exactly what <c>DateOnly.TryParseExact</c> with <c>yyyy-MM-dd</c> and the
    /// invariant culture does: every date of a few years in several field widths, and real dates with one or two
    /// characters inserted, replaced or removed anywhere (digits, separators, white space, NUL, non-ASCII digits).</summary>
    [Test]
    public void TryParseDate_AgreesWithTheFrameworksExactParse()
    {
        var texts = new List<string>();
        string[] formats = ["{0:D4}-{1:D2}-{2:D2}", "{0}-{1}-{2}", "{0:D4}-{1}-{2:D2}", "{0:D4}-{1:D2}-{2}", "{0:D5}-{1:D2}-{2:D2}", "{0:D4}-{1:D3}-{2:D2}"];
        foreach (var year in new[] { 0, 1, 2023, 2024, 9999 })
        {
            for (var month = 0; month <= 13; month++)
            {
                for (var day = 0; day <= 32; day++)
                    texts.AddRange(formats.Select(f => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, year, month, day)));
            }
        }

        char[] alphabet = ['0', '7', '9', '-', ' ', '\0', '\t', '\n', '+', '/', 'T', 'Z', '.', 'a', '\u0660', '\uff11'];
        foreach (var date in new[] { "2026-11-29", "2024-02-29", "0001-01-01", "9999-12-31" })
        {
            for (var i = 0; i <= date.Length; i++)
            {
                foreach (var c in alphabet)
                {
                    texts.Add(date.Insert(i, c.ToString()));
                    texts.AddRange(alphabet.Select(c2 => date.Insert(i, $"{c}{c2}")));
                    if (i < date.Length)
                        texts.AddRange([date.Remove(i, 1), date.Remove(i, 1).Insert(i, c.ToString())]);
                }
            }
        }

        var disagreements = texts
            .Where(t => ExclusionLedger.TryParseDate(t, out var mine) != DateOnly.TryParseExact(t, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var theirs) || mine != theirs)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(texts, Has.Count.GreaterThan(20_000));
            Assert.That(disagreements, Is.Empty);
        });
    }

    /// <summary>A one-entry ledger for function 'fn' whose dates line (line 7) is <paramref name="datesLine"/>.</summary>
    private static string Entry(string datesLine) => $$"""
        version: 1
        exclusions:
          - target: { type: lambda, function_name: fn }
            scan_type: standard
            reason: { summary: s, ticket: t }
            owner: { team: t, approved_by: a }
            {{datesLine}}
        """;
}
