using NUnit.Framework;
using PolicyLint.Core.Ledger;

namespace PolicyLint.Core.Tests.Ledger;

public sealed class LambdaArnTests
{
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:my-fn", "aws", "us-east-1", "my-fn", null)]
    [TestCase("arn:aws-cn:lambda:cn-north-1:123456789012:function:fn_1:PROD", "aws-cn", "cn-north-1", "fn_1", "PROD")]
    [TestCase("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:Fn2:$LATEST", "aws-us-gov", "us-gov-west-1", "Fn2", "$LATEST")]
    [TestCase("arn:aws:lambda:eu-west-1:123456789012:function:orders:7", "aws", "eu-west-1", "orders", "7")]
    public void TryParse_ValidForms(string text, string partition, string region, string name, string? qualifier)
    {
        Assert.Multiple(() =>
        {
            Assert.That(LambdaArn.TryParse(text, out var arn), Is.True);
            Assert.That(arn, Is.EqualTo(new LambdaArn(partition, region, "123456789012", name, qualifier)));
        });
    }

    [TestCase("my-fn")]
    [TestCase("arn:aws:lambda:us-east-1:12345678901:function:fn")]
    [TestCase("arn:aws:lambda:us-east-1:1234567890123:function:fn")]
    [TestCase("arn:aws:lambda:us-east-1:12345678901a:function:fn")]
    [TestCase("arn:aws:lambda::123456789012:function:fn")]
    [TestCase("arn::lambda:us-east-1:123456789012:function:fn")]
    [TestCase("arn:gcp:lambda:us-east-1:123456789012:function:fn")]
    [TestCase("arn:aws:s3:us-east-1:123456789012:function:fn")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:layer:fn")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:fn:")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:fn:1:2")]
    [TestCase("arn:aws:lambda:us-east-1:123456789012:function:my.fn")]
    [TestCase("ARN:aws:lambda:us-east-1:123456789012:function:fn")]
    public void TryParse_InvalidForms(string text) =>
        Assert.That(LambdaArn.TryParse(text, out _), Is.False);
}
