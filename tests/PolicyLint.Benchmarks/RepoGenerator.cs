using System.Globalization;
using System.Text;

namespace PolicyLint.Benchmarks;

/// <summary>
/// Writes synthetic SAM repositories for speed and scale checks: many templates (<see cref="WriteRepository"/>) or one
/// template with many functions (<see cref="WriteLargeTemplate"/>), each with an exclusion ledger that records many of
/// the excluded functions. The output depends only on the arguments (no randomness, no clock).
/// </summary>
/// <remarks>Every template mixes what the rules read: Globals tags and KMS keys, exclusion tags in map and list form,
/// <c>!Sub</c>/<c>!Ref</c>/<c>!If</c> names with parameter defaults and conditions, an EventBridge rule; about one
/// function in three carries an exclusion tag and two in three of those have a ledger entry (by name, by ARN, or by
/// template and logical ID), so PL1001, PL1005, PL2001, PL3001 and PL3004 all fire.</remarks>
public static class RepoGenerator
{
    /// <summary>Functions per generated template.</summary>
    public const int FunctionsPerTemplate = 4;

    /// <summary>Writes <paramref name="templates"/> templates under <c>services/sNNNN/template.yaml</c> and the ledger.</summary>
    public static void WriteRepository(string root, int templates)
    {
        Directory.CreateDirectory(root);
        var ledger = new LedgerWriter();
        for (var t = 0; t < templates; t++)
        {
            var path = $"services/s{t:D5}/template.yaml";
            var text = Template(t, path, FunctionsPerTemplate, ledger);
            Write(root, path, text);
            if (t % 10 == 3)
                Write(root, $"services/s{t:D5}/ci.yaml", CiWorkflow); // other YAML that is not a template
        }

        Write(root, "security/inspector-exclusions.yaml", ledger.ToString());
    }

    /// <summary>Writes one template <c>template.yaml</c> with <paramref name="functions"/> functions, and the ledger.</summary>
    public static void WriteLargeTemplate(string root, int functions)
    {
        Directory.CreateDirectory(root);
        var ledger = new LedgerWriter();
        Write(root, "template.yaml", Template(0, "template.yaml", functions, ledger));
        Write(root, "security/inspector-exclusions.yaml", ledger.ToString());
    }

    private static void Write(string root, string relative, string text)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
    }

    private const string CiWorkflow = """
        name: ci
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make test
        """;

    private static string Template(int t, string path, int functions, LedgerWriter ledger)
    {
        var sb = new StringBuilder(1024 + (functions * 700));
        var service = string.Create(CultureInfo.InvariantCulture, $"svc{t:D5}");
        sb.Append(CultureInfo.InvariantCulture, $"""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Description: Generated service {service}

            Parameters:
              Stage:
                Type: String
                Default: prod
                AllowedValues: [dev, prod]
              KeyArn:
                Type: String
                Default: ""
              Suffix:
                Type: String

            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              HasKey: !Not [!Equals [!Ref KeyArn, ""]]

            Globals:
              Function:
                Runtime: python3.12
                Timeout: 30
                MemorySize: 256
                Tags:
                  service: {service}
                  owner: team-{t % 17}

            Resources:

            """);
        for (var f = 0; f < functions; f++)
        {
            var logicalId = string.Create(CultureInfo.InvariantCulture, $"Function{f:D4}");
            var name = string.Create(CultureInfo.InvariantCulture, $"{service}-fn{f:D4}");
            var kind = (t * 7 + f) % 12;
            var nameLine = (kind % 4) switch
            {
                0 => $"FunctionName: {name}",
                1 => $"FunctionName: !Sub \"{service}-fn{f:D4}-${{Stage}}\"",
                2 => $"FunctionName: !If [IsProd, {name}, {name}-dev]",
                _ => kind == 11 ? "FunctionName: !Sub \"${Suffix}-x\"" : string.Empty,
            };
            var deployedName = (kind % 4) switch
            {
                0 => name,
                1 => name + "-prod",
                _ => null,
            };
            sb.Append(CultureInfo.InvariantCulture, $$"""
                  {{logicalId}}:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      CodeUri: src/fn{{f:D4}}/
                      Description: "Function {{f}} of {{service}}: handles orders, ${!NotASub} and more"
                      {{nameLine}}
                      Environment:
                        Variables:
                          TABLE: !Ref Table
                          STAGE: !Ref Stage
                          QUEUE_URL: !Sub "https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/{{name}}"

                """);
            if (kind == 5)
                sb.Append("      KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/0000-1111\n");
            else if (kind == 6)
                sb.Append("      KmsKeyArn: !If [HasKey, !Ref KeyArn, !Ref AWS::NoValue]\n");

            var excluded = kind is 0 or 1 or 3 or 4 or 8 or 11;
            var scanType = kind is 4 or 8 ? "code" : "standard";
            var tagKey = scanType == "code" ? "InspectorCodeExclusion" : "InspectorExclusion";
            var tagValue = scanType == "code" ? "LambdaCodeScanning" : "LambdaStandardScanning";
            if (excluded && kind % 2 == 0)
                sb.Append(CultureInfo.InvariantCulture, $"      Tags:\n        {tagKey}: {tagValue}\n        cost-center: cc-{f % 23}\n");
            else if (excluded)
                sb.Append(CultureInfo.InvariantCulture, $"      Tags:\n        - Key: {tagKey}\n          Value: {tagValue}\n");
            else
                sb.Append(CultureInfo.InvariantCulture, $"      Tags:\n        cost-center: cc-{f % 23}\n        Inspectorexclusion: none\n");
            sb.Append(CultureInfo.InvariantCulture, $"""
                      Events:
                        Nightly:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 day)

                """);

            // Two in three excluded functions are recorded; one in five recorded entries has expired, one in 25 lacks its ticket.
            if (excluded && f % 3 != 2)
                ledger.Add(path, logicalId, deployedName, scanType, tagKey, tagValue);
        }

        sb.Append(CultureInfo.InvariantCulture, $$"""
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub "{{service}}-${Stage}"
                  BillingMode: PAY_PER_REQUEST
              FindingsRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern:
                    source: [aws.inspector2]
                    detail-type: [Inspector2 Finding]
                    detail: { severity: [HIGH, CRITICAL], status: [ACTIVE] }
                  Targets:
                    - Arn: !Ref AlertTopic
                      Id: alert
              AlertTopic:
                Type: AWS::SNS::Topic

            Outputs:
              TableName:
                Value: !Ref Table

            """);
        return sb.ToString();
    }

    private sealed class LedgerWriter
    {
        private readonly StringBuilder _sb = new("# Generated exclusion ledger\nversion: 1\nexclusions:\n");
        private int _count;

        public void Add(string path, string logicalId, string? deployedName, string scanType, string tagKey, string tagValue)
        {
            var n = _count++;
            var target = deployedName is null
                ? $"template: {path}\n      logical_id: {logicalId}"
                : n % 2 == 0
                    ? $"function_name: {deployedName}"
                    : $"function_arn: \"arn:aws:lambda:eu-west-1:111122223333:function:{deployedName}\"";
            var expires = n % 5 == 4 ? "2026-06-30" : "2027-06-30"; // one in five has expired (PL3001)
            var ticket = n % 25 == 7 ? string.Empty : $"\n      ticket: SEC-{n + 1000}"; // one in 25 lacks its ticket (PL3004)
            _sb.Append(CultureInfo.InvariantCulture, $$"""
                  - target:
                      type: lambda
                      {{target}}
                    scan_type: {{scanType}}
                    tag: { key: {{tagKey}}, value: {{tagValue}} }
                    reason:
                      summary: "Generated entry {{n}}: vendor library cannot be updated; accepted known risk."{{ticket}}
                    owner: { team: platform, approved_by: security-reviewer }
                    dates: { applied_at: 2026-01-15, expires_at: {{expires}}, next_review_at: 2026-05-01 }

                """);
        }

        public override string ToString() => _sb.ToString();
    }
}
