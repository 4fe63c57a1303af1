using NUnit.Framework;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

public sealed class MismatchedLedgerTagAnalyzerTests
{
    /// <summary>One ledger entry whose target flow mapping holds <paramref name="target"/>, with the <c>tag</c> line
    /// <paramref name="tag"/> (markup included; empty for none).</summary>
    private static string Entry(string target, string scanType, string tag, string scanTypeKey = "scan_type") =>
        $"  - target: {{ type: lambda, {target} }}\n" +
        $"    {scanTypeKey}: {scanType}\n" +
        (tag.Length == 0 ? string.Empty : $"    tag: {tag}\n") +
        "    reason: { summary: Vendor library, ticket: SEC-1 }\n" +
        "    owner: { team: orders, approved_by: appsec }\n" +
        "    dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }\n";

    private static string Ledger(params string[] entries) => "version: 1\nexclusions:\n" + string.Concat(entries);

    /// <summary>A SAM function 'Worker' deployed as 'orders-worker' with one map-shaped tag line.</summary>
    private static string Worker(string tag) => $"""
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-worker
              Tags:
                {tag}
        """;

    [Test]
    public void Reports_TagValueThatDisagreesWithScanTypeAndTheFunction_AsInCase043() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              CodeFunction:
                Type: AWS::Serverless::Function
                Properties: {FunctionName: hr-code, Handler: code.handler, Tags: {InspectorCodeExclusion: LambdaCodeScanning}}
            """)
        .WithLedger("""
            version: 1
            exclusions:
              - target:
                  type: lambda
                  function_name: hr-code
                  function_arn: arn:aws:lambda:eu-west-1:111122223333:function:hr-code
                scan_type: code
                tag:
                  key: InspectorCodeExclusion
                  {|#0:value|}: LambdaStandardScanning
                reason: { summary: Generated SOAP client trips code scanning, ticket: SEC-3301 }
                owner: {team: hr, approved_by: appsec-lead, applied_by: hr-oncall}
                dates: {applied_at: 2026-10-01, expires_at: 2027-02-15, next_review_at: 2027-01-15}
            """)
        .Expect(0, "PL1004", "Ledger entry 'hr-code': tag.value 'LambdaStandardScanning' disagrees with scan_type 'code' and with function 'CodeFunction' (deployed as 'hr-code'), which carries 'InspectorCodeExclusion: LambdaCodeScanning'; write tag.value 'LambdaCodeScanning'")
        .Verify();

    [Test]
    public void Reports_TagKeyThatDisagreesWithScanType_WithoutATemplate() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithLedger(Ledger(Entry("function_name: orders-worker", "code", "{ {|#0:key|}: InspectorExclusion, value: LambdaCodeScanning }")))
        .Expect(0, "PL1004", "Ledger entry 'orders-worker': tag.key 'InspectorExclusion' disagrees with scan_type 'code', whose exclusion tag is 'InspectorCodeExclusion: LambdaCodeScanning'; write tag.key 'InspectorCodeExclusion', or correct scan_type")
        .Verify();

    [Test]
    public void Reports_MisspeltTagKey() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorExclusion: LambdaStandardScanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "{ {|#0:key|}: \"InspectorExclusion \", value: LambdaStandardScanning }")))
        .Expect(0, "PL1004", "Ledger entry 'orders-worker': tag.key 'InspectorExclusion ' disagrees with scan_type 'standard' and with function 'Worker' (deployed as 'orders-worker'), which carries 'InspectorExclusion: LambdaStandardScanning'; write tag.key 'InspectorExclusion'")
        .Verify();

    [Test]
    public void Reports_WholeTagOfTheOtherScanType_AtTheKey() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, template: services/orders/template.yaml, logical_id: Worker }
                scan_type: standard
                tag:
                  {|#0:key|}: InspectorCodeExclusion
                  value: LambdaCodeScanning
                reason: { summary: Vendor library, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            """)
        .Expect(0, "PL1004", "Ledger entry 'services/orders/template.yaml#Worker': tag 'InspectorCodeExclusion: LambdaCodeScanning' disagrees with scan_type 'standard', whose exclusion tag is 'InspectorExclusion: LambdaStandardScanning'; write tag 'InspectorExclusion: LambdaStandardScanning', or correct scan_type")
        .Verify();

    [Test]
    public void Reports_WrongScanType_WhenTagAndFunctionAgree() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "{ {|#0:key|}: InspectorCodeExclusion, value: LambdaCodeScanning }")))
        .Expect(0, "PL1004", "Ledger entry 'orders-worker': tag 'InspectorCodeExclusion: LambdaCodeScanning' disagrees with scan_type 'standard' (whose tag is 'InspectorExclusion: LambdaStandardScanning'), and function 'Worker' (deployed as 'orders-worker') carries 'InspectorCodeExclusion: LambdaCodeScanning'; set scan_type to 'code'")
        .Verify();

    [Test]
    public void Reports_TagValueThatDisagreesWithBoth_WhenTheFunctionCarriesTheOtherTag() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "{ key: InspectorExclusion, {|#0:value|}: LambdaCodeScanning }")))
        .Expect(0, "PL1004", "Ledger entry 'orders-worker': tag.value 'LambdaCodeScanning' disagrees with scan_type 'standard' (whose tag is 'InspectorExclusion: LambdaStandardScanning'), and function 'Worker' (deployed as 'orders-worker') carries 'InspectorCodeExclusion: LambdaCodeScanning'; record its code scanning exclusion: scan_type 'code' and tag 'InspectorCodeExclusion: LambdaCodeScanning'")
        .Verify();

    [Test]
    public void Reports_ConsistentEntry_WhenTheFunctionCarriesOnlyTheOtherTag_AtTheTagKey() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "{ {|#0:key|}: InspectorExclusion, value: LambdaStandardScanning }")))
        .Expect(0, "PL1004", "Ledger entry 'orders-worker': scan_type 'standard' and tag 'InspectorExclusion: LambdaStandardScanning' disagree with function 'Worker' (deployed as 'orders-worker'), which carries 'InspectorCodeExclusion: LambdaCodeScanning' instead; record its code scanning exclusion (scan_type 'code')")
        .Verify();

    [Test]
    public void Reports_EntryWithoutTag_WhenTheFunctionCarriesOnlyTheOtherTag_AtScanType() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Tags:
                    - Key: InspectorExclusion
                      Value: LambdaStandardScanning
            """, "services/orders/template.yaml")
        .WithLedger(Ledger(Entry("template: services/orders/template.yaml, logical_id: Worker", "code", "", "{|#0:scan_type|}")))
        .Expect(0, "PL1004", "Ledger entry 'services/orders/template.yaml#Worker': scan_type 'code' disagrees with function 'Worker', which carries 'InspectorExclusion: LambdaStandardScanning' instead; record its standard scanning exclusion (scan_type 'standard')")
        .Verify();

    [Test]
    public void Reports_FunctionTagFromGlobals() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Tags: { InspectorCodeExclusion: LambdaCodeScanning }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker }
            """)
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "", "[|scan_type|]")))
        .Verify();

    [Test]
    public void Reports_FunctionTagInABranchOfIf_AndInAJsonTemplate() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            {
              "Parameters": { "Env": { "Type": "String", "Default": "dev" } },
              "Conditions": { "IsProd": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] } },
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {
                    "FunctionName": { "Fn::Sub": "${Env}-worker" },
                    "Tags": [{ "Fn::If": ["IsProd", { "Key": "InspectorCodeExclusion", "Value": "LambdaCodeScanning" }, { "Ref": "AWS::NoValue" }] }]
                  }
                }
              }
            }
            """, "template.json")
        .WithLedger(Ledger(Entry("function_name: dev-worker", "standard", "{ [|key|]: InspectorExclusion, value: LambdaStandardScanning }")))
        .Verify();

    [Test]
    public void DoesNotReport_ConsistentEntries() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("{ InspectorExclusion: LambdaStandardScanning, InspectorCodeExclusion: LambdaCodeScanning }"))
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "standard", "{ key: InspectorExclusion, value: LambdaStandardScanning }"),
            Entry("function_name: orders-worker", "code", "{ key: InspectorCodeExclusion, value: \"LambdaCodeScanning\" }"),
            Entry("function_name: orders-retired", "code", "{ key: InspectorCodeExclusion, value: LambdaCodeScanning }"),
            Entry("function_name: orders-api", "standard", "")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionCarriesBothTags() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
                    InspectorCodeExclusion: LambdaCodeScanning
            """)
        .WithLedger(Ledger(Entry("function_name: orders-worker", "code", "")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenAnotherEntryRecordsTheFunctionsOtherTag() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "standard", ""),
            Entry("function_name: orders-worker", "code", "")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionHasNoExclusionTag_WhichIsPL1002() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("inspectorcodeexclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "{ key: InspectorExclusion, value: LambdaStandardScanning }")))
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheFunctionsTagsCannotBeResolved() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            Parameters:
              Exclusion: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: orders-worker
                  Tags:
                    InspectorExclusion: !Ref Exclusion
                    InspectorCodeExclusion: LambdaCodeScanning
            """)
        .WithLedger(Ledger(Entry("function_name: orders-worker", "standard", "")))
        .Verify();

    [Test]
    public void DoesNotReport_WhatPL3004Reports() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger(Ledger(
            Entry("function_name: orders-worker", "both", "{ key: InspectorExclusion, value: LambdaCodeScanning }"),
            Entry("function_name: orders-worker", "", "{ key: InspectorExclusion, value: LambdaCodeScanning }"),
            Entry("function_name: orders-api", "standard", "{ key: InspectorExclusion, value: \"\" }"),
            Entry("function_name: orders-api", "standard", "{ value: LambdaStandardScanning }"),
            Entry("function_name: orders-api", "standard", "InspectorExclusion")))
        .Verify();

    [Test]
    public void DoesNotReport_FunctionDisagreement_ForATargetTemplateThatCannotBeAnalyzed() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Tags: { InspectorCodeExclusion: LambdaCodeScanning
              {|PL0001:O|}ther:
                Type: AWS::SQS::Queue
            """)
        .WithLedger(Ledger(
            Entry("template: template.yaml, logical_id: Worker", "standard", ""),
            Entry("template: template.yaml, logical_id: Worker", "standard", "{ key: InspectorExclusion, [|value|]: LambdaCodeScanning }")))
        .Verify();

    [Test]
    public void DoesNotReport_SuppressionRuleRecords() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithLedger("""
            version: 1
            suppressions:
              - target: { type: inspector_filter, name: noisy-cve }
                reason: { summary: False positive, ticket: SEC-7 }
                owner: { team: platform, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            """)
        .Verify();

    [Test]
    public void DoesNotReport_WhenTheLedgerHasASyntaxError() => RuleTest.For<MismatchedLedgerTagAnalyzer>()
        .WithTemplate(Worker("InspectorCodeExclusion: LambdaCodeScanning"))
        .WithLedger("""
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-worker }
                scan_type: standard
                tag: { key: InspectorCodeExclusion, value: LambdaCodeScanning }
              - {|PL0001:]|}
            """)
        .Verify();
}
