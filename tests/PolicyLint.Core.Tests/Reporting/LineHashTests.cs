using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Reporting;

// Expected values derived by hand from DOMAIN.md's description: a line's hash is the sum of c_i × 37^(99-i) over the
// 100 characters (spaces and tabs skipped, CR/CRLF read as LF, zeros past the end) starting at the line, modulo 2^64.
public sealed class LineHashTests
{
    private static string?[] Hashes(string text) => LineHash.Compute(SourceText.From("t.yaml", text));

    [Test]
    public void SingleCharacterFile()
    {
        // 'a' = 97: 97 × 37^99 mod 2^64
        Assert.That(Hashes("a")[1], Is.EqualTo("29865a3a4ea5993d:1"));
    }

    [Test]
    public void TwoCharacterFile()
    {
        // 97 × 37^99 + 98 × 37^98 mod 2^64
        Assert.That(Hashes("ab")[1], Is.EqualTo("b8bf04be256d224f:1"));
    }

    [Test]
    public void TwoLines_TheWindowRunsAcrossTheLineBreak()
    {
        var hashes = Hashes("a\nb");

        Assert.Multiple(() =>
        {
            Assert.That(hashes[1], Is.EqualTo("ba62e1c3344996e1:1"), "97 × 37^99 + 10 × 37^98 + 98 × 37^97");
            Assert.That(hashes[2], Is.EqualTo("b330a50e0ad6cf9a:1"), "98 × 37^99");
        });
    }

    [Test]
    public void SpacesAndTabs_DoNotChangeAHash()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hashes("  a\n\tb"), Is.EqualTo(Hashes("a\nb")));
            Assert.That(Hashes("a b"), Is.EqualTo(Hashes("ab")));
        });
    }

    [Test]
    public void CrlfAndLoneCr_EqualLf()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hashes("a\r\nb\r\n"), Is.EqualTo(Hashes("a\nb\n")));
            Assert.That(Hashes("a\rb"), Is.EqualTo(Hashes("a\nb")));
        });
    }

    [Test]
    public void IdenticalWindows_AreCountedInFileOrder()
    {
        var hashes = Hashes(string.Concat(Enumerable.Repeat("x\n", 150)));
        var value = hashes[1]![..hashes[1]!.IndexOf(':', StringComparison.Ordinal)];

        Assert.Multiple(() =>
        {
            Assert.That(hashes[1], Is.EqualTo(value + ":1"));
            Assert.That(hashes[2], Is.EqualTo(value + ":2"));
            Assert.That(hashes[101], Is.EqualTo(value + ":101"), "the last line whose 100-character window is 50 × \"x\\n\"");
            Assert.That(hashes[102], Does.Not.StartWith(value));
        });
    }

    [Test]
    public void IdenticalLongLines_FollowedByDifferentText_ShareAHash()
    {
        var line = new string('k', 120);
        var hashes = Hashes($"{line}\nfirst\n{line}\nsecond\n");

        Assert.Multiple(() =>
        {
            Assert.That(hashes[3]![..^2], Is.EqualTo(hashes[1]![..^2]));
            Assert.That(hashes[1], Does.EndWith(":1"));
            Assert.That(hashes[3], Does.EndWith(":2"));
        });
    }

    [Test]
    public void Result_IsIndexedByLine_AndABlankLastLineHasNoHash()
    {
        var hashes = Hashes("a\n\n  ");

        Assert.Multiple(() =>
        {
            Assert.That(hashes, Has.Length.EqualTo(5), "index 0 unused, lines 1..3, one spare");
            Assert.That(hashes[0], Is.Null);
            Assert.That(hashes[1], Is.Not.Null);
            Assert.That(hashes[2], Is.EqualTo("60a6ec4559ec1fa2:1"), "an empty line is its line break: 10 × 37^99");
            Assert.That(hashes[3], Is.Null, "spaces only: no character starts the line");
        });
    }

    [Test]
    public void ByteOrderMark_IsACharacterOfLineOne()
    {
        // 0xFEFF × 37^99 + 97 × 37^98, as Node reads the file GitHub's action hashes.
        Assert.That(LineHash.Compute(SourceText.From("t.yaml", "\uFEFFa"))[1], Is.EqualTo("56431c9bf12369dc:1"));
    }
}
