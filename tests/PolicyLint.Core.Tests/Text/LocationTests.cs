using NUnit.Framework;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Tests.Text;

public sealed class LocationTests
{
    [Test]
    public void Location_MapsSpanToStartAndExclusiveEnd()
    {
        var source = SourceText.From("dir/t.yaml", "a: bc\nd: e\n");
        var location = new Location(source, new TextSpan(3, 5));

        Assert.Multiple(() =>
        {
            Assert.That(location.Start, Is.EqualTo(new LinePosition(1, 4)));
            Assert.That(location.End, Is.EqualTo(new LinePosition(1, 6)));
            Assert.That(location.Path, Is.EqualTo("dir/t.yaml"));
            Assert.That(location.ToString(), Is.EqualTo("dir/t.yaml(1,4)"));
        });
    }

    [Test]
    public void FileLevel_IsTheEmptyRegionAtOneOne()
    {
        var location = Location.FileLevel(SourceText.From("t.yaml", "x: 1\n"));

        Assert.Multiple(() =>
        {
            Assert.That(location.Start, Is.EqualTo(new LinePosition(1, 1)));
            Assert.That(location.End, Is.EqualTo(new LinePosition(1, 1)));
            Assert.That(location.Span.Length, Is.Zero);
        });
    }

    [Test]
    public void Equality_IsPathAndSpan()
    {
        var a = SourceText.From("t.yaml", "abc");
        var b = SourceText.From("t.yaml", "abc");

        Assert.Multiple(() =>
        {
            Assert.That(new Location(a, new TextSpan(1, 2)), Is.EqualTo(new Location(b, new TextSpan(1, 2))));
            Assert.That(new Location(a, new TextSpan(1, 2)), Is.Not.EqualTo(new Location(a, new TextSpan(1, 3))));
            Assert.That(new Location(a, new TextSpan(1, 2)), Is.Not.EqualTo(new Location(SourceText.From("u.yaml", "abc"), new TextSpan(1, 2))));
        });
    }

    [Test]
    public void LinePosition_OrdersByLineThenColumn()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new LinePosition(1, 9) < new LinePosition(2, 1), Is.True);
            Assert.That(new LinePosition(2, 1) < new LinePosition(2, 2), Is.True);
            Assert.That(new LinePosition(2, 2) >= new LinePosition(2, 2), Is.True);
            Assert.That(new LinePosition(3, 4).ToString(), Is.EqualTo("3:4"));
        });
    }
}
