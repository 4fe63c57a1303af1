using System.Collections.Immutable;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Testing;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Analysis;

public sealed class AnalysisDriverTests
{
    private static readonly AnalysisOptions Options = new() { Today = new DateOnly(2026, 11, 29) };

    private const string TwoFunctions = """
        Resources:
          Zeta:
            Type: AWS::Lambda::Function
          Alpha:
            Type: AWS::Serverless::Function
          Queue:
            Type: AWS::SQS::Queue
        """;

    internal static RunResult Run(TemporaryRepository repository, IEnumerable<DiagnosticAnalyzer> analyzers, AnalysisOptions? options = null, IReadOnlyCollection<string>? reportPaths = null) =>
        AnalysisRunner.Run(new LoadRequest { Root = repository.Root }, options ?? Options, analyzers, reportPaths);

    internal static IEnumerable<string> Lines(RunResult run) =>
        run.Diagnostics.Select(d => $"{d.Location.Path}({d.Location.Start.Line},{d.Location.Start.Column}) {d.Severity} {d.Id}: {d.Message}");

    [Test]
    public void Results_AreSortedByPathLineColumnAndId()
    {
        using var repository = new TemporaryRepository();
        repository.Write("b.yaml", TwoFunctions);
        repository.Write("a/template.yaml", TwoFunctions);
        repository.Write("B.yaml", TwoFunctions);

        var run = Run(repository, [new RepeatingAnalyzer(), new FunctionAnalyzer()]);

        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            "B.yaml(2,3) Warning PL1901: Function 'Zeta'",
            "B.yaml(4,3) Warning PL1901: Function 'Alpha'",
            "B.yaml(6,3) Error PL1902: Resource 'Queue'",
            "a/template.yaml(2,3) Warning PL1901: Function 'Zeta'",
            "a/template.yaml(4,3) Warning PL1901: Function 'Alpha'",
            "a/template.yaml(6,3) Error PL1902: Resource 'Queue'",
            "b.yaml(2,3) Warning PL1901: Function 'Zeta'",
            "b.yaml(4,3) Warning PL1901: Function 'Alpha'",
            "b.yaml(6,3) Error PL1902: Resource 'Queue'",
        }), "identical results are reported once");
    }

    [Test]
    public void Results_AtOneLocation_AreOrderedById()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      KmsKeyArn: !Ref Open\nParameters:\n  Open: {Type: String}\n");

        var run = Run(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]);

        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            "t.yaml(2,3) Warning PL1901: Function 'Fn'",
            "t.yaml(5,7) Note PL0002: Cannot decide whether KmsKeyArn is set: parameter 'Open' has no default",
        }));
    }

    [Test]
    public void ThrowingAnalyzer_IsAToolFailureNotification_AndTheRunGoesOn()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", TwoFunctions);

        var run = Run(repository, [new ThrowingAnalyzer(), new FunctionAnalyzer()]);

        Assert.Multiple(() =>
        {
            Assert.That(run.Notifications, Is.EqualTo(new[]
            {
                new ToolNotification("error", "Analyzer ThrowingAnalyzer failed on t.yaml: InvalidOperationException: boom", "t.yaml", IsToolFailure: true),
            }));
            Assert.That(run.ExecutionSuccessful, Is.False);
            Assert.That(Lines(run), Is.EqualTo(new[]
            {
                "t.yaml(2,3) Warning PL1901: Function 'Zeta'",
                "t.yaml(4,3) Warning PL1901: Function 'Alpha'",
            }));
        });
    }

    [Test]
    public void ReportingAnUndeclaredDescriptor_IsAToolFailure()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", TwoFunctions);

        var run = Run(repository, [new UndeclaredDescriptorAnalyzer()]);

        Assert.Multiple(() =>
        {
            Assert.That(run.Notifications.Single().Message, Is.EqualTo(
                "Analyzer UndeclaredDescriptorAnalyzer failed on t.yaml: ArgumentException: UndeclaredDescriptorAnalyzer reported PL1999, which it does not declare in SupportedDiagnostics (Parameter 'descriptor')"));
            Assert.That(run.Notifications.Single().IsToolFailure, Is.True);
            Assert.That(run.Diagnostics, Is.Empty);
        });
    }

    [Test]
    public void InvalidIntrinsicForm_IsPl0001WhenBound_WhateverTheAnalyzers_AndTheRestOfTheTemplateIsAnalyzed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("bad.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      KmsKeyArn: !Sub [a]\n  Queue: {Type: AWS::SQS::Queue}\n");
        repository.Write("good.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/k\n");

        var run = Run(repository, [new ReadingAnalyzer(), new FunctionAnalyzer(), new RepeatingAnalyzer()]);
        var withoutAnalyzers = Run(repository, []);

        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            "bad.yaml(2,3) Warning PL1901: Function 'Fn'",
            "bad.yaml(5,7) Note PL0002: Cannot decide whether KmsKeyArn is set: Fn::Sub has an invalid form",
            "bad.yaml(5,18) Error PL0001: Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]",
            "bad.yaml(6,3) Error PL1902: Resource 'Queue'",
            "good.yaml(2,3) Warning PL1901: Function 'Fn'",
            "good.yaml(5,7) Warning PL2901: Function 'Fn' sets KmsKeyArn to 'arn:aws:kms:eu-west-1:111122223333:key/k'",
        }));
        Assert.That(Lines(withoutAnalyzers), Is.EqualTo(new[]
        {
            "bad.yaml(5,18) Error PL0001: Invalid Fn::Sub: Fn::Sub takes a string or [string, {variable: value}]",
        }));
    }

    [Test]
    public void AliasBomb_InAPropertyAnAnalyzerWalks_IsPl0001AtBindTime_AndNoAnalyzerMeetsIt()
    {
        using var repository = new TemporaryRepository();
        repository.Write("bomb.yaml", BombInProperties());

        var run = Run(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(run), Is.EqualTo(new[]
            {
                "bomb.yaml(19,13) Error PL0001: YAML alias '*l9' expands beyond the limit of 100,000 nodes read through aliases (possible alias bomb)",
            }));
            Assert.That(run.Notifications, Is.Empty);
            Assert.That(run.Project.Templates, Is.Empty, "no analyzer is given the over-budget template");
        });
    }

    [Test]
    public void AliasBomb_InAPropertyAProjectActionWalks_IsPl0001_AndTheActionStillReportsTheOtherTemplates()
    {
        using var repository = new TemporaryRepository();
        repository.Write("bomb.yaml", BombInProperties());
        repository.Write("calm.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");

        var run = Run(repository, [new ProjectWalkingAnalyzer()]);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(run), Is.EqualTo(new[]
            {
                "bomb.yaml(19,13) Error PL0001: YAML alias '*l9' expands beyond the limit of 100,000 nodes read through aliases (possible alias bomb)",
                "calm.yaml(1,1) Note PL2902: Walked 'calm.yaml'",
            }));
            Assert.That(run.Notifications, Is.Empty, "the analyzer must not fail");
        });
    }

    [Test]
    public void AliasBomb_UnderMetadata_IsNotPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CasePath("037-alias-amplification-and-deep-nesting"));

        var run = Run(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(run), Is.EqualTo(new[]
            {
                "deep.json(5,5) Warning PL1901: Function 'DeepFunction'",
                "template.yaml(16,3) Warning PL1901: Function 'BlobFunction'",
                "template.yaml(23,7) Warning PL2901: Function 'BlobFunction' sets KmsKeyArn to 'arn:aws:kms:eu-west-1:111122223333:key/8f9a0b1c-2d3e-4f50-8162-738495a6b7c8'",
            }));
            Assert.That(run.Project.Templates.Select(t => t.LimitExceeded), Is.All.Null);
        });
    }

    // The case's billion-laughs anchors stay under Metadata; BlobFunction's Properties read the top one as 'Walk'.
    private static string BombInProperties() =>
        File.ReadAllText(CasePath("037-alias-amplification-and-deep-nesting/template.yaml"))
            .Replace("    Properties:\n", "    Properties:\n      Walk: *l9\n", StringComparison.Ordinal);

    [Test]
    public void SeverityOverrides_ChangeOrTurnOffARule()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", TwoFunctions);
        var options = Options with
        {
            SeverityOverrides = new Dictionary<string, DiagnosticSeverity?> { ["PL1901"] = DiagnosticSeverity.Error, ["PL1902"] = null },
        };

        var run = Run(repository, [new FunctionAnalyzer(), new RepeatingAnalyzer()], options);

        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            "t.yaml(2,3) Error PL1901: Function 'Zeta'",
            "t.yaml(4,3) Error PL1901: Function 'Alpha'",
        }));
    }

    [Test]
    public void SeverityOverrides_TurningOffEveryRuleOfAnAnalyzer_DoesNotRunIt()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", TwoFunctions);
        var options = Options with { SeverityOverrides = new Dictionary<string, DiagnosticSeverity?> { ["PL1903"] = null } };

        var run = Run(repository, [new ThrowingAnalyzer()], options);

        Assert.Multiple(() =>
        {
            Assert.That(run.Notifications, Is.Empty);
            Assert.That(run.ExecutionSuccessful, Is.True);
        });
    }

    [Test]
    public void SeverityOverrides_NeverChangePl0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", "Resources:\n  Fn: {Type: x\n");
        var off = Options with { SeverityOverrides = new Dictionary<string, DiagnosticSeverity?> { ["PL0001"] = null } };
        var lowered = Options with { SeverityOverrides = new Dictionary<string, DiagnosticSeverity?> { ["PL0001"] = DiagnosticSeverity.Note } };

        Assert.Multiple(() =>
        {
            Assert.That(EngineDiagnostics.InvalidInput.IsConfigurable, Is.False);
            Assert.That(Lines(Run(repository, [], off)), Is.EqualTo(new[] { "t.yaml(2,15) Error PL0001: Invalid YAML: the file ends inside the flow mapping opened at 2:7 (expected ',' or '}')" }));
            Assert.That(Lines(Run(repository, [], lowered)).Single(), Does.StartWith("t.yaml(2,15) Error PL0001:"));
            Assert.That(lowered.GetSeverity(EngineDiagnostics.InvalidInput), Is.EqualTo(DiagnosticSeverity.Error));
        });
    }

    [Test]
    public void SeverityOverrides_CanTurnOffPl0002()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      KmsKeyArn: !Ref Open\nParameters:\n  Open: {Type: String}\n");
        var options = Options with { SeverityOverrides = new Dictionary<string, DiagnosticSeverity?> { ["PL0002"] = null } };

        Assert.That(Run(repository, [new ReadingAnalyzer()], options).Diagnostics, Is.Empty);
    }

    [Test]
    public void ForEach_WhoseCollectionIsNotStatic_IsPl0002AtItsKey_AndAStaticOneIsExpanded()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", """
            Transform: AWS::LanguageExtensions
            Parameters:
              Names: {Type: CommaDelimitedList}
            Resources:
              Fn::ForEach::Topics:
                - Name
                - !Ref Names
                - Topic${Name}: {Type: AWS::SNS::Topic}
              Fn::ForEach::Functions:
                - Name
                - [A, B]
                - Fn${Name}: {Type: AWS::Lambda::Function}
            """);

        var run = Run(repository, [new FunctionAnalyzer()]);

        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            "t.yaml(5,3) Note PL0002: Cannot decide what 'Fn::ForEach::Topics' generates: its collection cannot be known offline: parameter 'Names' has no default",
            "t.yaml(12,7) Warning PL1901: Function 'FnA'",
            "t.yaml(12,7) Warning PL1901: Function 'FnB'",
        }));
    }

    [Test]
    public void LedgerActions_RunOnce_AlsoWithoutATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: []\n");

        var run = Run(repository, [new LedgerAnalyzer()]);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(run), Is.EqualTo(new[] { "security/inspector-exclusions.yaml(1,1) Note PL3901: The ledger has 0 entries" }));
            Assert.That(run.FileCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Driver_RejectsAnIdDeclaredTwice()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new AnalysisDriver([new FunctionAnalyzer(), new FunctionAnalyzer()]))!;

        Assert.That(ex.Message, Does.StartWith("Diagnostic ID PL1901 is declared twice"));
    }

    [Test]
    public void Driver_Catalog_IsEngineAndAnalyzerDescriptorsInIdOrder()
    {
        var driver = new AnalysisDriver([new LedgerAnalyzer(), new FunctionAnalyzer()]);

        Assert.That(driver.Descriptors.Select(d => d.Id), Is.EqualTo(new[] { "PL0001", "PL0002", "PL0003", "PL0004", "PL1901", "PL3901" }));
    }

    [Test]
    public void Runner_ReportPaths_FilterResults_ButTheWholeRootIsAnalyzed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("sub/a.yaml", TwoFunctions);
        repository.Write("sub/deeper/b.yaml", TwoFunctions);
        repository.Write("subway.yaml", TwoFunctions);
        repository.Write("other.yaml", TwoFunctions);
        IReadOnlyList<DiagnosticAnalyzer> analyzers = [new RepeatingAnalyzer()];

        string[] Paths(params string[] reportPaths) =>
            [.. Run(repository, analyzers, reportPaths: reportPaths).Diagnostics.Select(d => d.Location.Path)];

        Assert.Multiple(() =>
        {
            Assert.That(Paths(), Is.EqualTo(new[] { "other.yaml", "sub/a.yaml", "sub/deeper/b.yaml", "subway.yaml" }));
            Assert.That(Paths("."), Is.EqualTo(new[] { "other.yaml", "sub/a.yaml", "sub/deeper/b.yaml", "subway.yaml" }));
            Assert.That(Paths("sub"), Is.EqualTo(new[] { "sub/a.yaml", "sub/deeper/b.yaml" }));
            Assert.That(Paths("sub/deeper/b.yaml"), Is.EqualTo(new[] { "sub/deeper/b.yaml" }));
            Assert.That(Paths("sub/deeper", "other.yaml"), Is.EqualTo(new[] { "other.yaml", "sub/deeper/b.yaml" }));
            Assert.That(Paths("su"), Is.Empty);
            Assert.That(Run(repository, analyzers, reportPaths: ["sub"]).FileCount, Is.EqualTo(4));
            Assert.That(Run(repository, analyzers, reportPaths: ["sub"]).Project.Templates, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public void Options_GetOption_ParsesConfiguredTextElseDefault()
    {
        var option = RuleOptions.Days("PL3902.window_days", 14, "Days", minimum: 1);
        var configured = Options with { RuleOptionValues = ImmutableDictionary<string, string>.Empty.Add("PL3902.window_days", "30") };
        var invalid = Options with { RuleOptionValues = ImmutableDictionary<string, string>.Empty.Add("PL3902.window_days", "0") };

        Assert.Multiple(() =>
        {
            Assert.That(Options.GetOption(option), Is.EqualTo(14));
            Assert.That(configured.GetOption(option), Is.EqualTo(30));
            Assert.That(invalid.GetOption(option), Is.EqualTo(14));
            Assert.That(option.Validate("0"), Is.EqualTo("expected a whole number of days, at least 1"));
            Assert.That(option.Validate("7"), Is.Null);
            Assert.That(option.RuleId, Is.EqualTo("PL3902"));
            Assert.That(option.DefaultText, Is.EqualTo("14"));
        });
    }

    [Test]
    public void Options_PatternWithABuiltDefault_KeepsItAndCompilesConfiguredText()
    {
        var builtDefault = new System.Text.RegularExpressions.Regex("^todo$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        var option = RuleOptions.Pattern("PL3902.placeholder_pattern", builtDefault, "Placeholders");
        var configured = Options with { RuleOptionValues = ImmutableDictionary<string, string>.Empty.Add("PL3902.placeholder_pattern", "^n/a$") };
        var invalid = Options with { RuleOptionValues = ImmutableDictionary<string, string>.Empty.Add("PL3902.placeholder_pattern", "(?<=x)n/a") };

        Assert.Multiple(() =>
        {
            Assert.That(option.DefaultText, Is.EqualTo("^todo$"));
            Assert.That(Options.GetOption(option), Is.SameAs(builtDefault));
            Assert.That(configured.GetOption(option).Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking), Is.True);
            Assert.That(configured.GetOption(option).IsMatch("N/A"), Is.True, "case-insensitive");
            Assert.That(invalid.GetOption(option), Is.SameAs(builtDefault), "an invalid configured pattern falls back to the default");
            Assert.That(() => RuleOptions.Pattern("PL3902.placeholder_pattern", new System.Text.RegularExpressions.Regex("^todo$"), "Placeholders"),
                Throws.ArgumentException.With.Message.StartsWith("the default pattern for PL3902.placeholder_pattern must be case-insensitive and culture-invariant"));
        });
    }

    [Test]
    public void Options_Pattern_IsLinearTimeCaseInsensitiveAndValidated()
    {
        var option = RuleOptions.Pattern("PL3902.placeholder_pattern", "^todo$", "Placeholders");
        var configured = Options with { RuleOptionValues = ImmutableDictionary<string, string>.Empty.Add("PL3902.placeholder_pattern", "(a+)+$") };

        Assert.Multiple(() =>
        {
            Assert.That(option.DefaultText, Is.EqualTo("^todo$"));
            Assert.That(Options.GetOption(option).IsMatch("TODO"), Is.True, "case-insensitive");
            Assert.That(Options.GetOption(option).Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking), Is.True);
            Assert.That(option.Validate("^(n/a|xxx)$"), Is.Null);
            Assert.That(option.Validate(""), Is.EqualTo("expected a regular expression, not an empty value (it would match every value)"));
            Assert.That(option.Validate("(todo"), Is.EqualTo("not a valid regular expression (InsufficientClosingParentheses at offset 5)"));
            Assert.That(option.Validate("(?<=x)todo"), Does.StartWith("the pattern uses a construct that linear-time matching does not support ("));
            Assert.That(option.Validate(@"(\w)\1"), Does.StartWith("the pattern uses a construct that linear-time matching does not support ("));
            // The classic catastrophic-backtracking pattern: 2^40 paths for a backtracking engine (which would hit
            // the match timeout and throw), one linear pass here.
            Assert.That(() => configured.GetOption(option).IsMatch(new string('a', 40) + "!"), Throws.Nothing);
            Assert.That(configured.GetOption(option).IsMatch(new string('a', 40) + "!"), Is.False);
        });
    }
}
