using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Reporting;

// Expected values derived by hand from the algorithm of github/codeql-action src/fingerprints.ts: a line's hash is the
// sum of c_i × 37^(99-i) over the 100 characters starting at the line (spaces and tabs skipped, CR/CRLF read as LF),
// where the file's characters are followed by one end-of-file sentinel 65535 and then zeros, modulo 2^64.
public sealed class LineHashTests
{
    private static string?[] Hashes(string text) => LineHash.Compute(SourceText.From("t.yaml", text));

    [Test]
    public void SingleCharacterFile()
    {
        // 'a' = 97, then the sentinel: 97 × 37^99 + 65535 × 37^98 mod 2^64
        Assert.That(Hashes("a")[1], Is.EqualTo("53b5d4aabe50d64:1"));
    }

    [Test]
    public void TwoCharacterFile()
    {
        // 97 × 37^99 + 98 × 37^98 + 65535 × 37^97 mod 2^64
        Assert.That(Hashes("ab")[1], Is.EqualTo("952bb1cc6d22bdaa:1"));
    }

    [Test]
    public void TwoLines_TheWindowRunsAcrossTheLineBreak()
    {
        var hashes = Hashes("a\nb");

        Assert.Multiple(() =>
        {
            Assert.That(hashes[1], Is.EqualTo("c74339777b6a2c60:1"), "97 × 37^99 + 10 × 37^98 + 98 × 37^97 + 65535 × 37^96");
            Assert.That(hashes[2], Is.EqualTo("8ee5a81e681643c1:1"), "98 × 37^99 + 65535 × 37^98");
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
    public void Result_IsIndexedByLine_AndTheSentinelStartsTheBlankLastLine()
    {
        var hashes = Hashes("a\n\n  ");

        Assert.Multiple(() =>
        {
            Assert.That(hashes, Has.Length.EqualTo(5), "index 0 unused, lines 1..3, one spare");
            Assert.That(hashes[0], Is.Null);
            Assert.That(hashes[1], Is.EqualTo("173cc415891f93a8:1"), "97 × 37^99 + 10 × 37^98 + 10 × 37^97 + 65535 × 37^96");
            Assert.That(hashes[2], Is.EqualTo("3c5bef55b72b93c9:1"), "an empty line is its line break: 10 × 37^99 + 65535 × 37^98");
            Assert.That(hashes[3], Is.EqualTo("c129715d7a2bc9a3:1"), "spaces only: the sentinel is its first character, 65535 × 37^99");
        });
    }

    [Test]
    public void ByteOrderMark_IsACharacterOfLineOne()
    {
        // 0xFEFF × 37^99 + 97 × 37^98 + 65535 × 37^97, as Node reads the file GitHub's action hashes.
        Assert.That(LineHash.Compute(SourceText.From("t.yaml", "\uFEFFa"))[1], Is.EqualTo("32afc9aa38d90537:1"));
    }

    [Test]
    public void FinalLineBreak_StartsOneMoreLine_HashedFromTheSentinel()
    {
        var hashes = Hashes("a\n");

        Assert.Multiple(() =>
        {
            Assert.That(hashes[1], Is.EqualTo("243cbaa4685aab12:1"), "97 × 37^99 + 10 × 37^98 + 65535 × 37^97");
            Assert.That(hashes[2], Is.EqualTo("c129715d7a2bc9a3:1"), "65535 × 37^99");
        });
    }

    [Test]
    public void LineWhoseWindowEndsBeforeTheEnd_DoesNotSeeTheSentinel()
    {
        // 100 × 'k' (107): the sum of 107 × 37^i for i = 0..99; the rest of the line and the file lie outside the window.
        Assert.That(Hashes(new string('k', 150) + "\nz")[1], Is.EqualTo("38ae8874fb795354:1"));
    }

    [Test]
    public void Reader_GivesComputesHashes_InAnyOrder()
    {
        var text = string.Concat(Enumerable.Repeat("x\n", 150)) + "Resources:\r\n  Fn:\r\n\tType: AWS::Lambda::Function\n" + new string('k', 130) + "\n";
        var source = SourceText.From("t.yaml", text);
        var expected = LineHash.Compute(source);
        var reader = new LineHash.Reader(source.Text, source.HadByteOrderMark, source.LineCount);

        var lines = new[] { 101, 1, 2, 153, 150, 154, 3, 152, 155, 156, 0, -1, 157 };
        Assert.That(lines.Select(reader.Get), Is.EqualTo(lines.Select(l => l >= 0 && l < expected.Length ? expected[l] : null)));
    }

    [Test]
    public void Reader_ReadsTheFileOnlyAsFarAsTheLinesAsked()
    {
        // 10,000 lines of 9 characters: the hash of line 3 needs its 100-character window and no more.
        var source = SourceText.From("t.yaml", string.Concat(Enumerable.Range(0, 10_000).Select(i => $"key{i:D5}\n")));
        var reader = new LineHash.Reader(source.Text, source.HadByteOrderMark, source.LineCount);

        Assert.That(reader.Get(3), Is.EqualTo(LineHash.Compute(source)[3]));
        Assert.That(reader.CharactersRead, Is.LessThanOrEqualTo((3 * 10) + 100 + 10));
    }

    [Test]
    public void DecodedByteOrderMark_IsACharacterOfLineOne()
    {
        var source = SourceText.Decode("t.yaml", [0xEF, 0xBB, 0xBF, (byte)'a'], out _);

        Assert.That(source.HadByteOrderMark, Is.True);
        Assert.That(LineHash.Compute(source)[1], Is.EqualTo("32afc9aa38d90537:1"));
    }
}
