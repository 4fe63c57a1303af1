using NUnit.Framework;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Testing;
using static PolicyLint.Rules.Tests.DeployedState.DeployedExports;

namespace PolicyLint.Rules.Tests.DeployedState;

public sealed class LiveExpiredExclusionAnalyzerTests
{
    [Test]
    public void Reports_ExpiredEntryWhoseExclusionIsStillDeployed_AtExpiresAt() => RuleTest.For<LiveExpiredExclusionAnalyzer>()
        .WithExport("deployed/tags.json", Tagging((Arn("orders-api"), Tag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-05-01, {|#0:expires_at|}: 2026-10-31 }
            """)
        .Expect(0, "PL7004", $"Ledger entry 'orders-api' expired on 2026-10-31 (29 days ago), but {Arn("orders-api")} is still excluded from standard scanning; remove the tag from the deployed function or renew the entry")
        .Verify();

    [Test]
    public void ExpiredEntry_WhoseExclusionIsGone_OrNotYetExpired_IsNotReported() => RuleTest.For<LiveExpiredExclusionAnalyzer>()
        .WithExport("deployed/tags.json", Tagging(
            (Arn("orders-api"), Tag("team", "orders")),
            (Arn("billing"), Tag("InspectorExclusion", "LambdaStandardScanning"))))
        .WithLedger(Ledger(
            Entry("function_name: orders-api", expires: "2026-10-31"),
            Entry("function_name: billing", expires: "2026-11-29")))
        .Verify();
}
