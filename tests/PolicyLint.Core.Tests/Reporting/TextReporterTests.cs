using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Tests.Analysis;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Reporting;

public sealed class TextReporterTests
{
    private static readonly SourceText Source = SourceText.From("dir/t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n");

    private static Diagnostic Make(DiagnosticDescriptor descriptor, int start, string message, DiagnosticSeverity? severity = null) =>
        new(descriptor, DiagnosticTarget.At(new Location(Source, new TextSpan(start, start + 2))), message, severity);

    private static RunResult RunWith(IReadOnlyList<Diagnostic> diagnostics, int fileCount)
    {
        using var repository = new TemporaryRepository();
        var run = AnalysisDriverTests.Run(repository, []);
        return run with { Diagnostics = diagnostics, FileCount = fileCount };
    }

    private static string Write(RunResult run, bool showSuppressed = false)
    {
        using var writer = new StringWriter();
        TextReporter.Write(run, writer, showSuppressed);
        return writer.ToString();
    }

    [Test]
    public void Line_IsTheMsBuildForm_AndNotesPrintAsInfo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextReporter.FormatLine(Make(FunctionAnalyzer.Rule, 13, "Function 'Fn'")), Is.EqualTo("dir/t.yaml(2,3): warning PL1901: Function 'Fn'"));
            Assert.That(TextReporter.FormatLine(Make(RepeatingAnalyzer.Rule, 0, "x")), Is.EqualTo("dir/t.yaml(1,1): error PL1902: x"));
            Assert.That(TextReporter.FormatLine(Make(LedgerAnalyzer.Rule, 21, "y")), Is.EqualTo("dir/t.yaml(3,5): info PL3901: y"));
            Assert.That(ReportText.SeverityWord(DiagnosticSeverity.Note), Is.EqualTo("info"));
        });
    }

    [Test]
    public void Summary_Wording()
    {
        var error = Make(RepeatingAnalyzer.Rule, 0, "e");
        var warning = Make(FunctionAnalyzer.Rule, 13, "w");
        var note = Make(LedgerAnalyzer.Rule, 21, "n");

        Assert.Multiple(() =>
        {
            Assert.That(ReportText.Summary(RunWith([], 0)), Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 0 files"));
            Assert.That(ReportText.Summary(RunWith([error], 1)), Is.EqualTo("PolicyLint: 1 error, 0 warnings, 0 info in 1 file"));
            Assert.That(ReportText.Summary(RunWith([error, error, warning, note], 14)), Is.EqualTo("PolicyLint: 2 errors, 1 warning, 1 info in 14 files"));
            Assert.That(ReportText.Summary(RunWith([warning, warning, note, note], 2)), Is.EqualTo("PolicyLint: 0 errors, 2 warnings, 2 info in 2 files"));
        });
    }

    [Test]
    public void Write_LinesThenSummary_SuppressedHiddenUnlessAsked()
    {
        var suppression = new SuppressionInfo("Accepted risk", null, new Location(Source, new TextSpan(0, 1)));
        var run = RunWith([Make(FunctionAnalyzer.Rule, 13, "Function 'Fn'"), Make(RepeatingAnalyzer.Rule, 21, "Queue").WithSuppression(suppression)], 1);

        Assert.Multiple(() =>
        {
            Assert.That(Write(run), Is.EqualTo(
                "dir/t.yaml(2,3): warning PL1901: Function 'Fn'\n" +
                "PolicyLint: 0 errors, 1 warning, 0 info in 1 file (1 suppressed)\n"));
            Assert.That(Write(run, showSuppressed: true), Is.EqualTo(
                "dir/t.yaml(2,3): warning PL1901: Function 'Fn'\n" +
                "dir/t.yaml(3,5): error PL1902: Queue [suppressed: Accepted risk]\n" +
                "PolicyLint: 0 errors, 1 warning, 0 info in 1 file (1 suppressed)\n"));
        });
    }

    [Test]
    public void ReportText_CountsWordsAndSuffix_AreSharedByEveryFormat()
    {
        var suppression = new SuppressionInfo("Risk\naccepted", null, new Location(Source, new TextSpan(0, 1)));
        var suppressed = Make(RepeatingAnalyzer.Rule, 21, "Queue").WithSuppression(suppression);
        var run = RunWith([Make(RepeatingAnalyzer.Rule, 0, "e"), Make(FunctionAnalyzer.Rule, 13, "w"), Make(LedgerAnalyzer.Rule, 21, "n"), Make(LedgerAnalyzer.Rule, 21, "n2"), suppressed], 3);

        Assert.Multiple(() =>
        {
            Assert.That(ReportText.Count(run), Is.EqualTo(new ReportText.ResultCounts(Errors: 1, Warnings: 1, Notes: 2, Suppressed: 1, Files: 3)));
            Assert.That(ReportText.Summary(run), Is.EqualTo("PolicyLint: 1 error, 1 warning, 2 info in 3 files (1 suppressed)"));
            Assert.That(new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Note }.Select(ReportText.Level), Is.EqualTo(new[] { "error", "warning", "note" }));
            Assert.That(new[] { DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Note }.Select(ReportText.SeverityWord), Is.EqualTo(new[] { "error", "warning", "info" }));
            Assert.That(ReportText.SuppressionSuffix(suppressed, escape: true), Is.EqualTo(" [suppressed: Risk\\naccepted]"));
            Assert.That(ReportText.SuppressionSuffix(suppressed, escape: false), Is.EqualTo(" [suppressed: Risk\naccepted]"));
            Assert.That(ReportText.SuppressionSuffix(run.Diagnostics[0], escape: true), Is.Empty);
        });
    }

    [Test]
    public void Write_RealRun_ColumnsCountUtf16Units()
    {
        using var repository = new TemporaryRepository();
        repository.Write("é/t.yaml", "Resources:\n  𝄞Fn:\n    Type: AWS::SQS::Queue\n  Fn:\n    Type: AWS::Lambda::Function\n");
        var run = AnalysisDriverTests.Run(repository, [new FunctionAnalyzer(), new RepeatingAnalyzer()]);

        Assert.That(Write(run), Is.EqualTo(
            "é/t.yaml(2,3): error PL1902: Resource '𝄞Fn'\n" +
            "é/t.yaml(4,3): warning PL1901: Function 'Fn'\n" +
            "PolicyLint: 1 error, 1 warning, 0 info in 1 file\n"));
    }
}
