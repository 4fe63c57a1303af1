using System.Text;
using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Tests.Analysis;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Reporting;

public sealed class JsonReporterTests
{
    [Test]
    public void Write_ShapeAndOrder()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Queue:\n    Type: AWS::SQS::Queue\n");
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: []\n");
        var run = AnalysisDriverTests.Run(repository, [new FunctionAnalyzer(), new RepeatingAnalyzer(), new LedgerAnalyzer()]);
        var suppression = new SuppressionInfo("Queue is test-only", null, run.Diagnostics[1].Location);
        run = run with { Diagnostics = [run.Diagnostics[0], run.Diagnostics[1].WithSuppression(suppression), run.Diagnostics[2]] };

        using var stream = new MemoryStream();
        JsonReporter.Write(run, stream, new ToolInfo("1.2.3", "https://github.com/policylint/policylint"));
        var json = Encoding.UTF8.GetString(stream.ToArray());

        Assert.That(json, Is.EqualTo("""
            {
              "version": 1,
              "tool": {
                "name": "PolicyLint",
                "version": "1.2.3"
              },
              "root": ".",
              "results": [
                {
                  "id": "PL3901",
                  "severity": "note",
                  "message": "The ledger has 0 entries",
                  "path": "security/inspector-exclusions.yaml",
                  "line": 1,
                  "column": 1,
                  "endLine": 1,
                  "endColumn": 1,
                  "suppressed": false
                },
                {
                  "id": "PL1901",
                  "severity": "warning",
                  "message": "Function 'Fn'",
                  "path": "t.yaml",
                  "line": 2,
                  "column": 3,
                  "endLine": 2,
                  "endColumn": 5,
                  "logicalId": "Fn",
                  "suppressed": true,
                  "justification": "Queue is test-only"
                },
                {
                  "id": "PL1902",
                  "severity": "error",
                  "message": "Resource 'Queue'",
                  "path": "t.yaml",
                  "line": 4,
                  "column": 3,
                  "endLine": 4,
                  "endColumn": 8,
                  "logicalId": "Queue",
                  "suppressed": false
                }
              ],
              "summary": {
                "errors": 1,
                "warnings": 0,
                "notes": 1,
                "suppressed": 1,
                "files": 2
              }
            }

            """));
        Assert.DoesNotThrow(() => JsonDocument.Parse(json));
    }

    [Test]
    public void Write_CleanRun_HasEmptyResults()
    {
        using var repository = new TemporaryRepository();
        using var stream = new MemoryStream();

        JsonReporter.Write(AnalysisDriverTests.Run(repository, []), stream, new ToolInfo("0.1.0", "u"));
        var root = JsonDocument.Parse(stream.ToArray()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("results").GetArrayLength(), Is.Zero);
            Assert.That(root.GetProperty("summary").GetProperty("files").GetInt32(), Is.Zero);
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "version", "tool", "root", "results", "summary" }));
        });
    }
}
