using NUnit.Framework;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.LedgerHygiene;

public sealed class ExpiredLedgerEntryAnalyzerTests
{
    [Test]
    public void Reports_EntryThatExpiredYesterday() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-old }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1900 }
                owner: { team: archive, approved_by: appsec }
                dates:
                  applied_at: 2026-06-01
                  {|#0:expires_at|}: 2026-11-28
            """)
        .Expect(0, "PL3001", "Ledger entry 'archive-old' expired on 2026-11-28 (1 day ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_EntryThatExpiredLongAgo() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithToday("2026-03-01")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-old }
                scan_type: code
                reason: { summary: Legacy reader, ticket: SEC-1900 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: 2025-10-01, {|#0:expires_at|}: 2026-01-31 }
            """)
        .Expect(0, "PL3001", "Ledger entry 'archive-old' expired on 2026-01-31 (29 days ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_AcrossALeapDay() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithToday("2028-03-01")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-old }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1900 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: 2027-10-01, {|#0:expires_at|}: 2028-02-28 }
            """)
        .Expect(0, "PL3001", "Ledger entry 'archive-old' expired on 2028-02-28 (2 days ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Verify();

    [Test]
    public void DoesNotReport_EntryThatExpiresToday() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-old }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1900 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: 2026-11-29 }
              - target: { type: lambda, function_name: archive-new }
                scan_type: standard
                reason: { summary: New writer, ticket: SEC-1901 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: 2026-06-01, expires_at: "2026-11-30" }
            """)
        .Verify();

    [Test]
    public void Reports_QuotedAndUnquotedDatesAlike() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithToday("2026-11-29")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: unquoted }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: 2026-06-01, {|#0:expires_at|}: 2026-11-28 }
              - target: { type: lambda, function_name: double-quoted }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-2 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: "2026-06-01", {|#1:expires_at|}: "2026-11-28" }
              - target: { type: lambda, function_name: single-quoted }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-3 }
                owner: { team: archive, approved_by: appsec }
                dates: { applied_at: '2026-06-01', {|#2:expires_at|}: '2026-11-28' }
            """)
        .Expect(0, "PL3001", "Ledger entry 'unquoted' expired on 2026-11-28 (1 day ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Expect(1, "PL3001", "Ledger entry 'double-quoted' expired on 2026-11-28 (1 day ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Expect(2, "PL3001", "Ledger entry 'single-quoted' expired on 2026-11-28 (1 day ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_EntriesNamedByArnOrByTemplateAndLogicalId() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_arn: "arn:aws:lambda:eu-west-1:111122223333:function:orders-worker:live" }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, {|#0:expires_at|}: 2026-02-01 }
              - target: { type: lambda, template: services/orders/template.yaml, logical_id: Worker }
                scan_type: code
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, {|#1:expires_at|}: 2026-02-01 }
              - target: { type: lambda }
                scan_type: code
                reason: { summary: Vendor library, ticket: SEC-3 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, {|#2:expires_at|}: 2026-02-01 }
            """)
        .Expect(0, "PL3001", "Ledger entry 'orders-worker' expired on 2026-02-01 (301 days ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Expect(1, "PL3001", "Ledger entry 'services/orders/template.yaml#Worker' expired on 2026-02-01 (301 days ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Expect(2, "PL3001", "Ledger entry 'exclusions[2]' expired on 2026-02-01 (301 days ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_SuppressionRuleRecord() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions: []
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive in the base image, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates:
                  applied_at: 2026-06-01
                  {|#0:expires_at|}: 2026-11-01
            """)
        .Expect(0, "PL3001", "Suppression rule record 'noisy-cve' expired on 2026-11-01 (28 days ago); review the exception and extend expires_at, or end it and remove the exclusion")
        .Verify();

    [Test]
    public void Reports_EntryWhoseFunctionHasNoTag() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, [|expires_at|]: 2026-11-01 }
            """)
        .Verify();

    [Test]
    public void Reports_AtAnExplicitLedgerPath() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, [|expires_at|]: 2026-11-01 }
            """, "audit/ledger.yaml")
        .Verify();

    [Test]
    public void DoesNotReport_DatesThatAreNotCalendarDates() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: with-time }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2025-01-01, expires_at: 2026-01-31T00:00:00Z }
              - target: { type: lambda, function_name: not-a-day }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2025-01-01, expires_at: 2026-02-30 }
              - target: { type: lambda, function_name: missing }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-3 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2025-01-01 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ReviewDateInThePast() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01, expires_at: 2027-01-01, next_review_at: 2026-02-01 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WithoutALedger() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { Tags: { InspectorExclusion: LambdaStandardScanning } }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<ExpiredLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                dates: { applied_at: 2026-01-01, expires_at: 2026-02-01 }
              - {|PL0001:]|}
            """)
        .Verify();
}
