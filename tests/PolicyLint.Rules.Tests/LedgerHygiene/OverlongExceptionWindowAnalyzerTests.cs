using NUnit.Framework;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.LedgerHygiene;

public sealed class OverlongExceptionWindowAnalyzerTests
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
    public void Reports_WindowOfOneYear() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-10-15, {|#0:expires_at|}: 2027-10-15"))
        .Expect(0, "PL3006", "Ledger entry 'orders-worker' is granted for 365 days (applied_at 2026-10-15 to expires_at 2027-10-15), longer than the maximum of 180 days; shorten it and renew it after a review")
        .Verify();

    [Test]
    public void Reports_181Days_NotExactly180() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: archive-old }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1900 }
                owner: { team: archive, approved_by: appsec }
                dates:
                  applied_at: 2026-06-01
                  expires_at: 2026-11-28
              - target: { type: lambda, function_name: archive-long }
                scan_type: standard
                reason: { summary: Legacy reader, ticket: SEC-1901 }
                owner: { team: archive, approved_by: appsec }
                dates:
                  applied_at: 2026-10-01
                  {|#0:expires_at|}: 2027-03-31
            """)
        .Expect(0, "PL3006", "Ledger entry 'archive-long' is granted for 181 days (applied_at 2026-10-01 to expires_at 2027-03-31), longer than the maximum of 180 days; shorten it and renew it after a review")
        .Verify();

    [Test]
    public void Reports_AcrossALeapDay() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2027-09-01, {|#0:expires_at|}: 2028-02-29"))
        .Expect(0, "PL3006", "Ledger entry 'orders-worker' is granted for 181 days (applied_at 2027-09-01 to expires_at 2028-02-29), longer than the maximum of 180 days; shorten it and renew it after a review")
        .Verify();

    [Test]
    public void Reports_QuotedDates_AndExpiredEntries() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger(LedgerWith("applied_at: \"2025-01-01\", [|expires_at|]: '2026-01-01'"))
        .Verify();

    [Test]
    public void Reports_SuppressionRuleRecord() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions: []
            suppressions:
              - target: { type: inspector_filter, template: security/filters.yaml, logical_id: NoisyCve }
                reason: { summary: False positive in the base image, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-11-01, {|#0:expires_at|}: 2027-11-01 }
            """)
        .Expect(0, "PL3006", "Suppression rule record 'security/filters.yaml#NoisyCve' is granted for 365 days (applied_at 2026-11-01 to expires_at 2027-11-01), longer than the maximum of 180 days; shorten it and renew it after a review")
        .Verify();

    [Test]
    public void Reports_WithAShorterConfiguredMaximum() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithOption("PL3006.max_window_days", "90")
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: ninety }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2026-12-30 }
              - target: { type: lambda, function_name: ninety-one }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, {|#0:expires_at|}: 2026-12-31 }
            """)
        .Expect(0, "PL3006", "Ledger entry 'ninety-one' is granted for 91 days (applied_at 2026-10-01 to expires_at 2026-12-31), longer than the maximum of 90 days; shorten it and renew it after a review")
        .Verify();

    [Test]
    public void Reports_WithTheDefaultMaximum_WhenTheConfiguredValueIsInvalid() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithOption("PL3006.max_window_days", "0")
        .WithLedger(LedgerWith("applied_at: 2026-10-01, [|expires_at|]: 2027-03-31"))
        .Verify();

    [Test]
    public void DoesNotReport_Exactly180Days() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2026-06-01, expires_at: 2026-11-28"))
        .Verify();

    [Test]
    public void DoesNotReport_WithALongerConfiguredMaximum() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithOption("PL3006.max_window_days", "365")
        .WithLedger(LedgerWith("applied_at: 2026-10-15, expires_at: 2027-10-15"))
        .Verify();

    [Test]
    public void DoesNotReport_DatesOutOfOrder_WhichArePL3004() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger(LedgerWith("applied_at: 2027-10-15, expires_at: 2026-01-15"))
        .Verify();

    [Test]
    public void DoesNotReport_WhenADateIsMissingOrNotACalendarDate() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: no-applied }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { expires_at: 2028-01-01 }
              - target: { type: lambda, function_name: with-time }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-01T00:00:00Z, expires_at: 2028-01-01 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<OverlongExceptionWindowAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                dates: { applied_at: 2025-01-01, expires_at: 2027-02-01 }
              - {|PL0001:]|}
            """)
        .Verify();
}
