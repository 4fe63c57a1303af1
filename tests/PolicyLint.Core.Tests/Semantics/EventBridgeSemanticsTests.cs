using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Semantics;

/// <summary>The engine's reading of EventBridge rules, their event patterns and the JSON documents templates hold as
/// strings (moved from the rule pack: the rule-pack tests of PL4001–PL4005 cover them through the rules too).</summary>
public sealed class EventBridgeSemanticsTests
{
    private const string Rules = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Severity: {Type: String, Default: CRITICAL}
        Resources:
          AsString:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: '{"source": ["aws.inspector2"], "detail": {"severity": [{"prefix": "HIG"}]}}'
          Malformed:
            Type: AWS::Events::Rule
            Properties:
              EventBusName: orders
              EventPattern: '{"source": ["aws.inspector2"]'
          AsMapping:
            Type: AWS::Events::Rule
            Properties:
              EventBusName: !Sub "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"
              EventPattern:
                detail:
                  severity: [!Ref Severity, {anything-but: {wildcard: "LOW*"}}]
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Findings:
                  Type: EventBridgeRule
                  Properties:
                    Pattern: '{"detail-type": ["Inspector2 Finding"]}'
                Queue:
                  Type: SQS
                  Properties:
                    Pattern: '{"not": "read"}'
          Policy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics: [!Ref Topic]
              PolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}'
          Topic:
            Type: AWS::SNS::Topic
        """;

    [Test]
    public void EmbeddedDocuments_AreParsedWhenBound_OnlyAtDocumentProperties()
    {
        var template = Template(Rules);
        var properties = (string id) => template.GetResource(id)!.Properties!;
        var eventProperties = (MappingNode)((MappingNode)((MappingNode)properties("Worker").GetValue("Events")!).GetValue("Queue")!).GetValue("Properties")!;

        Assert.Multiple(() =>
        {
            // AsString, Malformed, Worker.Events.Findings, Policy: four strings read, one of them not a document.
            Assert.That(template.EmbeddedDocuments.Count, Is.EqualTo(4));
            Assert.That(template.EmbeddedDocuments.Document(properties("AsString").GetValue("EventPattern")!)?.Find("source"), Is.Not.Null);
            Assert.That(template.EmbeddedDocuments.Document(properties("Malformed").GetValue("EventPattern")!), Is.Null);
            Assert.That(template.EmbeddedDocuments.Document(properties("Policy").GetValue("PolicyDocument")!)?.Find("Statement"), Is.Not.Null);
            Assert.That(template.EmbeddedDocuments.Document(eventProperties.GetValue("Pattern")!), Is.Null, "an SQS event's Pattern is no event pattern");
            Assert.That(template.Problems, Is.Empty, "a malformed embedded document has no bind-time problem");
        });
    }

    [Test]
    public void EventBridgeRules_ReadPatternsAndBuses()
    {
        var template = Template(Rules);
        var rules = EventBridgeRules.Find([template]);

        Assert.That(rules.Select(r => $"{r.Name} {r.BodyPath} {r.BusKind} json={r.IsJsonStringPattern} pattern={r.Pattern is not null}"), Is.EqualTo(new[]
        {
            "AsString Properties Default json=True pattern=True",
            "Malformed Properties Custom json=False pattern=False",
            "AsMapping Properties Default json=False pattern=True",
            "Worker.Events.Findings Properties.Events.Findings.Properties Default json=True pattern=True",
        }));
        var events = (MappingNode)template.GetResource("Worker")!.Properties!.GetValue("Events")!;
        Assert.Multiple(() =>
        {
            Assert.That(rules[1].BusDescription, Is.EqualTo("event bus 'orders'"));
            Assert.That(rules[3].DeclarationTarget.PropertyPath, Is.EqualTo("Properties.Events.Findings"));
            Assert.That(rules[3].DeclarationLocation, Is.EqualTo(events.Find("Findings")!.Key.Location));
            Assert.That(rules[0].DeclarationLocation, Is.EqualTo(template.GetResource("AsString")!.Entry.Key.Location));
        });
    }

    [Test]
    public void PatternFields_MatchAsEventBridgeDoes()
    {
        var template = Template(Rules);
        var rules = EventBridgeRules.Find([template]);
        var severityInString = ((MappingNode)rules[0].Pattern!.GetValue("detail")!).Find("severity")!;
        var severityInYaml = ((MappingNode)rules[2].Pattern!.GetValue("detail")!).Find("severity")!;

        Assert.Multiple(() =>
        {
            Assert.That(rules[0].Matchers(severityInString).Select(m => m.GetType().Name + " " + m.OperatorText), Is.EqualTo(new[] { "AffixMatcher prefix " }));
            Assert.That(rules[0].Matches(severityInString, "HIGH"), Is.EqualTo(TriState.True));
            Assert.That(rules[0].Matches(severityInString, "high"), Is.EqualTo(TriState.False));
            Assert.That(rules[0].Matches(null, "anything"), Is.EqualTo(TriState.True));
            // !Ref Severity resolves to its default; anything-but wildcard excludes LOW and LOWER.
            Assert.That(rules[2].Matches(severityInYaml, "CRITICAL"), Is.EqualTo(TriState.True));
            Assert.That(rules[2].Matches(severityInYaml, "MEDIUM"), Is.EqualTo(TriState.True));
            Assert.That(rules[2].Matches(severityInYaml, "LOWER"), Is.EqualTo(TriState.False));
        });
    }

    [TestCase("*", "anything", true)]
    [TestCase("a*c", "abbbc", true)]
    [TestCase("a*c", "abbbd", false)]
    [TestCase(@"a\*c", "a*c", true)]
    [TestCase(@"a\*c", "abc", false)]
    [TestCase("Inspector2*", "inspector2 finding", false)]
    public void Wildcard(string pattern, string value, bool expected) =>
        Assert.That(WildcardMatcher.Matches(pattern, value, ignoreCase: false), Is.EqualTo(expected));

    [Test]
    public void SnsTopics_ReadsATopicPolicyWrittenAsAString()
    {
        var template = Template(Rules);
        var topic = template.GetResource("Topic")!;

        Assert.That(SnsTopics.HasEventBridgePublishPolicy([template], topic), Is.True);
    }

    [Test]
    public void SnsTopics_AMalformedPolicyStringMayAllow()
    {
        var template = Template("""
            Resources:
              Policy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref Topic]
                  PolicyDocument: '{"Statement": '
              Topic:
                Type: AWS::SNS::Topic
            """);
        var none = Template("""
            Resources:
              Policy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref Topic]
                  PolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}'
              Topic:
                Type: AWS::SNS::Topic
            """);

        Assert.Multiple(() =>
        {
            Assert.That(SnsTopics.HasEventBridgePublishPolicy([template], template.GetResource("Topic")!), Is.True);
            Assert.That(SnsTopics.HasEventBridgePublishPolicy([none], none.GetResource("Topic")!), Is.False);
        });
    }

    [Test]
    public void StackExports_FollowsAnExportByName_AndLeavesOutAmbiguousNames()
    {
        var exporter = Template("""
            Parameters:
              Prefix: {Type: String, Default: orders}
            Resources:
              Topic: {Type: AWS::SNS::Topic}
            Outputs:
              TopicArn:
                Value: !Ref Topic
                Export: {Name: !Sub "${Prefix}-alerts"}
              Twice:
                Value: x
                Export: {Name: shared}
            """);
        var other = Template("""
            Resources:
              Queue: {Type: AWS::SQS::Queue}
            Outputs:
              Again:
                Value: y
                Export: {Name: shared}
            """);
        var templates = new[] { exporter, other };

        Assert.Multiple(() =>
        {
            Assert.That(StackExports.Find(templates, "orders-alerts")?.Template, Is.SameAs(exporter));
            Assert.That(StackExports.Find(templates, "orders-alerts")?.Value.Location, Is.EqualTo(exporter.Root.Find("Outputs")!.Value is MappingNode outputs ? ((MappingNode)outputs.GetValue("TopicArn")!).GetValue("Value")!.Location : null));
            Assert.That(StackExports.Find(templates, "shared"), Is.Null);
            Assert.That(StackExports.Find(templates, "missing"), Is.Null);
        });
    }
}
