using NUnit.Framework;
using PolicyLint.Rules.ExclusionTags;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ExclusionTags;

/// <summary>
/// Exclusion tags on nested stacks (issue 12, item 6): an <c>AWS::CloudFormation::Stack</c> or
/// <c>AWS::Serverless::Application</c> propagates its tags to the child stack's functions. A child template in the
/// repository gets PL1001/PL1005 at its functions; one that is not gets PL1006 at the stack.
/// </summary>
public sealed class NestedStackExclusionTagTests
{
    private const string EmptyLedger = "version: 1\nexclusions: []\n";

    /// <summary>An orders service whose reporting part is a nested SAM application with its own template.</summary>
    private const string OrdersParent = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Description: Orders service; reporting is deployed as a nested application
        Resources:
          Api:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-api
              Handler: api.handler
              Runtime: python3.12
              CodeUri: src/api/
          Reporting:
            Type: AWS::Serverless::Application
            Properties:
              Location: reporting/template.yaml
              Parameters:
                Stage: prod
              Tags:
                team: orders
                {|#1:InspectorExclusion|}: LambdaStandardScanning
        """;

    private const string ReportingChild = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage:
            Type: String
            Default: dev
        Resources:
          {|#0:PdfRenderer|}:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-pdf-renderer
              Handler: render.handler
              Runtime: python3.12
              CodeUri: src/render/
          {|#2:Exporter|}:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub orders-export-${Stage}
              Handler: export.handler
              Runtime: python3.12
              CodeUri: src/export/
        """;

    private static string LedgerWith(string target) => $$"""
        version: 1
        exclusions:
          - target: { type: lambda, {{target}} }
            scan_type: standard
            reason: { summary: Vendored PDF library with a CVE in a parser that is never called, ticket: SEC-311 }
            owner: { team: orders, approved_by: appsec }
            dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
        """;

    [Test]
    public void Pl1001_AtTheChildFunction_NamingTheParentStack() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(OrdersParent)
        .WithFile("reporting/template.yaml", ReportingChild)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'PdfRenderer' (deployed as 'orders-pdf-renderer') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'Reporting' in template.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set on nested stack 'Reporting' in template.yaml, which propagates it to the resources of its child stack")
        // Child parameters keep their defaults (Stage: dev), not the value the parent passes (prod).
        .Expect(2, "PL1001", "Function 'Exporter' (deployed as 'orders-export-dev') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'Reporting' in template.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Pl1001_AtTheChildFunction_WhenTheParentsTagValueIsOneOfAParametersAllowedValues() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(OrdersParent
            .Replace("Resources:\n", "Parameters:\n  ScanMode: { Type: String, AllowedValues: [none, LambdaStandardScanning] }\nResources:\n", StringComparison.Ordinal)
            .Replace("{|#1:InspectorExclusion|}: LambdaStandardScanning", "{|#1:InspectorExclusion|}: !Ref ScanMode", StringComparison.Ordinal))
        .WithFile("reporting/template.yaml", ReportingChild)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'PdfRenderer' (deployed as 'orders-pdf-renderer') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'Reporting' in template.yaml) whose value may be 'LambdaStandardScanning' (parameter 'ScanMode' allows it) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set on nested stack 'Reporting' in template.yaml, which propagates it to the resources of its child stack")
        .Expect(2, "PL1001", "Function 'Exporter' (deployed as 'orders-export-dev') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'Reporting' in template.yaml) whose value may be 'LambdaStandardScanning' (parameter 'ScanMode' allows it) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Pl1001_LedgerEntriesOfTheChildFunctionsMatch_ByTemplateAndLogicalIdOrName() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(OrdersParent.Replace("{|#1:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal))
        .WithFile("reporting/template.yaml", ReportingChild.Replace("{|#0:PdfRenderer|}", "PdfRenderer", StringComparison.Ordinal).Replace("{|#2:Exporter|}", "Exporter", StringComparison.Ordinal))
        .WithLedger(LedgerWith("template: reporting/template.yaml, logical_id: PdfRenderer") + "\n" + LedgerWith("function_name: orders-export-dev").Split("exclusions:\n")[1])
        .Verify();

    [Test]
    public void Pl1001_NotForTheParentsOwnFunctions() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate(OrdersParent.Replace("{|#1:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal))
        .WithLedger(EmptyLedger)
        .Verify(); // the child template is absent: PL1006's case; the parent's Api function carries no tag

    [Test]
    public void Pl1005_ListTagsOnCloudFormationStack_PathRelativeToTheParentsFolder() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Billing:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./stacks/../stacks/billing.yaml
                  Tags:
                    - Key: cost-center
                      Value: "4410"
                    - {|#1:Key|}: InspectorCodeExclusion
                      Value: LambdaCodeScanning
            """, "infra/root.yaml")
        .WithFile("infra/stacks/billing.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              {|#0:InvoiceCloser|}:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Role: arn:aws:iam::111122223333:role/billing
                  Code: { S3Bucket: billing-artifacts, S3Key: closer.zip }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1005", "Function 'InvoiceCloser' has exclusion tag 'InspectorCodeExclusion' (a stack tag from nested stack 'Billing' in infra/root.yaml) but its deployed name is not known before deployment (it has no FunctionName, so CloudFormation generates one); record it in the ledger with target.template 'infra/stacks/billing.yaml' and target.logical_id 'InvoiceCloser'")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void Pl1005_RecordedByTemplateAndLogicalIdOfTheChild() => RuleTest.For<NoStaticNameExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Billing:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: stacks/billing.yaml
                  Tags: [{ Key: InspectorCodeExclusion, Value: LambdaCodeScanning }]
            """)
        .WithFile("stacks/billing.yaml", """
            Resources:
              InvoiceCloser:
                Type: AWS::Serverless::Function
                Properties: { Runtime: nodejs20.x, Handler: index.handler, CodeUri: src/ }
            """)
        .WithLedger(LedgerWith("template: stacks/billing.yaml, logical_id: InvoiceCloser").Replace("scan_type: standard", "scan_type: code", StringComparison.Ordinal))
        .Verify();

    [Test]
    public void Pl1001_GrandchildGetsTheTagThroughTheChain_AndTheNearerStackWins() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Platform:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: platform/template.yaml
                  Tags:
                    - { {|#1:Key|}: InspectorExclusion, Value: LambdaStandardScanning }
                    - { Key: InspectorCodeExclusion, Value: LambdaCodeScanning }
            """)
        .WithFile("platform/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Ingest:
                Type: AWS::Serverless::Application
                Properties:
                  Location: ../ingest/template.yaml
                  Tags:
                    InspectorCodeExclusion: none
            """)
        .WithFile("ingest/template.yaml", """
            Resources:
              {|#0:Parser|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: ingest-parser, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Parser' (deployed as 'ingest-parser') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'Platform' in template.yaml, through 'Ingest' in platform/template.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void Pl1001_FunctionsOwnTagOfTheSameKeyWins() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Reporting:
                Type: AWS::Serverless::Application
                Properties:
                  Location: reporting.yaml
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """)
        .WithFile("reporting.yaml", """
            Resources:
              Renderer:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: renderer
                  Tags: { InspectorExclusion: scanned }
            """)
        .WithLedger(EmptyLedger)
        .Verify();

    [Test]
    public void Pl1001_ParentStacksSamconfigTagReachesTheChild() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-worker, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
              Reporting:
                Type: AWS::Serverless::Application
                Properties: { Location: reporting/template.yaml }
            """, "orders/template.yaml")
        .WithFile("orders/samconfig.toml", """
            version = 0.1
            [default.deploy.parameters]
            stack_name = "orders"
            tags = "team=orders {|#1:InspectorExclusion=LambdaStandardScanning|}"
            """)
        .WithFile("orders/reporting/template.yaml", """
            Resources:
              {|#0:Renderer|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-renderer, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
            """)
        .WithLedger(LedgerWith("function_name: orders-worker"))
        .Expect(0, "PL1001", "Function 'Renderer' (deployed as 'orders-renderer') has exclusion tag 'InspectorExclusion' (a stack tag from orders/samconfig.toml, through nested stack 'Reporting' in orders/template.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1, "Tag 'InspectorExclusion' set for the whole stack in orders/samconfig.toml, which nested stack 'Reporting' in orders/template.yaml propagates to its child stack")
        .Verify();

    [Test]
    public void Pl1001_SamconfigTagOfTheChildsOwnFolder_IsTakenOnce() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              Reporting:
                Type: AWS::Serverless::Application
                Properties: { Location: reporting.yaml }
            """)
        .WithFile("samconfig.toml", "[default.deploy.parameters]\ntags = \"{|#1:InspectorExclusion=LambdaStandardScanning|}\"\n")
        .WithFile("reporting.yaml", """
            Resources:
              {|#0:Renderer|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: orders-renderer, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Renderer' (deployed as 'orders-renderer') has exclusion tag 'InspectorExclusion' (a stack tag from samconfig.toml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void Pl1001_TemplateNestingItself_IsFollowedOnce() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Conditions:
              Recurse: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              {|#0:Node|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: tree-node, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
              Self:
                Type: AWS::CloudFormation::Stack
                Condition: Recurse
                Properties:
                  TemplateURL: template.yaml
                  Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'Node' (deployed as 'tree-node') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'Self' in template.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Pl1001_TwoTemplatesNestingEachOther_Terminate() => RuleTest.For<UnrecordedExclusionTagAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#0:A|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: fn-a, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
              ToB:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: b.yaml
                  Tags: [{ Key: InspectorExclusion, Value: LambdaStandardScanning }]
            """, "a.yaml")
        .WithFile("b.yaml", """
            Resources:
              {|#1:B|}:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: fn-b, Runtime: python3.12, Handler: app.handler, CodeUri: src/ }
              ToA:
                Type: AWS::CloudFormation::Stack
                Properties: { TemplateURL: a.yaml }
            """)
        .WithLedger(EmptyLedger)
        .Expect(0, "PL1001", "Function 'A' (deployed as 'fn-a') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'ToB' in a.yaml, through 'ToA' in b.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Expect(1, "PL1001", "Function 'B' (deployed as 'fn-b') has exclusion tag 'InspectorExclusion' (a stack tag from nested stack 'ToB' in a.yaml) but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml")
        .Verify();

    [Test]
    public void Pl1002_EntryForAChildFunctionTaggedByItsParentIsNotStale() => RuleTest.For<StaleLedgerEntryAnalyzer>()
        .WithTemplate(OrdersParent.Replace("{|#1:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal))
        .WithFile("reporting/template.yaml", ReportingChild.Replace("{|#0:PdfRenderer|}", "PdfRenderer", StringComparison.Ordinal).Replace("{|#2:Exporter|}", "Exporter", StringComparison.Ordinal))
        .WithLedger(LedgerWith("function_name: orders-pdf-renderer"))
        .Verify();
}
