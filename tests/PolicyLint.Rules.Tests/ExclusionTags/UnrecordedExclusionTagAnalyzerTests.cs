using NUnit.Framework;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

public sealed class UnrecordedExclusionTagAnalyzerTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    [Test]
    public void Reports_TagWithoutLedgerEntry() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    {|#0:InspectorExclusion|}: LambdaStandardScanning
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Worker' (deployed as 'orders-worker') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Reports_TagInheritedFromGlobals_AtLogicalId() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags:
                  {|#1:InspectorCodeExclusion|}: LambdaCodeScanning
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void DoesNotReport_WhenLedgerRecordsTheFunction() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: !Sub "${Team}-worker"
                  Tags:
                    - Key: InspectorExclusion
                      Value: LambdaStandardScanning
            Parameters:
              Team: { Type: String, Default: orders }
            """)
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
            """)
        .Verify();
}
