using NUnit.Framework;
using PolicyLint.Rules.FindingNotification;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.FindingNotification;

public sealed class UndeliverableFindingRuleAnalyzerTests
{
    private const string Pattern = """
              EventPattern:
                source: [aws.inspector2]
                detail-type: [Inspector2 Finding]
        """;

    private const string Topic = """
          FindingsTopic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: inspector-findings
        """;

    private const string TopicPolicy = """
          FindingsTopicPolicy:
            Type: AWS::SNS::TopicPolicy
            Properties:
              Topics: [!Ref FindingsTopic]
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { Service: events.amazonaws.com }
                    Action: sns:Publish
                    Resource: !Ref FindingsTopic
        """;

    private const string NoPolicyMessage = "Rule 'FindingsRule' cannot deliver Inspector findings: no topic policy lets events.amazonaws.com call sns:Publish on its target SNS topic 'FindingsTopic'; add an AWS::SNS::TopicPolicy that allows it";

    private const string AwsManagedKeyMessage = "Rule 'FindingsRule' cannot deliver Inspector findings: SNS topic 'FindingsTopic' is encrypted with the AWS managed key alias/aws/sns, whose key policy cannot let EventBridge use the key; use a customer managed KMS key whose key policy allows events.amazonaws.com";

    private const string NoTargetsMessage = "Rule 'FindingsRule' cannot deliver Inspector findings: it has no Targets; add one, such as an SNS topic that people subscribe to";

    /// <summary>A template with <see cref="Topic"/>, <see cref="TopicPolicy"/> and an Inspector rule 'FindingsRule'
    /// with <paramref name="properties"/> besides its pattern (indented by six spaces).</summary>
    private static string Notify(string properties) => $"""
        Resources:
        {Topic}
        {TopicPolicy}
          FindingsRule:
            Type: AWS::Events::Rule
            Properties:
        {Pattern}
        {properties}
        """;

    private const string TopicTarget = """
              Targets:
                - Id: findings-topic
                  Arn: !Ref FindingsTopic
        """;

    [Test]
    public void DoesNotReport_TheReferenceSetup() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate(Notify("      State: ENABLED\n" + TopicTarget))
        .Verify();

    [Test]
    public void Reports_ADisabledRule_AtState() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate(Notify("      {|#0:State|}: DISABLED\n" + TopicTarget))
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: State is DISABLED; set it to ENABLED")
        .Verify();

    [Test]
    public void Reports_AStateFromAParameterDefault() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Parameters:
              RuleState: {"{"} Type: String, Default: DISABLED {"}"}
            {Notify("      [|State|]: !Ref RuleState\n" + TopicTarget)}
            """)
        .Verify();

    [Test]
    public void Reports_TheStateALongFormFnIfSelects() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: { "Fn::Equals": [{ Ref: Stage }, prod] }
            {{Notify("      [|State|]: { \"Fn::If\": [IsProd, ENABLED, DISABLED] }\n" + TopicTarget)}}
            """)
        .Verify();

    [Test]
    public void Reports_Unresolved_WhenTheStateCannotBeKnown() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Parameters:
              RuleState: { Type: String }
            {{Notify("      {|#0:State|}: !Ref RuleState\n" + TopicTarget)}}
            """)
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' is enabled: parameter 'RuleState' has no default")
        .Verify();

    [Test]
    public void Reports_ARuleWithoutTargets_AtItsLogicalId() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              {"{|#0:FindingsRule|}"}:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            """)
        .Expect(0, "PL4003", NoTargetsMessage)
        .Verify();

    [Test]
    public void Reports_AnEmptyTargetList_AtTargets() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate(Notify("      {|#0:Targets|}: []"))
        .Expect(0, "PL4003", NoTargetsMessage)
        .Verify();

    [Test]
    public void Reports_TargetsThatAnFnIfRemoves() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Parameters:
              Notify: { Type: String, Default: "no" }
            Conditions:
              ShouldNotify: !Equals [!Ref Notify, "yes"]
            {{Notify("""
                  [|Targets|]: !If
                    - ShouldNotify
                    - [{ Id: findings-topic, Arn: !Ref FindingsTopic }]
                    - !Ref AWS::NoValue
            """)}}
            """)
        .Verify();

    [Test]
    public void Reports_Unresolved_WhenTheTargetsCannotBeKnown() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Parameters:
              Notify: { Type: String }
            Conditions:
              ShouldNotify: !Equals [!Ref Notify, "yes"]
            {{Notify("""
                  {|#0:Targets|}:
                    - !If [ShouldNotify, { Id: findings-topic, Arn: !Ref FindingsTopic }, !Ref Unknown]
            """)}}
            """)
        .Expect(0, "PL0002", "Cannot decide what rule 'FindingsRule' delivers to: 'Unknown' is not declared in the template")
        .Verify();

    [Test]
    public void Reports_ARuleOnACustomBus_WhenAnotherInspectorRuleIsOnTheDefaultBus() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
            {TopicPolicy}
              {"{|#1:DefaultRule|}"}:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  {"{|#0:EventBusName|}"}: security-events
            {Pattern}
            {TopicTarget}
            """)
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: it is on event bus 'security-events', and Amazon Inspector sends findings only to the default event bus; remove EventBusName")
        .ExpectRelated(0, 1, "rule 'DefaultRule' is on the default event bus")
        .Verify();

    [Test]
    public void Reports_ARuleOnABusItReferences_InAnotherTemplateThanTheDefaultBusRule() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
            {TopicPolicy}
              DefaultRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !Sub "arn:${"{"}AWS::Partition{"}"}:events:${"{"}AWS::Region{"}"}:${"{"}AWS::AccountId{"}"}:event-bus/default"
            {Pattern}
            {TopicTarget}
            """, "default.yaml")
        .WithTemplate("""
            Resources:
              SecurityBus:
                Type: AWS::Events::EventBus
                Properties: { Name: security-events }
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  {|#0:EventBusName|}: !GetAtt SecurityBus.Arn
                  EventPattern: { detail-type: [Inspector2 Finding] }
                  Targets: [{ Id: queue, Arn: "arn:aws:sqs:eu-west-1:111122223333:findings" }]
            """, "custom.yaml")
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: it is on event bus 'security-events', and Amazon Inspector sends findings only to the default event bus; remove EventBusName")
        .Verify();

    [Test]
    public void DoesNotReport_TheOnlyInspectorRule_WhenItIsOnACustomBus() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: security-events
                  State: DISABLED
            {Pattern}
            """)
        .Verify();

    [Test]
    public void Reports_Unresolved_ABusThatCannotBeKnown_WhenAnotherInspectorRuleIsOnTheDefaultBus() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Parameters:
              Bus: { Type: String }
            Resources:
            {{Topic}}
            {{TopicPolicy}}
              DefaultRule:
                Type: AWS::Events::Rule
                Properties:
            {{Pattern}}
            {{TopicTarget}}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  {|#0:EventBusName|}: !Ref Bus
            {{Pattern}}
            {{TopicTarget}}
            """)
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' is on the default event bus: parameter 'Bus' has no default")
        .Verify();

    [Test]
    public void Reports_ASnsTargetWithoutTopicPolicy_AtTargets() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              {"{|#1:FindingsTopic|}"}:
                Type: AWS::SNS::Topic
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  {"{|#0:Targets|}"}:
                    - Id: findings-topic
                      Arn: !GetAtt FindingsTopic.TopicArn
            """)
        .Expect(0, "PL4003", NoPolicyMessage)
        .ExpectRelated(0, 1, "SNS topic 'FindingsTopic'")
        .Verify();

    [Test]
    public void Reports_ATopicPolicyThatDoesNotLetEventBridgePublish_OncePerTarget() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
              OtherTopic:
                Type: AWS::SNS::Topic
              S3Policy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref FindingsTopic, !Ref OtherTopic]
                  PolicyDocument:
                    Statement:
                      - {"{"} Effect: Allow, Principal: {"{"} Service: s3.amazonaws.com {"}"}, Action: sns:Publish, Resource: "*" {"}"}
                      - {"{"} Effect: Deny, Principal: {"{"} Service: events.amazonaws.com {"}"}, Action: sns:Publish, Resource: "*" {"}"}
                      - {"{"} Effect: Allow, Principal: {"{"} Service: events.amazonaws.com {"}"}, Action: sns:Subscribe, Resource: "*" {"}"}
                      - {"{"} Effect: Allow, Principal: {"{"} Service: events.amazonaws.com {"}"}, Action: sns:Publish, Resource: !Ref OtherTopic {"}"}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  {"{|#0:Targets|}"}:
                    - {"{"} Id: findings-topic, Arn: !Ref FindingsTopic {"}"}
                    - {"{"} Id: other-topic, Arn: !Ref OtherTopic {"}"}
            """)
        .Expect(0, "PL4003", NoPolicyMessage)
        .Verify();

    [Test]
    public void Reports_WhenTheOnlyTopicPolicyIsForAnotherTopic() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
              OtherTopic:
                Type: AWS::SNS::Topic
              OtherTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref OtherTopic]
                  PolicyDocument:
                    Statement: {"{"} Effect: Allow, Principal: "*", Action: "*", Resource: "*" {"}"}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  {"{|#0:Targets|}"}: [{"{"} Id: findings-topic, Arn: !Ref FindingsTopic {"}"}]
            """)
        .Expect(0, "PL4003", NoPolicyMessage)
        .Verify();

    [TestCase("{ Service: events.amazonaws.com }", "sns:Publish", "!Ref FindingsTopic")]
    [TestCase("{ Service: [sqs.amazonaws.com, events.amazonaws.com] }", "[sns:Subscribe, sns:Publish]", "\"*\"")]
    [TestCase("{ Service: !Sub \"events.${AWS::URLSuffix}\" }", "SNS:Publish", "arn:aws:sns:eu-west-1:111122223333:inspector-findings")]
    [TestCase("\"*\"", "sns:*", "arn:aws:sns:*:*:inspector-*")]
    [TestCase("{ AWS: \"*\" }", "\"*\"", "!Sub \"arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:inspector-findings\"")]
    [TestCase("{ Service: events.amazonaws.com }", "sns:Pub*", "[!Ref FindingsTopic, !Ref AWS::NoValue]")]
    public void DoesNotReport_ATopicPolicyThatLetsEventBridgePublish(string principal, string action, string resource) => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
              FindingsTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref FindingsTopic]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {principal}
                        Action: {action}
                        Resource: {resource}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_ATopicInlinePolicy() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
              FindingsTopicInlinePolicy:
                Type: AWS::SNS::TopicInlinePolicy
                Properties:
                  TopicArn: !Ref FindingsTopic
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {"{"} Service: events.amazonaws.com {"}"}
                        Action: sns:Publish
                        Resource: !Ref FindingsTopic
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_APolicyDocumentWrittenAsAJsonString() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Resources:
            {{Topic}}
              FindingsTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref FindingsTopic]
                  PolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}'
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {{Pattern}}
            {{TopicTarget}}
            """)
        .Verify();

    [Test]
    public void Reports_APolicyDocumentWrittenAsAJsonStringForAnotherService() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Resources:
            {{Topic}}
              FindingsTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref FindingsTopic]
                  PolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}]}'
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {{Pattern}}
                  {|#0:Targets|}: [{ Id: findings-topic, Arn: !Ref FindingsTopic }]
            """)
        .Expect(0, "PL4003", NoPolicyMessage)
        .Verify();

    [Test]
    public void DoesNotReport_ATopicPolicyInAnotherTemplateThatNamesTheTopicByArn() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
            """, "notify.yaml")
        .WithTemplate("""
            Resources:
              FindingsTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:inspector-findings"]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: { Service: events.amazonaws.com }
                        Action: sns:Publish
                        Resource: "*"
            """, "policies.yaml")
        .Verify();

    [Test]
    public void Reports_ATopicImportedFromAnotherTemplate_WhenNoPolicyCoversIt() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#1:SharedTopic|}:
                Type: AWS::SNS::Topic
            Outputs:
              SharedTopicArn:
                Value: !Ref SharedTopic
                Export: { Name: shared-findings-topic }
            """, "shared.yaml")
        .WithTemplate($"""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  {"{|#0:Targets|}"}:
                    - Id: findings-topic
                      Arn: !ImportValue shared-findings-topic
            """, "notify.yaml")
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: no topic policy lets events.amazonaws.com call sns:Publish on its target SNS topic 'SharedTopic' (shared.yaml); add an AWS::SNS::TopicPolicy that allows it")
        .ExpectRelated(0, 1, "SNS topic 'SharedTopic'")
        .Verify();

    [Test]
    public void DoesNotReport_AnImportedTopic_WhenAPolicyImportsItToo() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              SharedTopic:
                Type: AWS::SNS::Topic
            Outputs:
              SharedTopicArn:
                Value: !Ref SharedTopic
                Export: { Name: !Sub "${Prefix}-topic" }
            Parameters:
              Prefix: { Type: String, Default: shared }
            """, "shared.yaml")
        .WithTemplate($"""
            Resources:
              SharedTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!ImportValue shared-topic]
                  PolicyDocument:
                    Statement: [{"{"} Effect: Allow, Principal: {"{"} Service: events.amazonaws.com {"}"}, Action: sns:Publish, Resource: "*" {"}"}]
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  Targets: [{"{"} Id: findings-topic, Arn: !ImportValue shared-topic {"}"}]
            """, "notify.yaml")
        .Verify();

    [TestCase("arn:aws:sns:eu-west-1:111122223333:central-security-findings")]
    [TestCase("!ImportValue central-security-findings")]
    [TestCase("!Sub \"arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}\"")]
    [TestCase("!Ref TopicArn")]
    public void DoesNotReport_ATopicOutsideTheProject(string arn) => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Parameters:
              TopicName: {"{"} Type: String {"}"}
              TopicArn: {"{"} Type: String {"}"}
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  Targets: [{"{"} Id: findings-topic, Arn: {arn} {"}"}]
            """)
        .Verify();

    [Test]
    public void Reports_ATopicNamedByALiteralArn_WhenNoPolicyCoversIt() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              {|#1:FindingsTopic|}:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: inspector-findings
            """, "topics.yaml")
        .WithTemplate($"""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  {"{|#0:Targets|}"}: [{"{"} Id: findings-topic, Arn: "arn:aws:sns:eu-west-1:111122223333:inspector-findings" {"}"}]
            """, "notify.yaml")
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: no topic policy lets events.amazonaws.com call sns:Publish on its target SNS topic 'FindingsTopic' (topics.yaml); add an AWS::SNS::TopicPolicy that allows it")
        .ExpectRelated(0, 1)
        .Verify();

    [Test]
    public void DoesNotReport_AMissingPolicy_WhenATemplateCannotBeParsed() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
            {Topic}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
            """, "notify.yaml")
        .WithTemplate("""
            Resources:
              FindingsTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [arn:aws:sns:eu-west-1:111122223333:inspector-findings]
                  PolicyDocument: { Statement: []
              {|PL0001:O|}ther:
                Type: AWS::SQS::Queue
            """, "policies.yaml")
        .Verify();

    [TestCase("alias/aws/sns")]
    [TestCase("arn:aws:kms:eu-west-1:111122223333:alias/aws/sns")]
    [TestCase("!Sub \"arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sns\"")]
    public void Reports_ATopicOnTheAwsManagedKey_AtKmsMasterKeyId(string key) => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              FindingsTopic:
                Type: AWS::SNS::Topic
                Properties:
                  {"{|#0:KmsMasterKeyId|}"}: {key}
            {TopicPolicy}
              {"{|#1:FindingsRule|}"}:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
            """)
        .Expect(0, "PL4003", AwsManagedKeyMessage)
        .ExpectRelated(0, 1, "rule 'FindingsRule' targets this topic")
        .Verify();

    [Test]
    public void Reports_ATopicOnTheAwsManagedKey_OnceForEveryRuleThatTargetsIt() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsTopic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: inspector-findings
                  {|#0:KmsMasterKeyId|}: alias/aws/sns
              FindingsTopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref FindingsTopic]
                  PolicyDocument:
                    Statement: [{ Effect: Allow, Principal: { Service: events.amazonaws.com }, Action: sns:Publish, Resource: "*" }]
            """, "topic.yaml")
        .WithTemplate($"""
            Resources:
              {"{|#1:CriticalRule|}"}:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  Targets: [{"{"} Id: a, Arn: "arn:aws:sns:eu-west-1:111122223333:inspector-findings" {"}"}]
              {"{|#2:HighRule|}"}:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  Targets: [{"{"} Id: b, Arn: "arn:aws:sns:eu-west-1:111122223333:inspector-findings" {"}"}]
            """, "rules.yaml")
        .Expect(0, "PL4003", "Rules 'CriticalRule' and 'HighRule' cannot deliver Inspector findings: SNS topic 'FindingsTopic' is encrypted with the AWS managed key alias/aws/sns, whose key policy cannot let EventBridge use the key; use a customer managed KMS key whose key policy allows events.amazonaws.com")
        .ExpectRelated(0, 1, "rule 'CriticalRule' targets this topic")
        .ExpectRelated(0, 2, "rule 'HighRule' targets this topic")
        .Verify();

    [TestCase("alias/inspector-findings")]
    [TestCase("arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")]
    [TestCase("!Ref FindingsKey")]
    [TestCase("alias/aws/lambda")]
    public void DoesNotReport_ATopicOnAnotherKey(string key) => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              FindingsKey:
                Type: AWS::KMS::Key
              FindingsTopic:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: {key}
            {TopicPolicy}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
            {TopicTarget}
            """)
        .Verify();

    [Test]
    public void Reports_RoleArnOnAnSnsTarget_AtRoleArn() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              {"{|#2:FindingsTopic|}"}:
                Type: AWS::SNS::Topic
            {TopicPolicy}
              EventsRole:
                Type: AWS::IAM::Role
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  Targets:
                    - Id: findings-topic
                      Arn: !Ref FindingsTopic
                      {"{|#0:RoleArn|}"}: !GetAtt EventsRole.Arn
                    - Id: central
                      Arn: arn:aws:sns:eu-west-1:111122223333:central-findings
                      {"{|#1:RoleArn|}"}: arn:aws:iam::111122223333:role/events
            """)
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: its SNS target 'findings-topic' sets RoleArn, but EventBridge publishes to an SNS topic through the topic policy, and delivery may fail with a role; remove RoleArn")
        .ExpectRelated(0, 2, "SNS topic 'FindingsTopic'")
        .Expect(1, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: its SNS target 'central' sets RoleArn, but EventBridge publishes to an SNS topic through the topic policy, and delivery may fail with a role; remove RoleArn")
        .Verify();

    [Test]
    public void DoesNotReport_RoleArnOnOtherTargets() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($"""
            Resources:
              FindingsQueue:
                Type: AWS::SQS::Queue
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {Pattern}
                  Targets:
                    - {"{"} Id: queue, Arn: !GetAtt FindingsQueue.Arn, RoleArn: arn:aws:iam::111122223333:role/events {"}"}
                    - {"{"} Id: stream, Arn: "arn:aws:kinesis:eu-west-1:111122223333:stream/findings", RoleArn: arn:aws:iam::111122223333:role/events {"}"}
                    - {"{"} Id: topic, Arn: "arn:aws:sns:eu-west-1:111122223333:central", RoleArn: !Ref AWS::NoValue {"}"}
            """)
        .Verify();

    [Test]
    public void Reports_InAJsonTemplate() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "FindingsTopic": { "Type": "AWS::SNS::Topic", "Properties": { {|#1:"KmsMasterKeyId"|}: "alias/aws/sns" } },
                "FindingsRule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": {
                    {|#2:"State"|}: "DISABLED",
                    "EventPattern": { "source": ["aws.inspector2"] },
                    {|#0:"Targets"|}: [{ "Id": "findings-topic", "Arn": { "Ref": "FindingsTopic" } }]
                  }
                }
              }
            }
            """, "notify.json")
        .Expect(0, "PL4003", NoPolicyMessage)
        .Expect(1, "PL4003", AwsManagedKeyMessage)
        .Expect(2, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: State is DISABLED; set it to ENABLED")
        .Verify();

    [TestCase("EventBridgeRule")]
    [TestCase("CloudWatchEvent")]
    public void Reports_ADisabledSamFunctionEvent(string type) => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Findings:
                      Type: {{type}}
                      Properties:
                        {|#0:State|}: DISABLED
                        Pattern: { source: [aws.inspector2] }
                    Critical:
                      Type: {{type}}
                      Properties:
                        {|#1:Enabled|}: false
                        Pattern: { source: [aws.inspector2] }
                    Active:
                      Type: {{type}}
                      Properties:
                        Enabled: true
                        Pattern: { source: [aws.inspector2] }
            """)
        .Expect(0, "PL4003", "Rule 'Notifier.Events.Findings' cannot deliver Inspector findings: State is DISABLED; set it to ENABLED")
        .Expect(1, "PL4003", "Rule 'Notifier.Events.Critical' cannot deliver Inspector findings: Enabled is false; remove it or set it to true")
        .Verify();

    [Test]
    public void Reports_ASamFunctionEventOnACustomBus_WhenAnotherInspectorRuleIsOnTheDefaultBus() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    OnDefault:
                      Type: EventBridgeRule
                      Properties:
                        Pattern: { source: [aws.inspector2] }
                    OnCustom:
                      Type: EventBridgeRule
                      Properties:
                        {|#0:EventBusName|}: security-events
                        Pattern: { source: [aws.inspector2] }
            """)
        .Expect(0, "PL4003", "Rule 'Notifier.Events.OnCustom' cannot deliver Inspector findings: it is on event bus 'security-events', and Amazon Inspector sends findings only to the default event bus; remove EventBusName")
        .Verify();

    [Test]
    public void Reports_ANearMissInspectorRule() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  {|#0:State|}: DISABLED
                  EventPattern: { source: [AWS.Inspector2] }
                  Targets: [{ Id: queue, Arn: "arn:aws:sqs:eu-west-1:111122223333:findings" }]
            """)
        .Expect(0, "PL4003", "Rule 'FindingsRule' cannot deliver Inspector findings: State is DISABLED; set it to ENABLED")
        .Verify();

    [Test]
    public void DoesNotReport_RulesForOtherEvents() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsTopic:
                Type: AWS::SNS::Topic
                Properties: { KmsMasterKeyId: alias/aws/sns }
              GuardDutyRule:
                Type: AWS::Events::Rule
                Properties:
                  State: DISABLED
                  EventBusName: security-events
                  EventPattern: { source: [aws.guardduty] }
                  Targets: [{ Id: topic, Arn: !Ref FindingsTopic, RoleArn: arn:aws:iam::111122223333:role/events }]
              NightlyRule:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: rate(1 day)
            """)
        .Verify();

    [Test]
    public void Reports_ASecurityHubRouteToATopicWithoutPolicy_AndWithoutTargets() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Resources:
            {{Topic}}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.securityhub]
                    detail-type: [Security Hub Findings - Imported]
                    detail: { findings: { ProductName: [Inspector] } }
                  {|#0:Targets|}:
                    - Id: findings-topic
                      Arn: !Ref FindingsTopic
              {|#1:UntargetedRule|}:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { source: [aws.securityhub] }
            """)
        .Expect(0, "PL4003", NoPolicyMessage)
        .Expect(1, "PL4003", "Rule 'UntargetedRule' cannot deliver Inspector findings: it has no Targets; add one, such as an SNS topic that people subscribe to")
        .Verify();

    [Test]
    public void Reports_ASecurityHubRouteOnACustomBus_BesideOneOnTheDefaultBus() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate($$"""
            Resources:
            {{Topic}}
            {{TopicPolicy}}
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
            {{Pattern}}
            {{TopicTarget}}
              HubRule:
                Type: AWS::Events::Rule
                Properties:
                  {|#0:EventBusName|}: security-events
                  EventPattern: { source: [aws.securityhub], detail-type: [Security Hub Findings - Imported] }
            {{TopicTarget}}
            """)
        .Expect(0, "PL4003", "Rule 'HubRule' cannot deliver Inspector findings: it is on event bus 'security-events', and Security Hub sends its events only to the default event bus; remove EventBusName")
        .Verify();

    [Test]
    public void DoesNotReport_ASecurityHubRuleForOtherProducts() => RuleTest.For<UndeliverableFindingRuleAnalyzer>()
        .WithTemplate("""
            Resources:
              GuardDutyRule:
                Type: AWS::Events::Rule
                Properties:
                  State: DISABLED
                  EventPattern:
                    source: [aws.securityhub]
                    detail: { findings: { ProductName: [GuardDuty] } }
            """)
        .Verify();
}
