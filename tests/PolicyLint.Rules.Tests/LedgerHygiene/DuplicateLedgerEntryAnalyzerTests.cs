using NUnit.Framework;
using PolicyLint.Rules.LedgerHygiene;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.LedgerHygiene;

public sealed class DuplicateLedgerEntryAnalyzerTests
{
    /// <summary>One ledger entry (5 lines) whose target flow mapping holds <paramref name="target"/>; <paramref name="key"/>
    /// is the <c>target</c> key as written, markup included.</summary>
    private static string Entry(string target, string scanType = "standard", string key = "target") =>
        $"  - {key}: {{ type: lambda, {target} }}\n" +
        $"    scan_type: {scanType}\n" +
        "    reason: { summary: Vendor library, ticket: SEC-1 }\n" +
        "    owner: { team: orders, approved_by: appsec }\n" +
        "    dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }\n";

    private static string Ledger(params string[] entries) => "version: 1\nexclusions:\n" + string.Concat(entries);

    [Test]
    public void Reports_SecondEntryForTheSameName_WithTheFirstAsRelatedLocation() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - {|#1:target|}:
                  type: lambda
                  function_name: orders-worker
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
              - {|#0:target|}:
                  type: lambda
                  function_name: orders-worker
                scan_type: standard
                reason: { summary: Same library, other ticket, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-11-01, expires_at: 2027-02-28 }
            """)
        .Expect(0, "PL3005", "Ledger entry 'orders-worker' duplicates the entry at line 3 ('orders-worker'): both record the standard scanning exclusion of function 'orders-worker'; keep one entry per function and scan type")
        .ExpectRelated(0, 1, "The first entry for function 'orders-worker'")
        .Verify();

    [Test]
    public void Reports_EveryLaterEntry_AgainstTheFirst() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "code"),
            Entry("function_name: orders-api", "code"),
            Entry("function_name: orders-worker", "code", "{|#0:target|}"),
            Entry("function_name: orders-worker", "code", "{|#1:target|}")))
        .Expect(0, "PL3005", "Ledger entry 'orders-worker' duplicates the entry at line 3 ('orders-worker'): both record the code scanning exclusion of function 'orders-worker'; keep one entry per function and scan type")
        .Expect(1, "PL3005", "Ledger entry 'orders-worker' duplicates the entry at line 3 ('orders-worker'): both record the code scanning exclusion of function 'orders-worker'; keep one entry per function and scan type")
        .Verify();

    [Test]
    public void Reports_NameAndArnOfTheSameFunction() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger(Ledger(
            Entry("function_name: orders-worker"),
            Entry("function_arn: \"arn:aws:lambda:eu-west-1:111122223333:function:orders-worker:live\"", key: "{|#0:target|}")))
        .Expect(0, "PL3005", "Ledger entry 'orders-worker' duplicates the entry at line 3 ('orders-worker'): both record the standard scanning exclusion of function 'orders-worker'; keep one entry per function and scan type")
        .Verify();

    [Test]
    public void Reports_SameTemplateAndLogicalId_WrittenDifferently() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger(Ledger(
            Entry("template: services/orders/template.yaml, logical_id: Worker"),
            Entry("template: ./services/orders/template.yaml, logical_id: Worker, function_name: orders-worker", key: "{|#0:target|}")))
        .Expect(0, "PL3005", "Ledger entry 'orders-worker' duplicates the entry at line 3 ('services/orders/template.yaml#Worker'): both record the standard scanning exclusion of template 'services/orders/template.yaml' logical ID 'Worker'; keep one entry per function and scan type")
        .Verify();

    [Test]
    public void Reports_ByNameAndByTemplateEntriesThatMatchOneAnalyzedFunction() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "${Team}-worker"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            Parameters:
              Team: { Type: String, Default: orders }
            """, "services/orders/template.yaml")
        .WithLedger(Ledger(
            Entry("template: services/orders/template.yaml, logical_id: Worker", key: "{|#1:target|}"),
            Entry("function_name: orders-worker", key: "{|#0:target|}")))
        .Expect(0, "PL3005", "Ledger entry 'orders-worker' duplicates the entry at line 3 ('services/orders/template.yaml#Worker'): both record the standard scanning exclusion of function 'Worker' (deployed as 'orders-worker') in 'services/orders/template.yaml'; keep one entry per function and scan type")
        .ExpectRelated(0, 1, "The first entry for function 'Worker' (deployed as 'orders-worker') in 'services/orders/template.yaml'")
        .Verify();

    [Test]
    public void Reports_FunctionMatchedByNameInAJsonTemplate() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": { "FunctionName": "orders-worker" }
                }
              }
            }
            """, "template.json")
        .WithLedger(Ledger(
            Entry("function_arn: \"arn:aws:lambda:eu-west-1:111122223333:function:orders-worker\"", "code"),
            Entry("template: template.json, logical_id: Worker", "code", "{|#0:target|}")))
        .Expect(0, "PL3005", "Ledger entry 'template.json#Worker' duplicates the entry at line 3 ('orders-worker'): both record the code scanning exclusion of function 'Worker' (deployed as 'orders-worker') in 'template.json'; keep one entry per function and scan type")
        .Verify();

    [Test]
    public void Reports_ExpiredDuplicates_Too() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-01-15, expires_at: 2026-06-30 }
              - [|target|]: { type: lambda, function_name: orders-worker }
                scan_type: standard
                reason: { summary: Vendor library renewed, ticket: SEC-2 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-07-01, expires_at: 2026-12-31 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_OneEntryPerScanTypeOfAFunction() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "standard"),
            Entry("function_name: orders-worker", "code")))
        .Verify();

    [Test]
    public void DoesNotReport_DifferentFunctions() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger(Ledger(
            Entry("function_name: orders-worker"),
            Entry("function_name: Orders-Worker"),
            Entry("template: a/template.yaml, logical_id: Worker"),
            Entry("template: b/template.yaml, logical_id: Worker"),
            Entry("template: a/template.yaml, logical_id: Api")))
        .Verify();

    [Test]
    public void DoesNotReport_ByNameAndByTemplateEntriesForDifferentFunctions() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-api
            """)
        .WithLedger(Ledger(
            Entry("template: template.yaml, logical_id: Api"),
            Entry("function_name: orders-worker")))
        .Verify();

    [Test]
    public void DoesNotReport_EntriesWithoutAUsableScanTypeOrTarget() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "both"),
            Entry("function_name: orders-worker", "both"),
            Entry("template: template.yaml"),
            Entry("template: template.yaml")))
        .Verify();

    [Test]
    public void DoesNotReport_SuppressionRuleRecords() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: noisy-cve }
                scan_type: standard
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-8 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<DuplicateLedgerEntryAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
              - {|PL0001:]|}
            """)
        .Verify();
}
