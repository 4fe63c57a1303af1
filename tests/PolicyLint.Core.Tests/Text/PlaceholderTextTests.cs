using NUnit.Framework;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Text;

public sealed class PlaceholderTextTests
{
    [TestCase("ＴＯＤＯ", "TODO")]
    [TestCase("Ｎ／Ａ", "N/A")]
    [TestCase("N/A\u200B", "N/A")]
    [TestCase("\uFEFFTBD", "TBD")]
    [TestCase("TO\u3000DO", "TO DO")]
    [TestCase("ｓｅｃ－１２３４", "sec-1234")]
    [TestCase("a\u00ADb", "ab")] // a soft hyphen is a format character
    [TestCase("[TODO]", "TODO")]
    [TestCase("\"TBD\"", "TBD")]
    [TestCase(" ( n/a ) ", "n/a")]
    [TestCase("'(none)'", "none")]
    [TestCase("［ＴＯＤＯ］", "TODO")]
    [TestCase("()", "()")]
    [TestCase("{{approver}}", "<approver>")]
    [TestCase(" ${ approver } ", "<approver>")]
    [TestCase("<<approver>>", "<approver>")]
    [TestCase("\"{{approver}}\"", "<approver>")]
    [TestCase("{{a}b}}", "a}b")] // not a variable name: read as brackets
    [TestCase("${}", "${}")]
    [TestCase("n/a.", "n/a")]
    [TestCase("\u00ABTODO\u00BB", "TODO")]
    [TestCase("\u201ETODO\u201C", "TODO")]
    [TestCase("\u201CTBD\u201D", "TBD")]
    [TestCase("\U0001D413\U0001D40E\U0001D403\U0001D40E", "TODO")] // mathematical bold
    [TestCase("\U0001D7CF\U0001D7D0", "12")] // mathematical bold digits
    [TestCase("$APPROVER", "<APPROVER>")]
    [TestCase("%approver%", "<approver>")]
    [TestCase("$5", "$5")]
    [TestCase("TBD !", "TBD")]
    [TestCase("...", "...")]
    [TestCase("\u0422\u041ED\u041E", "TODO")] // Cyrillic Т and О
    [TestCase("\u039D/\u0391", "N/A")] // Greek Ν and Α
    public void Fold_UndoesFullWidthFormsAndInvisibleCharacters(string text, string expected) =>
        Assert.That(PlaceholderText.Fold(text), Is.EqualTo(expected));

    [TestCase("Vendor library cannot be patched (SEC-1)")]
    [TestCase("éàü 日本語")]
    [TestCase("")]
    public void Fold_ReturnsTheSameString_WhenThereIsNothingToFold(string text) =>
        Assert.That(PlaceholderText.Fold(text), Is.SameAs(text));

    [TestCase("TODO", true)]
    [TestCase("  todo: ask appsec", true)]
    [TestCase("ＴＯＤＯ", true)]
    [TestCase("Ｎ／Ａ\u200B", true)]
    [TestCase("<approver>", true)]
    [TestCase("-", true)]
    [TestCase("x", true)]
    [TestCase("[TODO]", true)]
    [TestCase("(none)", true)]
    [TestCase("\"TODO\"", true)]
    [TestCase("()", true)]
    [TestCase("<<approver>>", true)]
    [TestCase("{{ approved_by }}", true)]
    [TestCase("${APPROVER}", true)]
    [TestCase("'{{approver}}'", true)]
    [TestCase("{{SEC-1234}} reviewed", false)]
    [TestCase("n/a.", true)]
    [TestCase("\u00ABTODO\u00BB", true)]
    [TestCase("\u201ETODO\u201C", true)]
    [TestCase("\U0001D413\U0001D40E\U0001D403\U0001D40E", true)]
    [TestCase("$APPROVER", true)]
    [TestCase("%approver%", true)]
    [TestCase("$5 of damages, SEC-12", false)]
    [TestCase("\u00ABSEC-1234\u00BB", false)]
    [TestCase("changeme", true)]
    [TestCase("Change me", true)]
    [TestCase("\u0422\u041ED\u041E", true)]
    [TestCase("Approved by the security board.", false)]
    [TestCase("\u0418\u0432\u0430\u043D", false)] // a name in Cyrillic
    [TestCase("[SEC-1234]", false)]
    [TestCase("(see SEC-1234)", false)]
    [TestCase("TODO-123", false)]
    [TestCase("ＴＯＤＯ－１２３", false)]
    [TestCase("Findings are routed by the security account's rule (SEC-88)", false)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    [TestCase(null, false)]
    public void IsPlaceholder(string? text, bool expected) =>
        Assert.That(PlaceholderText.IsPlaceholder(text), Is.EqualTo(expected));
}
