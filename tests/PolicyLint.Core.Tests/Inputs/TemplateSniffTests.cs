using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;

namespace PolicyLint.Core.Tests.Inputs;

/// <summary>
/// A UTF-8 file is sniffed as bytes before it is decoded (issue 15): the answer must be the one the decoded text gives
/// (<see cref="ProjectLoader.CanBeTemplate"/>), multi-byte characters, a byte order mark and invalid bytes included.
/// </summary>
public sealed class TemplateSniffTests
{
    private static readonly LoadRequest Request = new() { Root = "/nowhere" };

    [TestCase("Resources:")]
    [TestCase("a: 1\nTransform: x\n")]
    [TestCase("{\"AWSTemplateFormatVersion\": 1}")]
    [TestCase("{\"\\u0052esources\": {}}")]
    [TestCase("key: \"\\x52esources\"")]
    [TestCase("key: \"Re\\\nsources\"")]
    [TestCase("key: \"Re\\\r\nsources\"")]
    [TestCase("{\"a\": \"line\\nbreak \\\"quoted\\\" \\\\ \\/\"}")]
    [TestCase("name: pkg\nresources: {}\n")]
    [TestCase("{\"a\": \"\\u003c\\u00e9\\uFFFD \\x20 \\U0001F600\"}")]
    [TestCase("{\"a\": \"\\u0054\"}")]
    [TestCase("key: \"\\x6d\"")]
    [TestCase("key: \"\\U00000046\"")]
    [TestCase("key: \"\\UFFFFFFFF\"")]
    [TestCase("{\"a\": \"\\u00\"}")]
    [TestCase("{\"a\": \"\\u00é\"}")] // a multi-byte character among the digits: malformed either way
    [TestCase("\\u0é")] // too few characters left, but enough bytes: malformed either way
    [TestCase("{\"a\": \"é\\\\é\\é\"}")] // a backslash before a multi-byte character skips it
    [TestCase("{\"a\": \"日本語 \\u65e5 Ressources\"}")]
    [TestCase("\uFEFFResources: {}\n")]
    [TestCase("\uFEFFname: x\n")]
    [TestCase("")]
    [TestCase("\\")]
    public void Utf8Bytes_AreSniffedAsTheirText(string text)
    {
        var expected = ProjectLoader.CanBeTemplate(text.TrimStart('\uFEFF'));

        var result = ProjectLoader.LoadBytes(Request, "file.yaml", Encoding.UTF8.GetBytes(text));

        Assert.That(result.WasParsed, Is.EqualTo(expected));
    }

    [Test]
    public void InvalidUtf8_ThatLooksLikeATemplate_IsStillPl0001_AndOtherwiseNoTemplate()
    {
        var looksLike = ProjectLoader.LoadBytes(Request, "broken.yaml", [.. "Resources:\n  a: "u8, 0xFF, .. "\n"u8]);
        var vendored = ProjectLoader.LoadBytes(Request, "blob.json", [.. "{\"a\": \""u8, 0xC3, 0x28, .. "\"}"u8]);

        Assert.Multiple(() =>
        {
            Assert.That(looksLike.IsTemplateFile, Is.True);
            Assert.That(looksLike.Diagnostics.Select(d => $"{d.Id} {d.Location.Start.Line}:{d.Location.Start.Column}"), Is.EqualTo(new[] { "PL0001 2:6" }));
            Assert.That(vendored.IsTemplateFile, Is.False);
            Assert.That(vendored.Diagnostics, Is.Empty);
            Assert.That(vendored.WasParsed, Is.False);
        });
    }

    [Test]
    public void Utf16_IsDecodedBeforeItIsSniffed()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")).ToArray();

        var result = ProjectLoader.LoadBytes(Request, "wide.yaml", bytes);

        Assert.Multiple(() =>
        {
            Assert.That(result.WasParsed, Is.True);
            Assert.That(result.Templates, Has.Count.EqualTo(1));
        });
    }
}
