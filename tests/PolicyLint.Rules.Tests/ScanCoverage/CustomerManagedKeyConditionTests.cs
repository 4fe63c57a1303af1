using NUnit.Framework;
using PolicyLint.Rules.ScanCoverage;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.ScanCoverage;

/// <summary>PL2001 and <c>Fn::If</c> (docs/conventions.md#c15): a key in either branch counts whatever the condition. Kept apart from
/// <c>CustomerManagedKeyAnalyzerTests</c>, which is written on another branch; merge the two when both land.</summary>
public sealed class CustomerManagedKeyConditionTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage: { Type: String, Default: dev }
          ProdKeyArn: { Type: String }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-worker
              {|#0:KmsKeyArn|}: !If [IsProd, VALUE, !Ref AWS::NoValue]
        """;

    [Test]
    public void Reports_KeyInTheBranchTheDefaultsDoNotTake() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate(Template.Replace("VALUE", "arn:aws:kms:eu-west-1:111122223333:key/example", StringComparison.Ordinal))
        .Expect(0, "PL2001", "Function 'Worker' (deployed as 'orders-worker') sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/example' in a branch of Fn::If), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified")
        .Verify();

    [Test]
    public void Reports_Unresolved_WhenTheOtherBranchIsUnknown() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate(Template.Replace("VALUE", "!Ref ProdKeyArn", StringComparison.Ordinal))
        .Expect(0, "PL0002")
        .Verify();

    [Test]
    public void DoesNotReport_WhenNeitherBranchSetsACustomerManagedKey() => RuleTest.For<CustomerManagedKeyAnalyzer>()
        .WithTemplate(Template.Replace("VALUE", "alias/aws/lambda", StringComparison.Ordinal).Replace("{|#0:KmsKeyArn|}", "KmsKeyArn", StringComparison.Ordinal))
        .Verify();
}
