using NUnit.Framework;
using PolicyLint.Rules.DeployedState;
using PolicyLint.Testing;
using static PolicyLint.Rules.Tests.DeployedState.DeployedExports;

namespace PolicyLint.Rules.Tests.DeployedState;

public sealed class UnscannedDeployedFunctionAnalyzerTests
{
    private static string Marked(string arn, string scanType, string reason) =>
        Coverage(arn, scanType, "INACTIVE", reason).Replace($"\"{reason}\"", $"{{|#0:\"{reason}\"|}}");

    [TestCase("UNSUPPORTED_RUNTIME", "PACKAGE", "standard", "Inspector does not support the function's runtime; move to a supported runtime")]
    [TestCase("SCAN_ELIGIBILITY_EXPIRED", "PACKAGE", "standard", "the function was not invoked or updated within the scan eligibility period (90 days by default), so Inspector stopped scanning it; update it, or remove it if unused")]
    [TestCase("ACCESS_DENIED_TO_ENCRYPTION_KEY", "CODE", "code", "the KMS key policy does not let Inspector use the customer managed key that encrypts the function; grant Inspector access in the key policy")]
    [TestCase("SOMETHING_NEW", "CODE", "code", "see the Inspector coverage page for this reason")]
    public void Reports_InactiveCoverage_WithTheReason(string reason, string scanType, string name, string meaning) => RuleTest.For<UnscannedDeployedFunctionAnalyzer>()
        .WithExport("deployed/coverage.json", CoveragePage(Marked(Arn("reports"), scanType, reason)))
        .Expect(0, "PL7005", $"Amazon Inspector does not scan deployed function reports ({Arn("reports")}) ({name} scanning): coverage reason {reason} in deployed/coverage.json: {meaning}")
        .Verify();

    [Test]
    public void KeyDenied_NamesTheKeyListFunctionsGives() => RuleTest.For<UnscannedDeployedFunctionAnalyzer>()
        .WithExport("deployed/coverage.json", CoveragePage(Marked(Arn("reports"), "PACKAGE", "ACCESS_DENIED_TO_ENCRYPTION_KEY")))
        .WithExport("deployed/functions.json", $$"""{"Functions": [{"FunctionName": "reports", "FunctionArn": "{{Arn("reports")}}", "KMSKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/k1"}]}""")
        .Expect(0, "PL7005", $"Amazon Inspector does not scan deployed function reports ({Arn("reports")}) (standard scanning): coverage reason ACCESS_DENIED_TO_ENCRYPTION_KEY in deployed/coverage.json: " +
            "the KMS key policy does not let Inspector use the customer managed key that encrypts the function; grant Inspector access in the key policy (KMSKeyArn arn:aws:kms:eu-west-1:111122223333:key/k1)")
        .Verify();

    [Test]
    public void ActiveCoverage_AndExclusionByTag_AreNotReported() => RuleTest.For<UnscannedDeployedFunctionAnalyzer>()
        .WithExport("deployed/coverage.json", CoveragePage(
            Coverage(Arn("a"), "PACKAGE", "ACTIVE", "SUCCESSFUL"),
            Coverage(Arn("a"), "CODE", "ACTIVE", "PENDING_INITIAL_SCAN"),
            Coverage(Arn("b"), "PACKAGE", "INACTIVE", "EXCLUDED_BY_TAG")))
        .Verify();
}
