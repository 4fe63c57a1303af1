using CsCheck;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Property: random byte mutations of real templates (the corpus copy and the example cases) never make the
/// engine throw, and every location it reports lies inside its file (docs/conventions.md#c2).</summary>
public sealed class MutationPropertyTests
{
    private static readonly byte[] Interesting = "\n\r\t :-[]{},&*!|>'\"#%@`?<="u8.ToArray().Concat(new byte[] { 0x00, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF, 0xFF, 0xE2, 0x80 }).ToArray();

    private static readonly Lazy<(string Path, byte[] Bytes)[]> Seeds = new(() =>
        [.. new[] { "tests/corpus", "tests/cases", "samples" }
            .SelectMany(d => Directory.EnumerateFiles(RepositoryPaths.Get(d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => new FileInfo(f).Length < 16 * 1024)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))]);

    /// <summary>A seed file and up to eight edits, each (kind, position, byte) drawn at random.</summary>
    private static readonly Gen<(int Seed, (int Kind, int Position, int Value)[] Edits)> Mutations =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[0, 255]).Array[1, 8]);

    [Test]
    public void MutatedTemplates_NeverThrow_AndLocationsLieInsideTheFile() =>
        Mutations.Sample(m =>
        {
            var (path, bytes) = Seeds.Value[m.Seed % Seeds.Value.Length];
            var mutated = Mutate(bytes, m.Edits);
            EngineRun.Template(path, mutated);
        }, iter: 600, threads: 1, print: m => $"seed {Seeds.Value[m.Seed % Seeds.Value.Length].Path}, edits {string.Join(' ', m.Edits)}");

    [Test]
    public void MutatedLedgers_NeverThrow_AndLocationsLieInsideTheFile()
    {
        var ledgers = Directory.EnumerateFiles(RepositoryPaths.Get("tests/cases"), "inspector-exclusions.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Get("samples"), "inspector-exclusions.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        Assert.That(ledgers, Is.Not.Empty);
        Mutations.Sample(m => EngineRun.LedgerFile(Mutate(ledgers[m.Seed % ledgers.Length], m.Edits)), iter: 300, threads: 1);
    }

    private static byte[] Mutate(byte[] bytes, (int Kind, int Position, int Value)[] edits)
    {
        var list = new List<byte>(bytes);
        foreach (var (kind, position, value) in edits)
        {
            var at = list.Count == 0 ? 0 : position % list.Count;
            var b = kind % 2 == 0 ? Interesting[value % Interesting.Length] : (byte)value;
            switch (kind)
            {
                case 0 or 1: // overwrite
                    if (list.Count > 0)
                        list[at] = b;
                    break;
                case 2 or 3: // insert
                    list.Insert(at, b);
                    break;
                case 4: // delete a short run
                    list.RemoveRange(at, Math.Min(1 + (value % 16), list.Count - at));
                    break;
                default: // duplicate a short run (repeated keys, deeper nesting)
                    var run = list.GetRange(at, Math.Min(1 + (value % 64), list.Count - at));
                    list.InsertRange(at, run);
                    break;
            }
        }

        return [.. list];
    }
}
