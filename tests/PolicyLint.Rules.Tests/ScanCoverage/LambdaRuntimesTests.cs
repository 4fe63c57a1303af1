using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Rules.ScanCoverage;

namespace PolicyLint.Rules.Tests.ScanCoverage;

/// <summary>The runtime data file behind PL2003: well formed, sourced and dated.</summary>
public sealed class LambdaRuntimesTests
{
    [Test]
    public void DataFile_NamesItsSourcesAndTheDayTheyWereRead()
    {
        var data = LambdaRuntimes.Data;
        Assert.That(data.AsOf, Is.EqualTo(new DateOnly(2026, 11, 29)));
        Assert.That(data.Sources.Select(s => s.Url), Is.EquivalentTo(new[]
        {
            "https://docs.aws.amazon.com/inspector/latest/user/supported.html",
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
        }));
    }

    [Test]
    public void DataFile_ListsEachRuntimeOnce_AndExplainsEveryUnknownDeprecation()
    {
        var runtimes = LambdaRuntimes.Data.Runtimes;
        Assert.That(runtimes.Select(r => r.Id), Is.Unique);
        Assert.That(runtimes.Where(r => r.Deprecation is null && string.IsNullOrWhiteSpace(r.Note)).Select(r => r.Id), Is.Empty);
        Assert.That(runtimes.Where(r => r.StandardScanning == false && r.CodeScanning == true).Select(r => r.Id), Is.Empty,
            "code scanning requires standard scanning");
    }

    [Test]
    public void DataFile_KeepsPython312CurrentAndScanned()
    {
        var python = LambdaRuntimes.Data.Find("python3.12")!;
        Assert.That((python.StandardScanning, python.CodeScanning, python.IsDeprecatedOn(new DateOnly(2026, 11, 29))), Is.EqualTo((true, true, false)));
    }

    [Test]
    public void Parse_RejectsUnknownKeysAndMissingSections()
    {
        Assert.Throws<JsonException>(() => LambdaRuntimes.Parse("""{"as_of": "2026-11-29", "sources": [], "runtimes": []}"""));
        Assert.Throws<JsonException>(() => LambdaRuntimes.Parse("""
            {"as_of": "2026-11-29", "sources": [{"title": "t", "url": "u", "provides": "p"}],
             "runtimes": [{"id": "x", "deprecated": "2020-01-01"}]}
            """));
    }
}
