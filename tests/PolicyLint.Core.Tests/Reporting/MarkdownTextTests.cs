using NUnit.Framework;
using PolicyLint.Core.Reporting;

namespace PolicyLint.Core.Tests.Reporting;

public sealed class MarkdownTextTests
{
    [Test]
    public void ToPlainText_RemovesMarkup_KeepsStructure()
    {
        var markdown = "# PL2001: Function uses a customer managed KMS key\r\n" +
                       "\r\n" +
                       "| ID | Category |\r\n" +
                       "|---|---|\r\n" +
                       "| PL2001 | ScanCoverage |\r\n" +
                       "\r\n" +
                       "## Cause\r\n" +
                       "The **`KmsKeyArn`** property is set; see [the guide](https://docs.aws.amazon.com/x.html).\r\n" +
                       "```yaml template\r\n" +
                       "Resources: {}\r\n" +
                       "```\r\n" +
                       "\r\n\r\n";

        Assert.That(MarkdownText.ToPlainText(markdown), Is.EqualTo(
            "PL2001: Function uses a customer managed KMS key\n" +
            "\n" +
            "ID  Category\n" +
            "PL2001  ScanCoverage\n" +
            "\n" +
            "Cause\n" +
            "The KmsKeyArn property is set; see the guide (https://docs.aws.amazon.com/x.html).\n" +
            "    Resources: {}\n"));
    }

    [Test]
    public void ToPlainText_EndsWithOneLineBreak() =>
        Assert.That(MarkdownText.ToPlainText("text"), Is.EqualTo("text\n"));
}
