using NUnit.Framework;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.LedgerHygiene;

public sealed class ExpiringLedgerEntryAnalyzerTests
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
    public void Reports_EntryThatExpiresInElevenDays() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-new }
                scan_type: standard
                reason: { summary: New writer, ticket: SEC-2450 }
                owner: { team: archive, approved_by: appsec }
                dates:
                  applied_at: "2026-10-01"
                  {|#0:expires_at|}: "2026-12-10"
            """)
        .Expect(0, "PL3002", "Ledger entry 'archive-new' expires on 2026-12-10 (in 11 days); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_EntryThatExpiresToday() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, {|#0:expires_at|}: 2026-11-29"))
        .Expect(0, "PL3002", "Ledger entry 'orders-worker' expires on 2026-11-29 (today); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_EntryThatExpiresTomorrow() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, {|#0:expires_at|}: 2026-11-30"))
        .Expect(0, "PL3002", "Ledger entry 'orders-worker' expires on 2026-11-30 (in 1 day); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_OnTheLastDayOfTheWindow_NotTheDayAfter() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: last-day }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, {|#0:expires_at|}: 2026-12-13 }
              - target: { type: lambda, function_name: day-after }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-12-14 }
            """)
        .Expect(0, "PL3002", "Ledger entry 'last-day' expires on 2026-12-13 (in 14 days); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_AcrossTheEndOfTheYearAndALeapDay() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithToday("2028-02-20")
        .WithLedger(LedgerWith("applied_at: 2027-12-01, {|#0:expires_at|}: 2028-03-01"))
        .Expect(0, "PL3002", "Ledger entry 'orders-worker' expires on 2028-03-01 (in 10 days); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_QuotedAndUnquotedDatesAlike() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: unquoted }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, [|expires_at|]: 2026-12-01 }
              - target: { type: lambda, function_name: double-quoted }
                scan_type: code
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: "2026-10-01", [|expires_at|]: "2026-12-01" }
              - target: { type: lambda, function_name: single-quoted }
                scan_type: code
                reason: { summary: Vendor library, ticket: SEC-3 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: '2026-10-01', [|expires_at|]: '2026-12-01' }
            """)
        .Verify();

    [Test]
    public void Reports_EntriesNamedByArnOrByTemplateAndLogicalId() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_arn: "arn:aws:lambda:eu-west-1:111122223333:function:orders-worker" }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, {|#0:expires_at|}: 2026-12-01 }
              - target: { type: lambda, template: services/orders/template.yaml, logical_id: Worker }
                scan_type: code
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, {|#1:expires_at|}: 2026-12-01 }
            """)
        .Expect(0, "PL3002", "Ledger entry 'orders-worker' expires on 2026-12-01 (in 2 days); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Expect(1, "PL3002", "Ledger entry 'services/orders/template.yaml#Worker' expires on 2026-12-01 (in 2 days); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_SuppressionRuleRecord() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions: []
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive in the base image, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates:
                  applied_at: 2026-10-01
                  {|#0:expires_at|}: 2026-12-06
            """)
        .Expect(0, "PL3002", "Suppression rule record 'noisy-cve' expires on 2026-12-06 (in 7 days); review the exception before then, and extend expires_at or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_WithAWiderConfiguredWindow() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithOption("PL3002.expiring_within_days", "30")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: in-window }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, [|expires_at|]: 2026-12-29 }
              - target: { type: lambda, function_name: past-window }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-12-30 }
            """)
        .Verify();

    [Test]
    public void Reports_OnlyToday_WithAWindowOfZeroDays() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithOption("PL3002.expiring_within_days", "0")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: today }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, [|expires_at|]: 2026-11-29 }
              - target: { type: lambda, function_name: tomorrow }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-11-30 }
            """)
        .Verify();

    [Test]
    public void Reports_WithTheDefaultWindow_WhenTheConfiguredValueIsInvalid() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithOption("PL3002.expiring_within_days", "two weeks")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, [|expires_at|]: 2026-12-13"))
        .Verify();

    [Test]
    public void Reports_AtAnExplicitLedgerPath() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-10-01, [|expires_at|]: 2026-12-01"), "audit/ledger.yaml")
        .Verify();

    [Test]
    public void DoesNotReport_EntryThatExpiredYesterday() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, expires_at: 2026-11-28"))
        .Verify();

    [Test]
    public void DoesNotReport_EntryThatExpiresLater() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-10-15, expires_at: 2027-03-31, next_review_at: 2026-12-01"))
        .Verify();

    [Test]
    public void DoesNotReport_DatesThatAreNotCalendarDates() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: with-time }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-12-01T00:00:00Z }
              - target: { type: lambda, function_name: not-a-day }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-11-31 }
              - target: { type: lambda, function_name: missing }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-3 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WithoutALedger() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { Tags: { InspectorExclusion: LambdaStandardScanning } }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<ExpiringLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                dates: { applied_at: 2026-10-01, expires_at: 2026-12-01 }
              - {|PL0001:]|}
            """)
        .Verify();
}
