using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.ExclusionTags;

/// <summary>PL1006: reports an exclusion tag on a nested stack (<c>AWS::CloudFormation::Stack</c>,
/// <c>AWS::Serverless::Application</c>) whose child template is not analyzed: an S3 or HTTPS URL, an AWS Serverless
/// Application Repository application, or a local path that is no analyzed template. CloudFormation propagates the
/// stack's tags to the child stack's functions, so they are excluded, and no ledger entry can be checked for them. A
/// child template that is analyzed gets PL1001/PL1005 at its functions instead.</summary>
/// <remarks>Sources: AWS CloudFormation Template Reference, "AWS::CloudFormation::Stack" (<c>Tags</c>: "CloudFormation
/// also propagates these tags to the resources created in the stack"); AWS SAM Developer Guide,
/// "AWS::Serverless::Application" (<c>Location</c>, <c>Tags</c>).</remarks>
public sealed class UnanalyzedNestedStackExclusionTagAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the nested stack's logical ID; {1} the tag key; {2} where an inherited tag comes from;
    /// {3} the scan type (standard or code); {4} why the child template is not analyzed.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL1006",
        name: "UnanalyzedNestedStackExclusionTag",
        title: "Exclusion tag on a nested stack whose template is not analyzed",
        messageFormat: "Nested stack '{0}' has exclusion tag '{1}'{2}, which CloudFormation propagates to the functions of its child stack and so excludes them from Lambda {3} scanning, but {4}, so no ledger entry can be checked for those functions",
        category: RuleCategory.ExclusionTags,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "A nested stack (AWS::CloudFormation::Stack or AWS::Serverless::Application) carries an Amazon Inspector exclusion " +
                     "tag, which CloudFormation propagates to the resources of the child stack, but the child template is not in the " +
                     "repository (an S3 or HTTPS URL, a Serverless Application Repository application) or could not be analyzed, so " +
                     "PolicyLint cannot tell which functions are excluded nor check them against the ledger.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterTemplateAction(Analyze);

    private static void Analyze(TemplateAnalysisContext context)
    {
        foreach (var stack in context.Template.NestedStacks)
        {
            var subject = $"whether {stack.Describe()} passes an Inspector exclusion tag to the functions of its child stack";
            foreach (var unreadable in stack.UnreadableTags)
                context.ReportUnresolved(unreadable, subject, unreadable.Reason);
            if (stack.ChildProblem is not { } problem)
                continue; // the child's functions carry the tag: PL1001 and PL1005 check them

            foreach (var tag in stack.PropagatedTags)
            {
                var keys = tag.ResolveKey().LiteralTexts.ToHashSet(StringComparer.Ordinal);
                foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
                {
                    if (!keys.Contains(Shared.ExclusionTags.KeyFor(scanType)))
                        continue;
                    var value = tag.ResolveValue();
                    var target = Target(stack, tag);
                    if (value.LiteralTexts.Contains(Shared.ExclusionTags.ValueFor(scanType), StringComparer.Ordinal))
                    {
                        var origin = ReferenceEquals(tag.WrittenOn, stack) ? string.Empty : $" ({Shared.ExclusionTags.Origin(tag with { Route = tag.Route[1..] })})";
                        context.ReportDiagnostic(Rule, target, stack.LogicalId, Shared.ExclusionTags.KeyFor(scanType), origin, Shared.ExclusionTags.Name(scanType), problem);
                    }
                    else if (value.FirstUnknownStringReason is { } reason)
                        context.ReportUnresolved(new UnreadableTags(target, reason), $"whether the functions of {stack.Describe()} are excluded from Lambda {Shared.ExclusionTags.Name(scanType)} scanning", reason);
                }
            }
        }
    }

    /// <summary>At the tag's key in the stack's own <c>Tags</c>; for a tag the stack inherits, at its logical ID with the
    /// tag as a related location.</summary>
    private static DiagnosticTarget Target(NestedStack stack, PropagatedTag tag)
    {
        var key = tag.KeyText ?? (tag.ResolveKey().TryGetString(out var k) ? k : "?");
        if (ReferenceEquals(tag.WrittenOn, stack))
            return new DiagnosticTarget(tag.Location, stack.Resource.LogicalLocation, $"Properties.Tags.{key}", []);
        return new DiagnosticTarget(stack.Resource.Entry.Key.Location, stack.Resource.LogicalLocation, $"Properties.Tags.{key}", [])
            .WithRelated(tag.Location, tag.WrittenOn is { } parent ? $"Tag '{key}' set on {parent.Describe()}" : $"Tag '{key}' set for the whole stack in {tag.Location.Path}");
    }
}
