using NUnit.Framework;
using PolicyLint.Rules.FindingNotification;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.FindingNotification;

public sealed class MismatchedFindingPatternAnalyzerTests
{
    private const string CaseSensitive = "because EventBridge compares values case-sensitively";

    /// <summary>A template with one <c>AWS::Events::Rule</c> 'FindingsRule' whose <c>EventPattern</c> is
    /// <paramref name="pattern"/> (indented by eight spaces).</summary>
    private static string RuleWithPattern(string pattern) => $"""
        Resources:
          FindingsRule:
            Type: AWS::Events::Rule
            Properties:
              EventPattern:
        {pattern}
        """;

    /// <summary>The reference pattern's source and detail-type, and <paramref name="detail"/> under <c>detail</c>
    /// (indented by ten spaces).</summary>
    private static string RuleWithDetail(string detail) => RuleWithPattern($"""
                source: [aws.inspector2]
                detail-type: [Inspector2 Finding]
                detail:
        {detail}
        """);

    [Test]
    public void DoesNotReport_TheReferencePattern() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [HIGH, CRITICAL]
                      status: [ACTIVE]
            """))
        .Verify();

    [Test]
    public void DoesNotReport_WithoutSeverityAndStatus() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
            """))
        .Verify();

    [Test]
    public void DoesNotReport_WhenMoreSeveritiesAndStatusesAreMatched() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [MEDIUM, HIGH, CRITICAL, UNTRIAGED]
                      status: [ACTIVE, SUPPRESSED]
                      resources:
                        type: [AWS_LAMBDA_FUNCTION]
            """))
        .Verify();

    [Test]
    public void DoesNotReport_OnARuleForAnotherService() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.guardduty]
                    detail-type: [GuardDuty Finding]
                    Detail:
                      severity: [high]
                      status: [CLOSED]
            """))
        .Verify();

    [Test]
    public void Reports_LowerCaseSeverities_AtEachValue() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [{|#0:high|}, {|#1:critical|}]
                      status: [ACTIVE]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.severity 'high', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'HIGH'")
        .Expect(1, "PL4002", $"Rule 'FindingsRule' lists detail.severity 'critical', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'CRITICAL'")
        .Verify();

    [Test]
    public void Reports_ALookAlikeSeverity_EvenBesideTheRightValues() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity:
                        - HIGH
                        - CRITICAL
                        - {|#0:"Medium"|}
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.severity 'Medium', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'MEDIUM'")
        .Verify();

    [Test]
    public void Reports_ATypo_WithoutTheCaseExplanation() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [HIGH, {|#0:CRTICAL|}]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' lists detail.severity 'CRTICAL', which matches no Amazon Inspector finding; Amazon Inspector sends 'CRITICAL'")
        .Verify();

    [Test]
    public void Reports_AtTheSeverityKey_WhenHighIsMissing() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      {|#0:severity|}: [MEDIUM, CRITICAL]
                      status: [ACTIVE]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out HIGH findings (detail.severity); match 'HIGH'")
        .Verify();

    [Test]
    public void Reports_AtTheSeverityKey_OnceForBothMissingValues() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      {|#0:severity|}:
                        - LOW
                        - MEDIUM
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out HIGH and CRITICAL findings (detail.severity); match 'HIGH' and 'CRITICAL'")
        .Verify();

    [Test]
    public void Reports_ALookAlikeAndTheValueNothingExplains() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      {|#0:severity|}: [{|#1:high|}]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out CRITICAL findings (detail.severity); match 'CRITICAL'")
        .Expect(1, "PL4002", $"Rule 'FindingsRule' lists detail.severity 'high', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'HIGH'")
        .Verify();

    [Test]
    public void Reports_AtTheStatusKey_WhenOnlyClosedIsMatched() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [HIGH, CRITICAL]
                      {|#0:status|}: [CLOSED]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out ACTIVE findings (detail.status); match 'ACTIVE'")
        .Verify();

    [TestCase("[{ anything-but: ACTIVE }]")]
    [TestCase("[{ anything-but: [SUPPRESSED, ACTIVE] }]")]
    [TestCase("[{ anything-but: { prefix: ACT } }]")]
    [TestCase("[{ anything-but: { equals-ignore-case: [active] } }]")]
    [TestCase("[{ anything-but: { wildcard: \"*IVE\" } }]")]
    [TestCase("[{ anything-but: { suffix: [ED, VE] } }]")]
    [TestCase("[{ exists: false }]")]
    [TestCase("[{ numeric: [\">\", 0] }]")]
    [TestCase("[null]")]
    [TestCase("[]")]
    public void Reports_AtTheStatusKey_WhenAnOperatorFiltersOutActive(string status) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail($"""
                      {"{|#0:status|}"}: {status}
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out ACTIVE findings (detail.status); match 'ACTIVE'")
        .Verify();

    [TestCase("[{ anything-but: [SUPPRESSED, CLOSED] }]")]
    [TestCase("[{ anything-but: CLOSED }]")]
    [TestCase("[{ anything-but: { prefix: [SUP, CLO] } }]")]
    [TestCase("[{ equals-ignore-case: active }]")]
    [TestCase("[{ prefix: AC }]")]
    [TestCase("[{ prefix: { equals-ignore-case: act } }]")]
    [TestCase("[{ suffix: IVE }]")]
    [TestCase("[{ suffix: { equals-ignore-case: ive } }]")]
    [TestCase("[{ wildcard: \"A*E\" }]")]
    [TestCase("[{ wildcard: \"*\" }]")]
    [TestCase("[{ exists: true }]")]
    [TestCase("[CLOSED, { prefix: A }]")]
    public void DoesNotReport_AnOperatorThatKeepsActive(string status) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail($"""
                      status: {status}
            """))
        .Verify();

    [TestCase("[{ anything-but: [INFORMATIONAL, LOW, MEDIUM] }]")]
    [TestCase("[{ anything-but: { prefix: [INFO, LOW, MED] } }]")]
    [TestCase("[{ wildcard: \"*I*\" }]")]
    [TestCase("[{ equals-ignore-case: high }, { equals-ignore-case: Critical }]")]
    public void DoesNotReport_SeverityOperatorsThatKeepHighAndCritical(string severity) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail($"""
                      severity: {severity}
            """))
        .Verify();

    [Test]
    public void Reports_AnOperandThatMissesOnlyByCase() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [{ prefix: {|#0:hi|} }, { suffix: {|#1:"ical"|} }]
                      status: [{ wildcard: {|#2:"act*"|} }]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.severity prefix 'hi', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'HIGH'")
        .Expect(1, "PL4002", $"Rule 'FindingsRule' lists detail.severity suffix 'ical', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'CRITICAL'")
        .Expect(2, "PL4002", $"Rule 'FindingsRule' lists detail.status wildcard 'act*', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'ACTIVE'")
        .Verify();

    [Test]
    public void Reports_AnEqualsIgnoreCaseOperandWithATypo() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [{ equals-ignore-case: {|#0:hihg|} }, CRITICAL]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' lists detail.severity equals-ignore-case 'hihg', which matches no Amazon Inspector finding; Amazon Inspector sends 'HIGH'")
        .Verify();

    [Test]
    public void Reports_AnAnythingButOperandThatExcludesNothing() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail("""
                      severity: [{ anything-but: { prefix: {|#0:low|} } }]
                      status: [{ anything-but: [{|#1:suppressed|}, CLOSED] }]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.severity anything-but prefix 'low', which excludes nothing {CaseSensitive}; Amazon Inspector sends 'LOW'")
        .Expect(1, "PL4002", $"Rule 'FindingsRule' lists detail.status anything-but 'suppressed', which excludes nothing {CaseSensitive}; Amazon Inspector sends 'SUPPRESSED'")
        .Verify();

    [Test]
    public void Reports_AWrongCaseSource_AtTheValue() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [{|#0:AWS.Inspector2|}]
                    detail-type: [Inspector2 Finding]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists source 'AWS.Inspector2', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'aws.inspector2'")
        .Verify();

    [Test]
    public void Reports_ATypoInDetailType_AtTheValue() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.inspector2]
                    detail-type: [{|#0:Inspector2_Finding|}]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' lists detail-type 'Inspector2_Finding', which matches no Amazon Inspector finding; Amazon Inspector sends 'Inspector2 Finding'")
        .Verify();

    [Test]
    public void Reports_InspectorClassicValues() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [{|#0:aws.inspector|}]
                    detail-type: [{|#1:Inspector Finding|}]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' lists source 'aws.inspector', which only Amazon Inspector Classic sends; Amazon Inspector sends 'aws.inspector2'")
        .Expect(1, "PL4002", "Rule 'FindingsRule' lists detail-type 'Inspector Finding', which only Amazon Inspector Classic sends; Amazon Inspector sends 'Inspector2 Finding'")
        .Verify();

    [Test]
    public void Reports_AtTheSourceKey_WhenTheSourceIsAnotherService() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    {|#0:source|}: [aws.securityhub]
                    detail-type: [Inspector2 Finding]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out Amazon Inspector findings (source); match 'aws.inspector2'")
        .Verify();

    [Test]
    public void Reports_AtTheDetailTypeKey_WhenItNamesAnotherEvent() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.inspector2]
                    {|#0:detail-type|}: [Security Hub Findings - Imported]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out Amazon Inspector findings (detail-type); match 'Inspector2 Finding'")
        .Verify();

    [TestCase("[Inspector2 Scan]")]
    [TestCase("[Inspector2 Coverage]")]
    [TestCase("[Inspector2 Scan, Inspector2 Coverage]")]
    [TestCase("[{ prefix: Inspector2 S }]")]
    public void DoesNotReport_ARuleForInspectorsScanOrCoverageEvents(string detailType) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern($"""
                    source: [aws.inspector2]
                    detail-type: {detailType}
                    detail:
                      scan-status: [INITIAL_SCAN_COMPLETE]
            """))
        .Verify();

    [Test]
    public void Reports_ANearMissOfTheFindingDetailType_BesideScanEvents() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Scan, {|#0:Inspector2 Findings|}]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' lists detail-type 'Inspector2 Findings', which matches no Amazon Inspector finding; Amazon Inspector sends 'Inspector2 Finding'")
        .Verify();

    [Test]
    public void Reports_EachKeySpeltLikeTheApi_AndChecksTheValuesUnderIt() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    {|#0:Source|}: [aws.inspector2]
                    {|#1:DetailType|}: [Inspector2 Finding]
                    {|#2:Detail|}:
                      {|#3:Severity|}: [{|#4:high|}, CRITICAL]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters on key 'Source', which Amazon Inspector finding events do not have because keys are case-sensitive, so it matches no event; write 'source'")
        .Expect(1, "PL4002", "Rule 'FindingsRule' filters on key 'DetailType', which Amazon Inspector finding events do not have, so it matches no event; write 'detail-type'")
        .Expect(2, "PL4002", "Rule 'FindingsRule' filters on key 'Detail', which Amazon Inspector finding events do not have because keys are case-sensitive, so it matches no event; write 'detail'")
        .Expect(3, "PL4002", "Rule 'FindingsRule' filters on key 'detail.Severity', which Amazon Inspector finding events do not have because keys are case-sensitive, so it matches no event; write 'detail.severity'")
        .Expect(4, "PL4002", "Rule 'FindingsRule' lists detail.severity 'high', which matches no Amazon Inspector finding because EventBridge compares values case-sensitively; Amazon Inspector sends 'HIGH'")
        .Verify();

    [TestCase("Detail-Type")]
    [TestCase("detail_type")]
    [TestCase("DETAIL-TYPE")]
    public void Reports_TheOnlyKeyThatNamesTheFindingEvents_WhenItIsMisspelt(string key) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern($$"""
                    {|#0:{{key}}|}: [Inspector2 Finding]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' filters on key '{key}', which Amazon Inspector finding events do not have{(key == "detail_type" ? "" : " because keys are case-sensitive")}, so it matches no event; write 'detail-type'")
        .Verify();

    [TestCase("[aws.inspector2, aws.guardduty]")]
    [TestCase("[aws.inspector2, AWS.Inspector2, aws.inspector]")]
    [TestCase("[{ prefix: aws. }]")]
    [TestCase("[{ anything-but: aws.ec2 }]")]
    public void DoesNotReport_ASourceListThatMatchesInspector(string source) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern($"""
                    source: {source}
                    detail-type: [Inspector2 Finding]
            """))
        .Verify();

    [TestCase("Source", "source", " because keys are case-sensitive")]
    [TestCase("detailType", "detail-type", "")]
    [TestCase("detail_type", "detail-type", "")]
    [TestCase("Detail", "detail", " because keys are case-sensitive")]
    [TestCase("details", "detail", "")]
    public void Reports_ALookAlikeTopLevelKey(string key, string intended, string why) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern($$"""
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    {|#0:{{key}}|}: [x]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' filters on key '{key}', which Amazon Inspector finding events do not have{why}, so it matches no event; write '{intended}'")
        .Verify();

    [TestCase("Severity", "severity", " because keys are case-sensitive", "[HIGH, CRITICAL]")]
    [TestCase("STATUS", "status", " because keys are case-sensitive", "[ACTIVE]")]
    [TestCase("sevrity", "severity", "", "[HIGH, CRITICAL]")]
    [TestCase("state", "status", "", "[ACTIVE]")]
    public void Reports_ALookAlikeDetailKey(string key, string intended, string why, string values) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithDetail($$"""
                      {|#0:{{key}}|}: {{values}}
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' filters on key 'detail.{key}', which Amazon Inspector finding events do not have{why}, so it matches no event; write 'detail.{intended}'")
        .Verify();

    [Test]
    public void DoesNotReport_OtherEventAndFindingKeys() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    account: ["111122223333"]
                    region: [eu-west-1]
                    resources: [{ prefix: "arn:aws:lambda:" }]
                    detail:
                      type: [PACKAGE_VULNERABILITY]
                      fixAvailable: ["YES"]
                      title: [{ prefix: CVE- }]
                      $or:
                        - severity: [HIGH]
                        - inspectorScore: [{ numeric: [">=", 7] }]
            """))
        .Verify();

    [Test]
    public void Reports_EachDefectOfAPatternWrittenAsAJsonString_AtTheEventPatternKey() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  {|#0:EventPattern|}: '{"source": ["aws.inspector2"], "detail-type": ["Inspector2 Finding"], "detail": {"severity": ["high", "CRITICAL"], "status": ["CLOSED"]}}'
            """)
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.severity 'high', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'HIGH'")
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out ACTIVE findings (detail.status); match 'ACTIVE'")
        .Verify();

    [Test]
    public void Reports_ALookAlikeKeyInAFoldedJsonStringPattern_AtTheEventPatternKey() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  {|#0:EventPattern|}: >-
                    {"source": ["aws.inspector2"], "detail-type": ["Inspector2 Finding"],
                     "detail": {"severity": ["HIGH", "CRITICAL"], "Status": ["ACTIVE"]}}
            """)
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters on key 'detail.Status', which Amazon Inspector finding events do not have because keys are case-sensitive, so it matches no event; write 'detail.status'")
        .Verify();

    [Test]
    public void Reports_APatternWrittenAsAJsonStringInAJsonTemplate_AtTheQuotedEventPatternKey() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "FindingsRule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": {
                    {|#0:"EventPattern"|}: "{\"source\": [\"aws.inspector2\"], \"detail\": {\"severity\": [\"HIGH\", \"CRITICAL\"], \"status\": [\"Active\"]}}"
                  }
                }
              }
            }
            """, "notify.json")
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.status 'Active', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'ACTIVE'")
        .Verify();

    [Test]
    public void DoesNotReport_TheReferencePatternWrittenAsAJsonStringInAJsonTemplate() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "FindingsRule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": {
                    "EventPattern": "{\"source\": [\"aws.inspector2\"], \"detail\": {\"severity\": [\"HIGH\", \"CRITICAL\"], \"status\": [\"ACTIVE\"]}}"
                  }
                }
              }
            }
            """, "notify.json")
        .Verify();

    [Test]
    public void Reports_InAJsonTemplate_AtTheQuotedValue() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            {
              "Resources": {
                "FindingsRule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": {
                    "EventPattern": {
                      "source": ["aws.inspector2"],
                      "detail-type": ["Inspector2 Finding"],
                      "detail": { "severity": ["HIGH", {|#0:"Critical"|}], {|#1:"status"|}: ["SUPPRESSED"] }
                    }
                  }
                }
              }
            }
            """, "notify.json")
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.severity 'Critical', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'CRITICAL'")
        .Expect(1, "PL4002", "Rule 'FindingsRule' filters out ACTIVE findings (detail.status); match 'ACTIVE'")
        .Verify();

    [TestCase("EventBridgeRule")]
    [TestCase("CloudWatchEvent")]
    public void Reports_InASamFunctionEvent(string type) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
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
                        Pattern:
                          source: [aws.inspector2]
                          detail-type: [Inspector2 Finding]
                          detail:
                            {|#0:status|}: [SUPPRESSED]
            """)
        .Expect(0, "PL4002", "Rule 'Notifier.Events.Findings' filters out ACTIVE findings (detail.status); match 'ACTIVE'")
        .Verify();

    [Test]
    public void Reports_InASamFunctionEventWhosePatternIsAJsonString_AtThePatternKey() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Notifier:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Findings:
                      Type: EventBridgeRule
                      Properties:
                        {|#0:Pattern|}: |
                          {"source": ["Aws.Inspector2"]}
            """)
        .Expect(0, "PL4002", $"Rule 'Notifier.Events.Findings' lists source 'Aws.Inspector2', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'aws.inspector2'")
        .Verify();

    [Test]
    public void Reports_ARuleOnACustomBus() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: security-events
                  EventPattern:
                    source: [aws.inspector2]
                    detail: { {|#0:severity|}: [LOW] }
            """)
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out HIGH and CRITICAL findings (detail.severity); match 'HIGH' and 'CRITICAL'")
        .Verify();

    [Test]
    public void Reports_ValuesFromParameterDefaults() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Severities: { Type: CommaDelimitedList, Default: "HIGH,CRITICAL" }
              ActiveStatus: { Type: String, Default: active }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail:
                      severity: !Ref Severities
                      status: [{|#0:!Ref ActiveStatus|}]
            """)
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.status 'active', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'ACTIVE'")
        .Verify();

    [Test]
    public void Reports_AFieldBuiltWithSplitAndSub() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Level: { Type: String, Default: CRITICAL }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail:
                      {|#0:severity|}: !Split [",", !Sub "MEDIUM,${Level}"]
            """)
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out HIGH findings (detail.severity); match 'HIGH'")
        .Verify();

    [Test]
    public void Reports_TheBranchOfALongFormFnIfThatTheConditionSelects() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: { "Fn::Equals": [{ Ref: Stage }, prod] }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail:
                      {|#0:status|}: { "Fn::If": [IsProd, [ACTIVE], [CLOSED]] }
            """)
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out ACTIVE findings (detail.status); match 'ACTIVE'")
        .Verify();

    [Test]
    public void DoesNotReport_WhenEitherBranchOfAnUndecidedFnIfMatches() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail:
                      status: !If [IsProd, [ACTIVE], [ACTIVE, SUPPRESSED]]
            """)
        .Verify();

    [Test]
    public void Reports_Unresolved_WhenTheDecidingValueIsAParameterWithoutDefault() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Wanted: { Type: String }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail:
                      {|#0:status|}: [CLOSED, !Ref Wanted]
            """)
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' matches ACTIVE findings (detail.status): parameter 'Wanted' has no default")
        .Verify();

    [Test]
    public void Reports_Unresolved_WhenAnAnythingButOperandIsAParameterWithoutDefault() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Ignored: { Type: String }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail:
                      {|#0:status|}: [{ anything-but: [CLOSED, !Ref Ignored] }]
            """)
        .Expect(0, "PL0002", "Cannot decide whether rule 'FindingsRule' matches ACTIVE findings (detail.status): parameter 'Ignored' has no default")
        .Verify();

    [Test]
    public void DoesNotReport_APatternBuiltWithSub() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Level: { Type: String, Default: low }
            Resources:
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: !Sub '{"source": ["aws.inspector2"], "detail": {"severity": ["${Level}"]}}'
            """)
        .Verify();

    /// <summary>A rule 'Name' on the default bus with a target, whose <c>EventPattern</c> is <paramref name="pattern"/>
    /// (indented by eight spaces), as a resource of a <c>Resources</c> section (indented by two spaces).</summary>
    private static string DeliveringRule(string name, string pattern, string extra = "") => $"""
          {name}:
            Type: AWS::Events::Rule
            Properties:{extra}
              EventPattern:
        {pattern}
              Targets:
                - Id: target
                  Arn: arn:aws:lambda:eu-west-1:111122223333:function:security-triage

        """;

    [Test]
    public void DoesNotReport_DeliberateTiering_WhenTheRulesTogetherCoverHighAndCritical() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("TriageRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [HIGH, CRITICAL]
                      status: [ACTIVE]
            """) + DeliveringRule("PagerRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [CRITICAL]
                      status: [ACTIVE]
                      resources:
                        type: [AWS_LAMBDA_FUNCTION]
            """))
        .Verify();

    [Test]
    public void DoesNotReport_TieringAcrossTemplates_OneRulePerSeverity() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("HighRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [HIGH]
            """), "tickets.yaml")
        .WithTemplate("Resources:\n" + DeliveringRule("CriticalRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [CRITICAL]
                      status: [ACTIVE, SUPPRESSED]
            """), "pager.yaml")
        .WithTemplate("Resources:\n" + DeliveringRule("AuditRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      status: [SUPPRESSED, CLOSED]
            """), "audit.yaml")
        .Verify();

    [Test]
    public void Reports_TheNarrowRule_WhenTheBroadRuleIsDisabled() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("TriageRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
            """, "\n      State: DISABLED") + DeliveringRule("PagerRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      {|#0:severity|}: [CRITICAL]
            """))
        .Expect(0, "PL4002", "Rule 'PagerRule' filters out HIGH findings (detail.severity); match 'HIGH'")
        .Verify();

    [TestCase("          resources:\n            type: [AWS_ECR_CONTAINER_IMAGE]", Description = "the broad rule watches container images only")]
    [TestCase("          type: [PACKAGE_VULNERABILITY]", Description = "another detail filter narrows the broad rule")]
    [TestCase("          severity: [HIGH, CRITICAL]\n          $or:\n            - status: [ACTIVE]", Description = "$or narrows the broad rule")]
    public void Reports_TheNarrowRule_WhenTheBroadRuleDoesNotCoverEveryLambdaFinding(string broadDetail) => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("TriageRule", $$"""
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
            {{broadDetail}}
            """) + DeliveringRule("PagerRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      {|#0:severity|}: [CRITICAL]
            """))
        .Expect(0, "PL4002", "Rule 'PagerRule' filters out HIGH findings (detail.severity); match 'HIGH'")
        .Verify();

    [Test]
    public void Reports_TheNarrowRule_WhenAMisspeltKeyMakesTheBroadRuleMatchNothing() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("TriageRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      {|#1:Status|}: [ACTIVE]
            """) + DeliveringRule("PagerRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      {|#0:severity|}: [CRITICAL]
            """))
        .Expect(0, "PL4002", "Rule 'PagerRule' filters out HIGH findings (detail.severity); match 'HIGH'")
        .Expect(1, "PL4002", "Rule 'TriageRule' filters on key 'detail.Status', which Amazon Inspector finding events do not have because keys are case-sensitive, so it matches no event; write 'detail.status'")
        .Verify();

    [Test]
    public void Reports_TheNarrowRule_WhenTheBroadRuleHasNoTarget_OrIsNotDeployed() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              UntargetedRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { source: [aws.inspector2], detail-type: [Inspector2 Finding] }
              ProdOnlyRule:
                Type: AWS::Events::Rule
                Condition: IsProd
                Properties:
                  EventPattern: { source: [aws.inspector2], detail-type: [Inspector2 Finding] }
                  Targets: [{ Id: t, Arn: arn:aws:sns:eu-west-1:111122223333:findings }]
              PagerRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      {|#0:severity|}: [CRITICAL]
                  Targets: [{ Id: t, Arn: arn:aws:sns:eu-west-1:111122223333:pager }]
            """)
        .Expect(0, "PL4002", "Rule 'PagerRule' filters out HIGH findings (detail.severity); match 'HIGH'")
        .Verify();

    [Test]
    public void Reports_ALookAlike_EvenWhenOtherRulesCoverEverything() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("TriageRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
            """) + DeliveringRule("PagerRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [{|#0:Critical|}]
            """))
        .Expect(0, "PL4002", $"Rule 'PagerRule' lists detail.severity 'Critical', which matches no Amazon Inspector finding {CaseSensitive}; Amazon Inspector sends 'CRITICAL'")
        .Verify();

    [Test]
    public void DoesNotReport_TieringWithASecurityHubRoute() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate("Resources:\n" + DeliveringRule("HubRule", """
                    source: [aws.securityhub]
                    detail-type: [Security Hub Findings - Imported]
                    detail:
                      findings:
                        ProductName: [Inspector]
                        Severity:
                          Label: [HIGH, CRITICAL]
                        RecordState: [ACTIVE]
                        Workflow:
                          Status: [NEW]
            """) + DeliveringRule("PagerRule", """
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail:
                      severity: [CRITICAL]
            """))
        .Verify();

    /// <summary>A Security Hub route for Inspector findings with <paramref name="findings"/> under
    /// <c>detail.findings</c> (indented by twelve spaces).</summary>
    private static string HubRule(string findings) => RuleWithPattern($"""
                source: [aws.securityhub]
                detail-type: [Security Hub Findings - Imported]
                detail:
                  findings:
        {findings}
        """);

    [Test]
    public void DoesNotReport_TheSecurityHubRouteOfTheExampleCase() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(HubRule("""
                        ProductName: [Inspector]
                        Severity:
                          Label: [HIGH, CRITICAL]
            """))
        .Verify();

    [Test]
    public void Reports_ASecurityHubRoute_ThatLeavesOutHighAndActive() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(HubRule("""
                        ProductArn: ["arn:aws:securityhub:eu-west-1::product/aws/inspector"]
                        Severity:
                          {|#0:Label|}: [CRITICAL]
                        {|#1:RecordState|}: [ARCHIVED]
                        Workflow:
                          {|#2:Status|}: [RESOLVED]
            """))
        .Expect(0, "PL4002", "Rule 'FindingsRule' filters out HIGH findings (detail.findings.Severity.Label); match 'HIGH'")
        .Expect(1, "PL4002", "Rule 'FindingsRule' filters out ACTIVE findings (detail.findings.RecordState); match 'ACTIVE'")
        .Expect(2, "PL4002", "Rule 'FindingsRule' filters out NEW findings (detail.findings.Workflow.Status); match 'NEW'")
        .Verify();

    [Test]
    public void Reports_ASecurityHubRoute_WithLookAlikeKeysAndValues() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(HubRule("""
                        ProductName: [{|#0:inspector|}]
                        {|#1:severity|}:
                          Label: [{|#2:high|}, CRITICAL]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail.findings.ProductName 'inspector', which matches no Amazon Inspector finding {CaseSensitive}; Security Hub sends 'Inspector'")
        .Expect(1, "PL4002", "Rule 'FindingsRule' filters on key 'detail.findings.severity', which Security Hub's imported findings do not have because keys are case-sensitive, so it matches no event; write 'detail.findings.Severity'")
        .Expect(2, "PL4002", $"Rule 'FindingsRule' lists detail.findings.Severity.Label 'high', which matches no Amazon Inspector finding {CaseSensitive}; Security Hub sends 'HIGH'")
        .Verify();

    [Test]
    public void Reports_ASecurityHubRoute_WhoseDetailTypeHasATypo() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(RuleWithPattern("""
                    source: [aws.securityhub]
                    detail-type: [{|#0:Security Hub Findings - imported|}]
            """))
        .Expect(0, "PL4002", $"Rule 'FindingsRule' lists detail-type 'Security Hub Findings - imported', which matches no Amazon Inspector finding {CaseSensitive}; Security Hub sends 'Security Hub Findings - Imported'")
        .Verify();

    [Test]
    public void DoesNotReport_ASecurityHubRuleForOtherProducts() => RuleTest.For<MismatchedFindingPatternAnalyzer>()
        .WithTemplate(HubRule("""
                        ProductName: [GuardDuty]
                        Severity:
                          Label: [high]
            """))
        .Verify();
}
