using NUnit.Framework;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.LedgerHygiene;

public sealed class OverdueLedgerReviewAnalyzerTests
{
    /// <summary>A ledger with one entry for <paramref name="name"/> whose dates mapping body is <paramref name="dates"/>.</summary>
    private static string LedgerWith(string dates, string name = "orders-worker") => $$"""
        version: 1
        exclusions:
          - target: { type: lambda, function_name: {{name}} }
            scan_type: standard
            reason: { summary: Vendor library, ticket: SEC-1 }
            owner: { team: orders, approved_by: appsec }
            dates: { {{dates}} }
        """;

    [Test]
    public void Reports_ReviewDateInThePast() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger("""
            version: 1
            exclusions:
              - target:
                  type: lambda
                  function_name: hr-overdue
                scan_type: standard
                reason: { summary: Review meeting was skipped, ticket: SEC-3305 }
                owner: { team: hr, approved_by: appsec-lead }
                dates: {applied_at: 2026-10-01, expires_at: 2027-02-15, {|#0:next_review_at|}: 2026-11-01}
            """)
        .Expect(0, "PL3003", "Ledger entry 'hr-overdue' was due for review on 2026-11-01 (28 days ago); review the exception with its approver and set a new next_review_at")
        .Verify();

    [Test]
    public void Reports_ReviewDueYesterday() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, expires_at: 2027-02-15, {|#0:next_review_at|}: '2026-11-28'"))
        .Expect(0, "PL3003", "Ledger entry 'orders-worker' was due for review on 2026-11-28 (1 day ago); review the exception with its approver and set a new next_review_at")
        .Verify();

    [Test]
    public void Reports_BlockStyleDates_AtTheKey() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, template: services/orders/template.yaml, logical_id: Worker }
                scan_type: code
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates:
                  applied_at: 2026-06-01
                  expires_at: 2026-12-31
                  {|#0:next_review_at|}: "2026-09-01"
            """)
        .Expect(0, "PL3003", "Ledger entry 'services/orders/template.yaml#Worker' was due for review on 2026-09-01 (89 days ago); review the exception with its approver and set a new next_review_at")
        .Verify();

    [Test]
    public void Reports_SuppressionRuleRecord() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger("""
            version: 1
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive in the base image, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2027-03-01, {|#0:next_review_at|}: 2026-11-15 }
            """)
        .Expect(0, "PL3003", "Suppression rule record 'noisy-cve' was due for review on 2026-11-15 (14 days ago); review the exception with its approver and set a new next_review_at")
        .Verify();

    [Test]
    public void Reports_ReviewLongPast_WhileTheEntryIsValid() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-01-01, expires_at: 2026-12-31, [|next_review_at|]: 2026-01-02"))
        .Verify();

    [Test]
    public void DoesNotReport_ReviewDueToday() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, expires_at: 2027-02-15, next_review_at: 2026-11-29"))
        .Verify();

    [Test]
    public void DoesNotReport_ReviewInTheFuture() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger(LedgerWith("applied_at: \"2026-10-01\", expires_at: \"2026-12-10\", next_review_at: \"2026-12-01\""))
        .Verify();

    [Test]
    public void DoesNotReport_WithoutAReviewDate() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-06-01, expires_at: 2026-11-28"))
        .Verify();

    [Test]
    public void DoesNotReport_ExpiredEntry_WhichIsPL3001() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-06-01, expires_at: 2026-11-28, next_review_at: 2026-10-01"))
        .Verify();

    [Test]
    public void DoesNotReport_ReviewDateInTheFutureButAfterExpiry() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-10-01, expires_at: 2027-02-15, next_review_at: 2027-03-01"))
        .Verify();

    [Test]
    public void DoesNotReport_ReviewDateThatIsNotACalendarDate() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-10-01, expires_at: 2027-02-15, next_review_at: 2026-11-01T09:00:00Z"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<OverdueLedgerReviewAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                dates: { applied_at: 2026-01-01, expires_at: 2027-02-01, next_review_at: 2026-02-01 }
              - {|PL0001:]|}
            """)
        .Verify();
}
