using System.Runtime.CompilerServices;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// Follows references to SNS topics across the project's templates (<c>Ref</c>, <c>Fn::GetAtt …TopicArn</c>,
/// <c>Fn::ImportValue</c> of another template's export, a literal or <c>Fn::Sub</c> ARN matched by <c>TopicName</c>),
/// and reads what EventBridge needs to publish to a topic: a topic policy for <c>events.amazonaws.com</c>, and a key
/// other than the AWS managed <c>alias/aws/sns</c>.
/// </summary>
/// <remarks>Sources: AWS re:Post Knowledge Center, "Why isn't my Amazon SNS topic receiving notifications from my
/// EventBridge rule?" (sns-not-getting-eventbridge-notification); Amazon EventBridge User Guide, "Using
/// resource-based policies for Amazon EventBridge" (eb-use-resource-based.html).</remarks>
public static class SnsTopics
{
    /// <summary>The resource type of a topic.</summary>
    public const string TopicType = "AWS::SNS::Topic";

    /// <summary>The alias of the AWS managed key for SNS.</summary>
    public const string AwsManagedKeyAlias = "alias/aws/sns";

    /// <summary>The service principal EventBridge publishes as.</summary>
    public const string EventBridgePrincipal = "events.amazonaws.com";

    private const int MaxImportDepth = 4;

    private static readonly ConditionalWeakTable<IReadOnlyList<TemplateModel>, ProjectTopics> Indexes = new();

    /// <summary>What <paramref name="value"/> (resolved in <paramref name="template"/>) may name; a list names each
    /// of its items. Never empty for a value that is not <c>AWS::NoValue</c>.</summary>
    /// <param name="templates">The project's templates (the index of topics and policies is built once per list instance).</param>
    /// <param name="template">The template <paramref name="value"/> was resolved in.</param>
    /// <param name="value">The resolved value, e.g. a rule target's <c>Arn</c>.</param>
    public static IReadOnlyList<TopicReference> Resolve(IReadOnlyList<TemplateModel> templates, TemplateModel template, ResolvedValue value) =>
        [.. value.Alternatives.SelectMany(a => Resolve(templates, template, a, 0))];

    /// <summary>The topic's <c>TopicName</c> when it resolves to one string, else null (a generated name).</summary>
    public static string? TopicName(Resource topic) =>
        topic.Properties?.GetValue("TopicName") is { } node && topic.Template.Resolver.Resolve(node).TryGetString(out var name) ? name : null;

    /// <summary>
    /// Whether a topic policy of the project (<c>AWS::SNS::TopicPolicy</c> or <c>AWS::SNS::TopicInlinePolicy</c>)
    /// may let <c>events.amazonaws.com</c> call <c>sns:Publish</c> on <paramref name="topic"/>. Whatever cannot be
    /// decided counts as allowing: a policy whose topics or statements cannot be resolved, a <c>"*"</c> principal,
    /// <c>NotPrincipal</c> or <c>NotAction</c>, a resource pattern.
    /// </summary>
    /// <param name="templates">The project's templates.</param>
    /// <param name="topic">The topic.</param>
    public static bool HasEventBridgePublishPolicy(IReadOnlyList<TemplateModel> templates, Resource topic)
    {
        var index = IndexOf(templates);
        var policies = index.PoliciesByTopic.TryGetValue(topic, out var own) ? own.Concat(index.PoliciesOfUnknownTopics) : index.PoliciesOfUnknownTopics;
        return policies.Any(p => MayAllowEventBridgePublish(p.Template, p.Properties.GetValue("PolicyDocument"), topic));
    }

    /// <summary>The topic's <c>KmsMasterKeyId</c> when it names the AWS managed key <c>alias/aws/sns</c> (the bare
    /// alias or an ARN ending in <c>:alias/aws/sns</c>) in any alternative, else null.</summary>
    public static EffectiveProperty? AwsManagedKey(Resource topic)
    {
        if (topic.GetProperty("KmsMasterKeyId") is not { } key)
            return null;
        var value = topic.Template.Resolver.Resolve(key.Value);
        return value.Alternatives.Any(a => a switch
        {
            LiteralValue { Text: var text } => KmsKeys.IsAwsManaged(text, AwsManagedKeyAlias),
            PartialStringValue { KnownSuffix: var suffix } => suffix.EndsWith(":" + AwsManagedKeyAlias, StringComparison.Ordinal),
            _ => false,
        }) ? key : null;
    }

    private static IEnumerable<TopicReference> Resolve(IReadOnlyList<TemplateModel> templates, TemplateModel template, ValueAlternative value, int depth)
    {
        switch (value)
        {
            case NoValue:
                return [];
            case ListValue list:
                return list.Items.SelectMany(item => item.Alternatives.SelectMany(a => Resolve(templates, template, a, depth)));
            case ResourceReferenceValue { ResourceType: TopicType, Attribute: null or "TopicArn" } reference:
                return [new TopicReference(TopicKind.Topic, template.GetResource(reference.LogicalId))];
            case ResourceReferenceValue:
                return [new TopicReference(TopicKind.NotTopic, null)];
            case LiteralValue { Text: var arn }:
                return [FromArn(templates, arn)];
            case PartialStringValue partial:
                return [FromArn(templates, partial.Pattern)];
            case ImportedValue imported when depth < MaxImportDepth
                && imported.ExportName.TryGetString(out var exportName) && StackExports.Find(templates, exportName) is { } export:
                var exported = export.Template.Resolver.Resolve(export.Value);
                return exported.Alternatives.SelectMany(a => Resolve(templates, export.Template, a, depth + 1));
            default:
                return [new TopicReference(TopicKind.Unknown, null)];
        }
    }

    /// <summary>Reads an ARN (holes written <c>${…}</c>): an SNS ARN names the project's topic with that
    /// <c>TopicName</c> when exactly one has it, else an external topic; a name that is not known is unknown.</summary>
    private static TopicReference FromArn(IReadOnlyList<TemplateModel> templates, string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length < 6 || parts[0] != "arn")
            return new TopicReference(arn.Contains("${", StringComparison.Ordinal) ? TopicKind.Unknown : TopicKind.NotTopic, null);
        if (parts[2] != "sns")
            return new TopicReference(parts[2].Contains("${", StringComparison.Ordinal) ? TopicKind.Unknown : TopicKind.NotTopic, null);
        var name = parts[^1];
        if (name.Contains("${", StringComparison.Ordinal))
            return new TopicReference(TopicKind.Unknown, null);
        var topics = IndexOf(templates).TopicsByName.GetValueOrDefault(name) ?? [];
        return topics.Count switch
        {
            1 => new TopicReference(TopicKind.Topic, topics[0]),
            0 => new TopicReference(TopicKind.External, null),
            _ => new TopicReference(TopicKind.Unknown, null),
        };
    }

    private static bool MayAllowEventBridgePublish(TemplateModel template, SyntaxNode? document, Resource topic)
    {
        if (document is null)
            return true;
        var literalOnly = false;
        var node = document.Resolve();
        if (node is ScalarNode { IsNull: false } text)
        {
            // A policy written as a JSON string, read when the template was bound (EmbeddedDocuments).
            if (template.EmbeddedDocuments.Document(text) is not { } parsed)
                return true;
            node = parsed;
            literalOnly = true;
        }

        if (node is not MappingNode policy || (!literalOnly && IntrinsicFunction.Is(policy)))
            return true;
        var statements = policy.GetValue("Statement") switch
        {
            MappingNode single => [single],
            SequenceNode list => list.Items.Select(i => i.Resolve()).ToList(),
            null => [],
            var other => [other],
        };
        foreach (var statement in statements)
        {
            if (statement is not MappingNode body || (!literalOnly && IntrinsicFunction.Is(body)))
                return true;
            if (body.Find("NotPrincipal") is not null || body.Find("NotAction") is not null)
                return true;
            var effect = Strings(template, body.GetValue("Effect"), literalOnly);
            if (!effect.Any(e => e is null or "Allow"))
                continue;
            if (AllowsEventBridge(template, body.GetValue("Principal"), literalOnly)
                && Strings(template, body.GetValue("Action"), literalOnly).Any(a => a is null || IamPatternMatches(a, "sns:Publish"))
                && NamesTopic(template, body.GetValue("Resource"), topic, literalOnly))
                return true;
        }

        return false;
    }

    private static bool AllowsEventBridge(TemplateModel template, SyntaxNode? principal, bool literalOnly)
    {
        switch (principal?.Resolve())
        {
            case null:
                return false;
            case ScalarNode { Value: "*" }:
                return true;
            case MappingNode mapping when literalOnly || !IntrinsicFunction.Is(mapping):
                return Strings(template, mapping.GetValue("Service"), literalOnly).Any(s => s is null or EventBridgePrincipal)
                    || Strings(template, mapping.GetValue("AWS"), literalOnly).Any(s => s is null or "*");
            default:
                return Strings(template, principal, literalOnly).Any(s => s is null or "*");
        }
    }

    /// <summary>Whether a statement's <c>Resource</c> may name <paramref name="topic"/>: absent, unknown, a pattern, a
    /// reference to it, or an SNS ARN with its name.</summary>
    private static bool NamesTopic(TemplateModel template, SyntaxNode? resource, Resource topic, bool literalOnly)
    {
        if (resource is null)
            return true;
        var name = TopicName(topic);
        if (!literalOnly)
        {
            var resolved = template.Resolver.Resolve(resource);
            var items = resolved.Alternatives.SelectMany(a => a is ListValue l ? l.Items.SelectMany(i => i.Alternatives) : [a]);
            return items.Any(a => a switch
            {
                ResourceReferenceValue r => ReferenceEquals(template, topic.Template) && r.LogicalId == topic.LogicalId,
                LiteralValue { Text: var arn } => ArnMayName(arn, name),
                NoValue => false,
                _ => true,
            });
        }

        return Strings(template, resource, literalOnly).Any(a => a is null || ArnMayName(a, name));
    }

    private static bool ArnMayName(string arn, string? topicName)
    {
        if (arn.Contains('*', StringComparison.Ordinal) || arn.Contains('?', StringComparison.Ordinal))
            return true;
        var parts = arn.Split(':');
        return parts.Length >= 6 && parts[2] == "sns" && (topicName is null || parts[^1] == topicName);
    }

    /// <summary>An IAM action pattern (<c>*</c> and <c>?</c>, case-insensitive) against an action.</summary>
    private static bool IamPatternMatches(string pattern, string action) =>
        // '?' (one character) is read as '*': it can only make more actions match, so no policy is missed.
        WildcardMatcher.Matches(pattern.Replace("?", "*", StringComparison.Ordinal), action, ignoreCase: true);

    /// <summary>The strings a policy field holds (a string or a list); null for a value that cannot be known.</summary>
    private static List<string?> Strings(TemplateModel template, SyntaxNode? node, bool literalOnly)
    {
        switch (node?.Resolve())
        {
            case null:
                return [];
            case ScalarNode scalar:
                return [scalar.Value];
            case SequenceNode list:
                return [.. list.Items.SelectMany(i => Strings(template, i, literalOnly))];
            case MappingNode mapping when !literalOnly && IntrinsicFunction.Is(mapping):
                var resolved = template.Resolver.Resolve(mapping);
                return [.. resolved.Alternatives.SelectMany<ValueAlternative, string?>(a => a switch
                {
                    LiteralValue l => [l.Text],
                    ListValue l => l.Items.SelectMany(i => i.Alternatives).Select(x => x is LiteralValue lit ? lit.Text : null),
                    NoValue => [],
                    _ => [null],
                })];
            default:
                return [null];
        }
    }

    private static ProjectTopics IndexOf(IReadOnlyList<TemplateModel> templates) => Indexes.GetValue(templates, p => new ProjectTopics(p));

    /// <summary>A topic policy resource (<c>AWS::SNS::TopicPolicy</c> or <c>AWS::SNS::TopicInlinePolicy</c>).</summary>
    private sealed record TopicPolicy(TemplateModel Template, MappingNode Properties);

    /// <summary>The project's topics by <c>TopicName</c> and its topic policies by the topic they apply to, built once
    /// per project so that following a rule's targets costs no scan of every template.</summary>
    private sealed class ProjectTopics
    {
        private readonly IReadOnlyList<TemplateModel> _project;

        private (Dictionary<Resource, List<TopicPolicy>> ByTopic, List<TopicPolicy> Unknown)? _policies;

        public ProjectTopics(IReadOnlyList<TemplateModel> templates)
        {
            _project = templates;
            foreach (var topic in templates.SelectMany(t => t.Resources).Where(r => r.Type == TopicType))
            {
                if (TopicName(topic) is not { } name)
                    continue;
                if (!TopicsByName.TryGetValue(name, out var list))
                    TopicsByName[name] = list = [];
                if (list.Count < 2)
                    list.Add(topic); // two are enough to know a name is ambiguous
            }
        }

        /// <summary>Up to two topics per <c>TopicName</c> (two: the name is ambiguous).</summary>
        public Dictionary<string, List<Resource>> TopicsByName { get; } = new(StringComparer.Ordinal);

        /// <summary>The policies whose topics include each topic, in project order.</summary>
        public Dictionary<Resource, List<TopicPolicy>> PoliciesByTopic => EnsurePolicies().ByTopic;

        /// <summary>The policies with a topic that cannot be known offline: they may apply to any topic.</summary>
        public List<TopicPolicy> PoliciesOfUnknownTopics => EnsurePolicies().Unknown;

        /// <summary>Reads the policies on first use: resolving their topics needs <see cref="TopicsByName"/> (ARNs),
        /// which the constructor builds first.</summary>
        private (Dictionary<Resource, List<TopicPolicy>> ByTopic, List<TopicPolicy> Unknown) EnsurePolicies()
        {
            lock (TopicsByName)
            {
                if (_policies is { } built)
                    return built;
                var byTopic = new Dictionary<Resource, List<TopicPolicy>>(ReferenceEqualityComparer.Instance);
                var unknown = new List<TopicPolicy>();
                foreach (var template in _project)
                {
                    foreach (var resource in template.Resources)
                    {
                        var topicsKey = resource.Type switch
                        {
                            "AWS::SNS::TopicPolicy" => "Topics",
                            "AWS::SNS::TopicInlinePolicy" => "TopicArn",
                            _ => null,
                        };
                        if (topicsKey is null || resource.Properties is not { } properties || properties.GetValue(topicsKey) is not { } topics)
                            continue;
                        var policy = new TopicPolicy(template, properties);
                        var references = Resolve(_project, template, template.Resolver.Resolve(topics));
                        if (references.Any(r => r.Kind == TopicKind.Unknown))
                        {
                            unknown.Add(policy);
                            continue;
                        }

                        foreach (var topic in references.Where(r => r.Kind == TopicKind.Topic && r.Topic is not null).Select(r => r.Topic!).Distinct())
                        {
                            if (!byTopic.TryGetValue(topic, out var list))
                                byTopic[topic] = list = [];
                            list.Add(policy);
                        }
                    }
                }

                _policies = (byTopic, unknown);
                return _policies.Value;
            }
        }
    }
}
