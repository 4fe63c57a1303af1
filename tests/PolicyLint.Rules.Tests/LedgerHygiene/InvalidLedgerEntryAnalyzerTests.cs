using NUnit.Framework;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.LedgerHygiene;

public sealed class InvalidLedgerEntryAnalyzerTests
{
    [Test]
    public void DoesNotReport_ACompleteEntry() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
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
                  compensating_controls: ["WAF blocks the affected path"]
                owner: { team: platform, approved_by: security-reviewer, applied_by: ci-bot }
                dates: { applied_at: 2025-12-14, expires_at: 2026-03-31, next_review_at: 2026-01-31 }
              - target: { type: lambda, function_arn: "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders_worker:live" }
                scan_type: code
                reason: { summary: Generated code, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: "2026-01-01", expires_at: "2026-01-02", next_review_at: "2026-01-02" }
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-12-01 }
              - target: { type: inspector_filter, template: security/filters.yaml, logical_id: NoisyFilter }
                reason: { summary: False positive, ticket: SEC-8 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-12-01 }
            """)
        .Verify();

    [Test]
    public void Reports_ABlankFunctionName_AndTheEntryRecordsNoFunction() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - {|#1:target|}:
                  type: lambda
                  {|#0:function_name|}: ""
                scan_type: standard
                reason: { summary: Vendor SDK, ticket: SEC-1 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
              - target: { type: lambda, {|#2:logical_id|}: " ", {|#3:template|}: t.yaml }
                scan_type: code
                reason: { summary: Vendor SDK, ticket: SEC-2 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'exclusions[0]': target.function_name is empty")
        .Expect(1, "PL3004", "Ledger entry 'exclusions[0]': target has neither function_name nor function_arn (nor template with logical_id), so it records no function")
        .Expect(2, "PL3004", "Ledger entry 'exclusions[1]': target.logical_id is empty")
        .Expect(3, "PL3004", "Ledger entry 'exclusions[1]': target.template needs target.logical_id as well")
        .Verify();

    /// <summary>What <c>ledger add</c> writes where only people know the answer: each placeholder is its own PL3004 at
    /// the field's key, naming the field and quoting the value; the dates it writes are real and pass.</summary>
    [Test]
    public void Reports_EachPlaceholderThatLedgerAddWrites() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target:
                  type: lambda
                  function_name: orders-api
                scan_type: standard
                tag: { key: InspectorExclusion, value: LambdaStandardScanning }
                reason:
                  {|#0:summary|}: "TODO: why this exclusion is accepted, and until when"
                  {|#1:ticket|}: TODO
                owner:
                  {|#2:team|}: TODO
                  {|#3:approved_by|}: "TODO: who approved the exclusion"
                dates:
                  applied_at: 2026-11-29
                  expires_at: 2027-02-27
                  next_review_at: 2026-12-29
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-api': reason.summary is a placeholder ('TODO: why this exclusion is accepted, and until when'), not a record; replace it with why the risk is accepted")
        .Expect(1, "PL3004", "Ledger entry 'orders-api': reason.ticket is a placeholder ('TODO'), not a record; replace it with the ticket that tracks the exception")
        .Expect(2, "PL3004", "Ledger entry 'orders-api': owner.team is a placeholder ('TODO'), not a record; replace it with the owning team")
        .Expect(3, "PL3004", "Ledger entry 'orders-api': owner.approved_by is a placeholder ('TODO: who approved the exclusion'), not a record; replace it with who approved the exception")
        .Verify();

    /// <summary>The default pattern: TODO, TBD, FIXME as the value or its leading word, any case, and one
    /// <c>&lt;…&gt;</c>; in suppression rule records and <c>owner.applied_by</c> too. A long or multi-line value is
    /// quoted by its first line, cut at 60 characters; quotes and backslashes in it are escaped.</summary>
    [Test]
    public void Reports_TheDefaultPlaceholderForms_InEveryPersonsField() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason:
                  {|#0:summary|}: |
                    tbd - it's 'pending' a vendor fix that has not been scheduled by anyone yet
                    second line
                  {|#1:ticket|}: "  FIXME  "
                owner: { {|#2:team|}: <team>, approved_by: appsec, {|#3:applied_by|}: Todo. }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, {|#4:approved_by|}: "<security reviewer>" }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-api': reason.summary is a placeholder ('tbd - it\\'s \\'pending\\' a vendor fix that has not been schedule…'), not a record; replace it with why the risk is accepted")
        .Expect(1, "PL3004", "Ledger entry 'orders-api': reason.ticket is a placeholder ('FIXME'), not a record; replace it with the ticket that tracks the exception")
        .Expect(2, "PL3004", "Ledger entry 'orders-api': owner.team is a placeholder ('<team>'), not a record; replace it with the owning team")
        .Expect(3, "PL3004", "Ledger entry 'orders-api': owner.applied_by is a placeholder ('Todo.'), not a record; replace it with who applied it, or remove the field")
        .Expect(4, "PL3004", "Suppression rule record 'noisy-cve': owner.approved_by is a placeholder ('<security reviewer>'), not a record; replace it with who approved the exception")
        .Verify();

    /// <summary>The stand-ins people type when a field must not be empty (found by a new-user trial: each passed as a
    /// record before): not-applicable, to-be-confirmed, x's, and values of punctuation alone.</summary>
    [TestCase("n/a")]
    [TestCase("N/A ")]
    [TestCase("tbc")]
    [TestCase("T.B.D.")]
    [TestCase("t.b.c")]
    [TestCase("xxx")]
    [TestCase("XXXX - later")]
    [TestCase("-")]
    [TestCase("?")]
    [TestCase("...")]
    [TestCase("—")]
    [TestCase("??? ")]
    [TestCase("x")]
    [TestCase("n.a.")]
    [TestCase("pending")]
    [TestCase("WIP")]
    [TestCase("none")]
    [TestCase("Nobody")]
    [TestCase("someone")]
    [TestCase("unknown")]
    [TestCase("to do")]
    [TestCase("yes")]
    [TestCase("false")]
    [TestCase("ＴＯＤＯ")] // full-width, as an input method types it (third new-user trial: it passed)
    [TestCase("Ｎ／Ａ")]
    [TestCase("ｔｂｄ later")]
    [TestCase("N/A\u200B")] // a zero-width space after it
    [TestCase("[TODO]")] // in brackets or quotes (second new-user trial of 2026-12-07)
    [TestCase("(none)")]
    [TestCase("{TBD}")]
    [TestCase("TBA")] // more stand-ins (second new-user trial of 2026-12-07)
    [TestCase("NA")]
    [TestCase("nil")]
    [TestCase("to be decided")]
    [TestCase("T.O.D.O")]
    public void Reports_CommonStandIns(string value) => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger($$"""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason: { summary: Vendor library cannot be patched, ticket: SEC-1 }
                owner: { team: platform, {|#0:approved_by|}: "{{value}}" }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Expect(0, "PL3004", $"Ledger entry 'orders-api': owner.approved_by is a placeholder ('{value.Trim()}'), not a record; replace it with who approved the exception")
        .Verify();

    /// <summary>An entry dated in the future would stretch PL3006's window unseen (second new-user trial: 2029-12-01 to
    /// 2030-01-01 passed silently). Tomorrow is allowed: a person east of UTC writes their own date.</summary>
    [Test]
    public void Reports_AnAppliedAtAfterTomorrow_NotTomorrow() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason: { summary: Vendor library cannot be patched, ticket: SEC-1 }
                owner: { team: platform, approved_by: security-lead }
                dates: { {|#0:applied_at|}: 2029-12-01, expires_at: 2030-01-01 }
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library cannot be patched, ticket: SEC-2 }
                owner: { team: platform, approved_by: security-lead }
                dates: { applied_at: 2026-11-30, expires_at: 2027-01-30 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-api': applied_at 2029-12-01 is after the review day 2026-11-29; write the day the exclusion was applied")
        .Verify();

    /// <summary>Real values that resemble placeholders: a ticket in a project whose key is TODO, words that start
    /// with the letters, a placeholder word later in the text, angle brackets that are not the whole value.</summary>
    [Test]
    public void DoesNotReport_ValuesThatOnlyResembleAPlaceholder() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason:
                  summary: Vendor fix is TBD upstream; the parser is never called <see SEC-9>
                  ticket: TODO-123
                  compensating_controls: ["TODO: not a field PL3004 reads for placeholders"]
                owner: { team: todoist-integrations, approved_by: Tbdx Reviewer, applied_by: fixme_bot }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: "N/A-class findings only: the parser is never called", ticket: XXX-42 }
                owner: { team: na-platform, approved_by: "A. N. Approver", applied_by: "pending-approvals-bot" }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Verify();

    [Test]
    public void Reports_WhatAConfiguredPatternMatches_AndNoLongerTheDefaults() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithOption("PL3004.placeholder_pattern", @"^(n/a|xxx)$")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason: { summary: TODO, {|#0:ticket|}: N/A }
                owner: { team: platform, {|#1:approved_by|}: xxx }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-api': reason.ticket is a placeholder ('N/A'), not a record; replace it with the ticket that tracks the exception")
        .Expect(1, "PL3004", "Ledger entry 'orders-api': owner.approved_by is a placeholder ('xxx'), not a record; replace it with who approved the exception")
        .Verify();

    /// <summary>template + logical_id decide what an entry records; a function_name (or function_arn) beside them that
    /// is not that function's static name is reported at the name (third new-user trial: it passed silently). A name
    /// that agrees, or a function without a static name, is not.</summary>
    [Test]
    public void Reports_ANameThatIsNotTheFunctionOfTemplateAndLogicalId() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Reports:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-report }
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
              Unnamed:
                Type: AWS::Serverless::Function
            """)
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, {|#0:function_name|}: orders-report, template: template.yaml, logical_id: Worker }
                scan_type: standard
                reason: { summary: Vendor library cannot be patched, ticket: SEC-1 }
                owner: { team: platform, approved_by: security-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
              - target: { type: lambda, {|#1:function_arn|}: "arn:aws:lambda:eu-west-1:111122223333:function:orders-api", template: ./template.yaml, logical_id: Reports }
                scan_type: code
                reason: { summary: Vendor library cannot be patched, ticket: SEC-2 }
                owner: { team: platform, approved_by: security-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
              - target: { type: lambda, function_name: orders-report, template: template.yaml, logical_id: Reports }
                scan_type: standard
                reason: { summary: Vendor library cannot be patched, ticket: SEC-3 }
                owner: { team: platform, approved_by: security-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
              - target: { type: lambda, function_name: anything, template: template.yaml, logical_id: Unnamed }
                scan_type: standard
                reason: { summary: Vendor library cannot be patched, ticket: SEC-4 }
                owner: { team: platform, approved_by: security-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-report': function_name names 'orders-report', but template and logical_id record template.yaml Worker, named 'orders-worker'; the entry matches by template and logical_id: correct the name, or remove it")
        .Expect(1, "PL3004", "Ledger entry 'orders-api': function_arn names 'orders-api', but template and logical_id record template.yaml Reports, named 'orders-report'; the entry matches by template and logical_id: correct the name, or remove it")
        .Verify();

    [Test]
    public void DoesNotReport_AnEmptyLedger() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("version: 1\nexclusions:\n")
        .Verify();

    [Test]
    public void DoesNotReport_WithoutALedger() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
            """)
        .Verify();

    [Test]
    public void Reports_UnknownKeyAtTheTop() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            {|#0:exclusion|}: []
            """)
        .Expect(0, "PL3004", "Unknown key 'exclusion' in the ledger (expected one of: version, exclusions, suppressions)")
        .Verify();

    [Test]
    public void Reports_UnknownKeysAtEveryLevelOfAnEntry() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker, {|#0:region|}: eu-west-1 }
                scan_type: standard
                tag: { key: InspectorExclusion, value: LambdaStandardScanning, {|#1:note|}: x }
                reason: { summary: Vendor library, ticket: SEC-1, {|#2:link|}: "https://example.com" }
                owner: { team: orders, approved_by: appsec, {|#3:email|}: a@example.com }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01, {|#4:reviewed_at|}: 2026-06-01 }
                {|#5:comment|}: temporary
            """)
        .Expect(0, "PL3004", "Unknown key 'region' in target (expected one of: type, function_name, function_arn, template, logical_id)")
        .Expect(1, "PL3004", "Unknown key 'note' in tag (expected one of: key, value)")
        .Expect(2, "PL3004", "Unknown key 'link' in reason (expected one of: summary, ticket, compensating_controls)")
        .Expect(3, "PL3004", "Unknown key 'email' in owner (expected one of: team, approved_by, applied_by)")
        .Expect(4, "PL3004", "Unknown key 'reviewed_at' in dates (expected one of: applied_at, expires_at, next_review_at)")
        .Expect(5, "PL3004", "Unknown key 'comment' in a ledger entry (expected one of: target, scan_type, tag, reason, owner, dates, suppress)")
        .Verify();

    [Test]
    public void Reports_UnknownKeysOfASuppressionRuleRecord() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve, {|#0:function_name|}: orders-worker }
                {|#1:scan_type|}: standard
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-12-01 }
            """)
        .Expect(0, "PL3004", "Unknown key 'function_name' in target (expected one of: type, name, template, logical_id)")
        .Expect(1, "PL3004", "Unknown key 'scan_type' in a suppression rule record (expected one of: target, reason, owner, dates, suppress)")
        .Verify();

    [Test]
    public void Reports_UnknownVersion() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            {|#0:version|}: 2
            exclusions: []
            """)
        .Expect(0, "PL3004", "Unknown ledger version '2': this PolicyLint reads version 1")
        .Verify();

    [Test]
    public void DoesNotReport_QuotedVersion() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: "1"
            exclusions: []
            """)
        .Verify();

    [Test]
    public void Reports_MissingVersion_AtTheStartOfTheFile() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("{|#0:|}exclusions: []\n")
        .Expect(0, "PL3004", "The ledger has no 'version' (expected 'version: 1')")
        .Verify();

    [Test]
    public void Reports_ExclusionsThatAreNotAList() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            {|#0:exclusions|}:
              target: { type: lambda, function_name: orders-worker }
            {|#1:suppressions|}: none
            """)
        .Expect(0, "PL3004", "'exclusions' must be a list of entries")
        .Expect(1, "PL3004", "'suppressions' must be a list of entries")
        .Verify();

    [Test]
    public void Reports_AnItemThatIsNotAMapping() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - {|#0:orders-worker|}
            """)
        .Expect(0, "PL3004", "exclusions[0] must be a mapping with target, reason, owner and dates")
        .Verify();

    [Test]
    public void Reports_ALedgerThatIsNotAMapping() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            {|#0:|}- version: 1
            """)
        .Expect(0, "PL3004", "The ledger must be one YAML mapping with 'version' and 'exclusions'")
        .Verify();

    private static readonly string[] Sections =
    [
        "target: { type: lambda, function_name: orders-worker }",
        "scan_type: standard",
        "reason: { summary: Vendor library, ticket: SEC-1 }",
        "owner: { team: orders, approved_by: appsec }",
        "dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }",
    ];

    [TestCase(0, "Ledger entry 'exclusions[0]' has no 'target'")]
    [TestCase(1, "Ledger entry 'orders-worker' has no scan_type (standard or code)")]
    [TestCase(2, "Ledger entry 'orders-worker' has no 'reason'")]
    [TestCase(3, "Ledger entry 'orders-worker' has no 'owner'")]
    [TestCase(4, "Ledger entry 'orders-worker' has no 'dates'")]
    public void Reports_MissingSection_AtTheEntrysFirstKey(int missing, string message)
    {
        var lines = Sections.Where((_, i) => i != missing).ToList();
        var first = lines[0];
        var key = first[..first.IndexOf(':', StringComparison.Ordinal)];
        lines[0] = "{|#0:" + key + "|}" + first[key.Length..];
        RuleTest.For<InvalidLedgerEntryAnalyzer>()
            .WithLedger("version: 1\nexclusions:\n  - " + string.Join("\n    ", lines) + "\n")
            .Expect(0, "PL3004", message)
            .Verify();
    }

    [TestCase("target", "{ function_name: orders-worker }", "target.type")]
    [TestCase("tag", "{ key: InspectorExclusion }", "tag.value")]
    [TestCase("tag", "{ value: LambdaStandardScanning }", "tag.key")]
    [TestCase("reason", "{ ticket: SEC-1, compensating_controls: [] }", "reason.summary")]
    [TestCase("reason", "{ summary: Vendor library }", "reason.ticket")]
    [TestCase("owner", "{ approved_by: appsec, applied_by: ci-bot }", "owner.team")]
    [TestCase("owner", "{ team: orders }", "owner.approved_by")]
    [TestCase("dates", "{ expires_at: 2027-01-01 }", "dates.applied_at")]
    [TestCase("dates", "\n      applied_at: 2026-01-01\n      next_review_at: 2026-06-01", "dates.expires_at")]
    public void Reports_MissingRequiredField_AtItsParentKey(string section, string body, string path)
    {
        var lines = Sections.Where(s => !s.StartsWith(section + ":", StringComparison.Ordinal)).ToList();
        lines.Add("{|#0:" + section + "|}: " + body);
        RuleTest.For<InvalidLedgerEntryAnalyzer>()
            .WithLedger("version: 1\nexclusions:\n  - " + string.Join("\n    ", lines) + "\n")
            .Expect(0, "PL3004", $"Ledger entry 'orders-worker': {path} is missing")
            .Verify();
    }

    [Test]
    public void Reports_MissingTicket_AtTheReasonKey() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: hr-ticket }
                scan_type: standard
                {|#0:reason|}:
                  summary: Ticket number to be added after the review meeting
                  compensating_controls: [Function disabled outside office hours]
                owner: { team: hr, approved_by: appsec-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-02-15 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'hr-ticket': reason.ticket is missing")
        .Verify();

    [Test]
    public void Reports_EmptyValues() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason:
                  {|#0:summary|}:
                  {|#1:ticket|}: ""
                owner: { {|#2:team|}: "  ", {|#3:approved_by|}: '' }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-worker': reason.summary is empty")
        .Expect(1, "PL3004", "Ledger entry 'orders-worker': reason.ticket is empty")
        .Expect(2, "PL3004", "Ledger entry 'orders-worker': owner.team is empty")
        .Expect(3, "PL3004", "Ledger entry 'orders-worker': owner.approved_by is empty")
        .Verify();

    [Test]
    public void Reports_EmptyTargetType() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { {|#0:type|}: "", function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-worker': target.type is empty")
        .Verify();

    [Test]
    public void Reports_WrongTypes() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason:
                  {|#0:summary|}: [Vendor library, accepted]
                  ticket: SEC-1
                  {|#1:compensating_controls|}: WAF
                {|#2:owner|}: orders
                dates:
                  {|#3:applied_at|}: { day: 2026-01-01 }
                  expires_at: 2027-01-01
              - {|#4:target|}: [lambda, other-worker]
                scan_type: standard
                reason: { summary: Vendor library, {|#5:ticket|}: !secret Ticket }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-worker': reason.summary must be a single value, not a list")
        .Expect(1, "PL3004", "Ledger entry 'orders-worker': reason.compensating_controls must be a list of strings")
        .Expect(2, "PL3004", "Ledger entry 'orders-worker': 'owner' must be a mapping")
        .Expect(3, "PL3004", "Ledger entry 'orders-worker': dates.applied_at must be a single value, not a mapping")
        .Expect(4, "PL3004", "Ledger entry 'exclusions[1]': 'target' must be a mapping")
        .Expect(5, "PL3004", "Ledger entry 'exclusions[1]': reason.ticket has tag '!secret'; the ledger takes plain values")
        .Verify();

    [Test]
    public void Reports_BadScanType() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                {|#0:scan_type|}: Standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-worker': scan_type 'Stan…' (8 characters) is neither 'standard' nor 'code'")
        .Verify();

    [Test]
    public void Reports_BadTargetType() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { {|#0:type|}: function, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            suppressions:
              - target: { {|#1:type|}: lambda, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-12-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-worker': target.type 'func…' (8 characters) is not supported (ledger version 1 records 'lambda' functions)")
        .Expect(1, "PL3004", "Suppression rule record 'noisy-cve': target.type 'lamb…' (6 characters) is not supported (expected 'inspector_filter')")
        .Verify();

    [Test]
    public void Reports_TargetThatRecordsNoFunction_AtTheTargetKey() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - {|#0:target|}: { type: lambda }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            suppressions:
              - {|#1:target|}: { type: inspector_filter }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-12-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'exclusions[0]': target has neither function_name nor function_arn (nor template with logical_id), so it records no function")
        .Expect(1, "PL3004", "Suppression rule record 'suppressions[0]': target has neither name nor template with logical_id, so it records no filter")
        .Verify();

    [Test]
    public void Reports_TemplateWithoutLogicalId_AndTheReverse() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, {|#0:template|}: services/orders/template.yaml }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
              - target: { type: lambda, function_name: orders-api, {|#1:logical_id|}: Api }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            suppressions:
              - target: { type: inspector_filter, {|#2:logical_id|}: NoisyFilter }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-12-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'exclusions[0]': target.template needs target.logical_id as well")
        .Expect(1, "PL3004", "Ledger entry 'orders-api': target.logical_id needs target.template as well")
        .Expect(2, "PL3004", "Suppression rule record 'suppressions[0]': target.logical_id needs target.template as well")
        .Verify();

    [Test]
    public void Reports_MalformedFunctionArn() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker, {|#0:function_arn|}: "arn:aws:lambda:eu-west-1:1111:function:orders-worker" }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
              - target: { type: lambda, {|#1:function_arn|}: "arn:aws:s3:::orders-bucket" }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'orders-worker': function_arn 'arn:aws:lambda:eu-west-1:1111:function:orders-worker' is not a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>])")
        .Expect(1, "PL3004", "Ledger entry 'exclusions[1]': function_arn 'arn:aws:s3:::orders-bucket' is not a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>])")
        .Verify();

    [Test]
    public void Reports_ArnNamingAnotherFunction_AtFunctionArn() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target:
                  type: lambda
                  function_name: hr-arn
                  {|#0:function_arn|}: arn:aws:lambda:eu-west-1:111122223333:function:hr-arn-old
                scan_type: standard
                reason: { summary: Renamed function, ticket: SEC-3303 }
                owner: { team: hr, approved_by: appsec-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-02-15 }
              - target:
                  type: lambda
                  function_name: hr-alias
                  function_arn: arn:aws:lambda:eu-west-1:111122223333:function:hr-alias:live
                scan_type: standard
                reason: { summary: Qualified ARN, ticket: SEC-3304 }
                owner: { team: hr, approved_by: appsec-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-02-15 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'hr-arn': function_arn names function 'hr-arn-old', not function_name 'hr-arn'")
        .Verify();

    [Test]
    public void Reports_DateWithATimePartOrNotACalendarDate() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-mid }
                scan_type: standard
                reason: { summary: Forked library, ticket: SEC-2451 }
                owner: { team: archive, approved_by: appsec-lead }
                dates:
                  {|#0:applied_at|}: 2026-02-30
                  {|#1:expires_at|}: 2027-01-31T00:00:00Z
                  {|#2:next_review_at|}: 15/01/2027
            """)
        .Expect(0, "PL3004", "Ledger entry 'archive-mid': dates.applied_at '2026-02-30' is not a calendar date")
        .Expect(1, "PL3004", "Ledger entry 'archive-mid': dates.expires_at '2027…' (20 characters) is not a date of the form YYYY-MM-DD")
        .Expect(2, "PL3004", "Ledger entry 'archive-mid': dates.next_review_at '15/0…' (10 characters) is not a date of the form YYYY-MM-DD")
        .Verify();

    [Test]
    public void Reports_ExpiryNotAfterApplied_AtExpiresAt() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: same-day }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, {|#0:expires_at|}: 2026-10-01 }
              - target: { type: lambda, function_name: backwards }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: "2026-10-02", {|#1:expires_at|}: "2026-10-01" }
              - target: { type: lambda, function_name: next-day }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-3 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-10-02 }
            """)
        .Expect(0, "PL3004", "Ledger entry 'same-day': expires_at 2026-10-01 is not after applied_at 2026-10-01")
        .Expect(1, "PL3004", "Ledger entry 'backwards': expires_at 2026-10-01 is not after applied_at 2026-10-02")
        .Verify();

    [Test]
    public void Reports_ReviewAfterExpiry_AtNextReviewAt() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: hr-review-order }
                scan_type: standard
                reason: { summary: Review date typed after the expiry date, ticket: SEC-3304 }
                owner: { team: hr, approved_by: appsec-lead }
                dates: {applied_at: 2026-10-01, expires_at: 2027-02-15, {|#0:next_review_at|}: 2027-03-01}
              - target: { type: lambda, function_name: review-on-expiry }
                scan_type: standard
                reason: { summary: Review on the last day, ticket: SEC-3305 }
                owner: { team: hr, approved_by: appsec-lead }
                dates: {applied_at: 2026-10-01, expires_at: 2027-02-15, next_review_at: 2027-02-15}
            """)
        .Expect(0, "PL3004", "Ledger entry 'hr-review-order': next_review_at 2027-03-01 is after expires_at 2027-02-15")
        .Verify();

    [Test]
    public void Reports_DefectsOfASuppressionRuleRecord() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions: []
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                {|#0:reason|}: { summary: False positive }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-06-01, {|#1:expires_at|}: 2026-05-01, {|#2:next_review_at|}: 2026-12-01 }
            """)
        .Expect(0, "PL3004", "Suppression rule record 'noisy-cve': reason.ticket is missing")
        .Expect(1, "PL3004", "Suppression rule record 'noisy-cve': expires_at 2026-05-01 is not after applied_at 2026-06-01")
        .Expect(2, "PL3004", "Suppression rule record 'noisy-cve': next_review_at 2026-12-01 is after expires_at 2026-05-01")
        .Verify();

    [Test]
    public void DoesNotReport_TagThatDisagreesWithScanType() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: hr-code }
                scan_type: code
                tag: { key: InspectorCodeExclusion, value: LambdaStandardScanning }
                reason: { summary: Generated SOAP client, ticket: SEC-3301 }
                owner: { team: hr, approved_by: appsec-lead }
                dates: { applied_at: 2026-10-01, expires_at: 2027-02-15 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ExpiredEntry() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-old }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1900 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: 2020-01-01, expires_at: 2020-02-01 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 3
            exclusions:
              - target: { type: lambda, colour: blue }
                dates: { applied_at: 2026-01-01, expires_at: 2026-02-01{|PL0001:|}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerRepeatsAKey_OnlyInvalidInput() => RuleTest.For<InvalidLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                {|PL0001:scan_type|}: code
            """)
        .Verify();
}
