using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Tests.Analysis;

// Test-only analyzers: engine behaviour (driver, severities, reporters) is tested once, here (docs/style.md#rule-tests).

/// <summary>PL1901: reports every function at its logical ID.</summary>
internal sealed class FunctionAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL1901", "Function", "Function found", "Function '{0}'", RuleCategory.ExclusionTags, DiagnosticSeverity.Warning, "Reports every function.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterFunctionAction(c => c.ReportDiagnostic(Rule, c.Function.Resource.Target, c.Function.LogicalId));
}

/// <summary>PL1902: reports each queue twice, identically, and each topic at its Type key as an error.</summary>
internal sealed class RepeatingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL1902", "Repeating", "Resource found twice", "Resource '{0}'", RuleCategory.ExclusionTags, DiagnosticSeverity.Error, "Reports twice.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(
        c =>
        {
            c.ReportDiagnostic(Rule, c.Resource.Target, c.Resource.LogicalId);
            c.ReportDiagnostic(Rule, c.Resource.Target, c.Resource.LogicalId);
        },
        "AWS::SQS::Queue");
}

/// <summary>PL1903: throws on every function.</summary>
internal sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL1903", "Throwing", "Never reported", "Never", RuleCategory.ExclusionTags, DiagnosticSeverity.Warning, "Throws.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterFunctionAction(_ => throw new InvalidOperationException("boom"));
}

/// <summary>PL1904: reports a descriptor it does not declare.</summary>
internal sealed class UndeclaredDescriptorAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL1904", "UndeclaredDescriptor", "Declared", "Declared", RuleCategory.ExclusionTags, DiagnosticSeverity.Warning, "Declared.");

    private static readonly DiagnosticDescriptor Undeclared = DiagnosticDescriptor.Create(
        "PL1999", "Undeclared", "Undeclared", "Undeclared", RuleCategory.ExclusionTags, DiagnosticSeverity.Warning, "Undeclared.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterTemplateAction(c => c.ReportDiagnostic(Undeclared, c.Template.ResourcesTarget));
}

/// <summary>PL2901: resolves each function's KmsKeyArn (PL0002 when unknown) and reads Metadata through aliases.</summary>
internal sealed class ReadingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL2901", "Reading", "KmsKeyArn set", "Function '{0}' sets KmsKeyArn to {1}", RuleCategory.ScanCoverage, DiagnosticSeverity.Warning, "Reads values.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterFunctionAction(c =>
        {
            if (c.Function.KmsKeyArn is not { } key)
                return;
            var value = c.Resolve(key.Value);
            if (value.HasUnresolved)
                c.ReportUnresolved(key, "whether KmsKeyArn is set", value);
            else
                c.ReportDiagnostic(Rule, key, c.Function.LogicalId, value.ToString());
        });
        context.RegisterTemplateAction(c =>
        {
            foreach (var resource in c.Template.Resources)
            {
                if (resource.Properties?.GetValue("Walk") is { } walk)
                    Walk(walk);
            }
        });
    }

    private static void Walk(SyntaxNode node)
    {
        switch (node.Resolve())
        {
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                    Walk(item);
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                    Walk(entry.RawValue);
                break;
        }
    }
}

/// <summary>PL3901: a note on the ledger file when it exists.</summary>
internal sealed class LedgerAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL3901", "Ledger", "Ledger read", "The ledger has {0} entries", RuleCategory.LedgerHygiene, DiagnosticSeverity.Note, "Counts entries.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterLedgerAction(c =>
    {
        if (c.Ledger.Exists && !c.Ledger.IsBroken)
            c.ReportDiagnostic(Rule, DiagnosticTarget.At(PolicyLint.Core.Text.Location.FileLevel(c.Ledger.Source)), c.Ledger.Exclusions.Count);
    });
}

/// <summary>PL2902: a project action that walks every template's Metadata.Walk through aliases, then reports each
/// template it walked at its Resources key.</summary>
internal sealed class ProjectWalkingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "PL2902", "ProjectWalking", "Template walked", "Walked '{0}'", RuleCategory.ScanCoverage, DiagnosticSeverity.Note, "Walks every template.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(c =>
    {
        foreach (var template in c.Project.Templates)
        {
            foreach (var resource in template.Resources)
            {
                if (resource.Properties?.GetValue("Walk") is { } walk)
                    Walk(walk);
            }

            c.ReportDiagnostic(Rule, template.ResourcesTarget, template.Path);
        }
    });

    private static void Walk(SyntaxNode node)
    {
        switch (node.Resolve())
        {
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                    Walk(item);
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                    Walk(entry.RawValue);
                break;
        }
    }
}
