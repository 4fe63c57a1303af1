using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Inputs.Templates;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Tests.Inputs;

/// <summary>
/// The deployed-state front end on every AWS CLI output shape it reads. The "documented" inputs are the example outputs
/// of the AWS CLI's own documentation (github.com/aws/aws-cli, awscli/examples/inspector2/list-coverage.rst example 2,
/// awscli/examples/lambda/list-functions.rst, awscli/examples/resourcegroupstaggingapi/get-resources.rst), re-indented
/// as the CLI writes them; the facts behind every field are listed in docs/design/deployed-state.md.
/// </summary>
public sealed class DeployedStateFrontEndTests
{
    private static readonly DateTimeOffset MadeAt = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    // awscli/examples/inspector2/list-coverage.rst, example 2 (a Lambda function, CODE scanning, qualified ARN).
    private const string DocumentedCoverage = """
        {
            "coveredResources": [
                {
                    "accountId": "123456789012",
                    "resourceId": "arn:aws:lambda:us-west-2:123456789012:function:Eval-container-scan-results:$LATEST",
                    "resourceMetadata": {
                        "lambdaFunction": {
                            "functionName": "Eval-container-scan-results",
                            "functionTags": {},
                            "layers": [],
                            "runtime": "PYTHON_3_7"
                        }
                    },
                    "resourceType": "AWS_LAMBDA_FUNCTION",
                    "scanStatus": {
                        "reason": "SUCCESSFUL",
                        "statusCode": "ACTIVE"
                    },
                    "scanType": "CODE"
                }
            ]
        }

        """;

    // awscli/examples/lambda/list-functions.rst (first record, shortened to the fields PolicyLint reads and a few more).
    private const string DocumentedFunctions = """
        {
            "Functions": [
                {
                    "TracingConfig": {
                        "Mode": "PassThrough"
                    },
                    "Version": "$LATEST",
                    "FunctionName": "helloworld",
                    "MemorySize": 128,
                    "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:helloworld",
                    "Handler": "helloworld.handler",
                    "Timeout": 3,
                    "LastModified": "2025-09-23T18:32:33.857+0000",
                    "Runtime": "nodejs22.x",
                    "Description": ""
                }
            ]
        }

        """;

    // awscli/examples/resourcegroupstaggingapi/get-resources.rst: an Amazon Inspector (classic) ARN, written with a
    // leading space, tagged Environment=Production: valid JSON, but not a Lambda function.
    private const string DocumentedTagging = """
        {
            "ResourceTagMappingList": [
                {
                    "ResourceARN": " arn:aws:inspector:us-west-2:123456789012:target/0-nvgVhaxX/template/0-7sbz2Kz0",
                    "Tags": [
                        {
                            "Key": "Environment",
                            "Value": "Production"
                        }
                    ]
                }
            ]
        }

        """;

    private static DeployedExport Read(string text, string path = "deployed/export.json") =>
        InputFrontEnds.DeployedState.ReadBytes(path, Encoding.UTF8.GetBytes(text), ParseLimits.Default, MadeAt);

    private static string At(Core.Text.Location location) => $"{location.Start.Line}:{location.Start.Column}";

    [Test]
    public void Table_HasOneFrontEndPerInputKind()
    {
        Assert.That(Enum.GetValues<InputKind>().Select(k => InputFrontEnds.For(k).Kind), Is.EqualTo(Enum.GetValues<InputKind>()));
        Assert.That(InputFrontEnds.For(InputKind.Template), Is.InstanceOf<TemplateFrontEnd>());
        Assert.That(InputFrontEnds.For(InputKind.DeployedState), Is.InstanceOf<DeployedStateFrontEnd>());
    }

    [Test]
    public void DocumentedCoverageExample_IsOneFunctionWithItsCodeScanStatus()
    {
        var export = Read(DocumentedCoverage);
        var state = DeployedState.Create([export]);
        var function = state.Functions.Single();

        Assert.Multiple(() =>
        {
            Assert.That(export.Diagnostics, Is.Empty);
            Assert.That(export.Problems, Is.Empty);
            Assert.That(export.Kinds, Is.EqualTo(new[] { ExportKind.InspectorCoverage }));
            Assert.That(function.Arn.Unqualified, Is.EqualTo("arn:aws:lambda:us-west-2:123456789012:function:Eval-container-scan-results"), "the $LATEST qualifier is dropped");
            Assert.That(function.Runtime, Is.EqualTo("PYTHON_3_7"));
            Assert.That(function.TagsKnown, Is.True, "functionTags is there, empty");
            Assert.That(function.Tags, Is.Empty);
            Assert.That(function.Coverage.Select(c => (c.ScanType, c.StatusCode, c.Reason)), Is.EqualTo(new[] { (ScanType.Code, "ACTIVE", (string?)"SUCCESSFUL") }));
            Assert.That(At(function.Coverage[0].Location), Is.EqualTo("16:27"), "at the reason's value");
            Assert.That(At(function.Sightings[0].Location), Is.EqualTo("3:9"), "at the record's opening brace");
            Assert.That(export.Describe(), Is.EqualTo("AWS CLI export of aws inspector2 list-coverage: 1 page, 1 Lambda function record in 123456789012/us-west-2"));
        });
    }

    [Test]
    public void DocumentedListFunctionsExample_GivesRuntimeButNoTags()
    {
        var export = Read(DocumentedFunctions);
        var function = DeployedState.Create([export]).FindByName("helloworld").Single();

        Assert.Multiple(() =>
        {
            Assert.That(export.Diagnostics.Concat<object>(export.Problems), Is.Empty);
            Assert.That(function.Runtime, Is.EqualTo("nodejs22.x"));
            Assert.That(function.KmsKeyArn, Is.Null);
            Assert.That(function.TagsKnown, Is.False, "list-functions does not list tags");
        });
    }

    [Test]
    public void DocumentedGetResourcesExample_IsAnExportOfAnotherResourceType()
    {
        var export = Read(DocumentedTagging);

        Assert.Multiple(() =>
        {
            Assert.That(export.Diagnostics, Is.Empty);
            Assert.That(export.RecordCount, Is.Zero);
            Assert.That(export.Problems.Select(p => $"{At(p.Location)} {p.Message}"), Is.EqualTo(new[]
            {
                "4:28 This record is 'arn:aws:inspector:us-west-2:123456789012:target/0-nvgVhaxX/template/0-7sbz2Kz0', not a Lambda function: PolicyLint reads Lambda functions only; export with --resource-type-filters lambda:function",
            }));
        });
    }

    [Test]
    public void TaggingRecord_GivesTagsWithTheirPositionsAndTheCloudFormationIdentity()
    {
        var export = Read("""
            {
                "ResourceTagMappingList": [
                    {
                        "ResourceARN": "arn:aws:lambda:eu-west-1:111122223333:function:orders-api",
                        "Tags": [
                            {
                                "Key": "aws:cloudformation:stack-name",
                                "Value": "orders"
                            },
                            {
                                "Key": "aws:cloudformation:logical-id",
                                "Value": "OrdersApi"
                            },
                            {
                                "Key": "InspectorExclusion",
                                "Value": "LambdaStandardScanning"
                            }
                        ]
                    }
                ],
                "PaginationToken": ""
            }
            """);
        var function = DeployedState.Create([export]).Functions.Single();

        Assert.Multiple(() =>
        {
            Assert.That(export.Diagnostics.Concat<object>(export.Problems), Is.Empty);
            Assert.That(function.StackName, Is.EqualTo("orders"));
            Assert.That(function.LogicalId, Is.EqualTo("OrdersApi"));
            Assert.That(At(function.FindTag("InspectorExclusion", "LambdaStandardScanning")!.Location), Is.EqualTo("15:21"));
            Assert.That(function.TagsKnown, Is.True);
        });
    }

    [Test]
    public void ConcatenatedPages_AreEachRead_WithOrWithoutWhiteSpaceBetweenThem()
    {
        const string page1 = """{"Functions": [{"FunctionName": "a", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:a"}], "NextMarker": "x"}""";
        const string page2 = """{"Functions": [{"FunctionName": "b", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:b"}]}""";

        foreach (var separator in new[] { "\n", "", "\r\n\r\n" })
        {
            var export = Read(page1 + separator + page2);
            Assert.That(export.Diagnostics.Concat<object>(export.Problems), Is.Empty, $"separator {separator.Length}");
            Assert.That(export.PageCount, Is.EqualTo(2));
            Assert.That(DeployedState.Create([export]).Functions.Select(f => f.Name), Is.EqualTo(new[] { "a", "b" }));
        }
    }

    [Test]
    public void PagesSplitAcrossFiles_AndSeveralAccountsAndRegions_MergeByArn()
    {
        var coverage = Read("""
            {"coveredResources": [
              {"accountId": "111122223333", "resourceId": "arn:aws:lambda:eu-west-1:111122223333:function:api", "resourceType": "AWS_LAMBDA_FUNCTION",
               "resourceMetadata": {"lambdaFunction": {"functionName": "api", "functionTags": {"InspectorExclusion": "LambdaStandardScanning"}, "runtime": "PYTHON_3_12"}},
               "scanStatus": {"reason": "EXCLUDED_BY_TAG", "statusCode": "INACTIVE"}, "scanType": "PACKAGE"},
              {"accountId": "444455556666", "resourceId": "arn:aws:lambda:us-east-1:444455556666:function:api", "resourceType": "AWS_LAMBDA_FUNCTION",
               "resourceMetadata": {"lambdaFunction": {"functionName": "api", "functionTags": {}, "runtime": "PYTHON_3_12"}},
               "scanStatus": {"reason": "SUCCESSFUL", "statusCode": "ACTIVE"}, "scanType": "PACKAGE"}
            ]}
            """, "deployed/coverage-1.json");
        var functions = Read("""
            {"Functions": [{"FunctionName": "api", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:api", "Runtime": "python3.12",
                            "KMSKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}
            """, "deployed/functions-2.json");

        var state = DeployedState.Create([coverage, functions]);
        var ireland = state.FindByArn("arn:aws:lambda:eu-west-1:111122223333:function:api:7")!;

        Assert.Multiple(() =>
        {
            Assert.That(state.FindByName("api"), Has.Count.EqualTo(2), "one name, two accounts and Regions: two functions");
            Assert.That(state.Scopes, Is.EqualTo(new[] { "111122223333/eu-west-1", "444455556666/us-east-1" }));
            Assert.That(ireland.Sightings.Select(s => s.Export.Path), Is.EqualTo(new[] { "deployed/coverage-1.json", "deployed/functions-2.json" }));
            Assert.That(ireland.KmsKeyArn, Does.StartWith("arn:aws:kms:"));
            Assert.That(ireland.Runtime, Is.EqualTo("PYTHON_3_12"), "the first export that gives it");
            Assert.That(ireland.Coverage.Single().Reason, Is.EqualTo("EXCLUDED_BY_TAG"));
        });
    }

    [TestCase("\"lastScannedAt\": 1732860000.123,", TestName = "CliV1_TimestampAsSentByTheService")]
    [TestCase("\"lastScannedAt\": \"2024-11-29T06:00:00+00:00\",", TestName = "CliV2_TimestampInIso8601")]
    public void CoverageRecord_IsReadWhateverTheCliVersionsTimestampFormat(string lastScannedAt)
    {
        var export = Read($$"""
            {
                "coveredResources": [
                    {
                        "accountId": "111122223333",
                        {{lastScannedAt}}
                        "resourceId": "arn:aws:lambda:eu-west-1:111122223333:function:api",
                        "resourceType": "AWS_LAMBDA_FUNCTION",
                        "scanStatus": {
                            "reason": "UNSUPPORTED_RUNTIME",
                            "statusCode": "INACTIVE"
                        },
                        "scanType": "PACKAGE"
                    }
                ]
            }
            """);

        Assert.That(export.Diagnostics.Concat<object>(export.Problems), Is.Empty);
        Assert.That(DeployedState.Create([export]).Functions.Single().Coverage.Single().Reason, Is.EqualTo("UNSUPPORTED_RUNTIME"));
        Assert.That(DeployedState.Create([export]).Functions.Single().TagsKnown, Is.False, "no resourceMetadata: tags unknown");
    }

    [Test]
    public void TruncatedPage_IsPl0001AtTheEnd_AndTheCompletePagesBeforeItAreRead()
    {
        var export = Read("""
            {"Functions": [{"FunctionName": "a", "FunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:a"}]}
            {"Functions": [{"FunctionName": "b", "FunctionArn": "arn:aws:lambda:eu-west-1:1111
            """);

        Assert.Multiple(() =>
        {
            Assert.That(export.Diagnostics.Select(d => $"{d.Id} {d.Location.Start.Line}"), Is.EqualTo(new[] { "PL0001 2" }));
            Assert.That(export.Diagnostics[0].Message, Does.StartWith("Invalid JSON"));
            Assert.That(DeployedState.Create([export]).Functions.Select(f => f.Name), Is.EqualTo(new[] { "a" }));
        });
    }

    [Test]
    public void CoverageOfOtherResourceTypes_IsOneProblemPerPageWithACount()
    {
        var export = Read("""
            {"coveredResources": [
              {"accountId": "111122223333", "resourceId": "i-0123456789abcdef0", "resourceType": "AWS_EC2_INSTANCE", "scanStatus": {"reason": "SUCCESSFUL", "statusCode": "ACTIVE"}, "scanType": "PACKAGE"},
              {"accountId": "111122223333", "resourceId": "i-0123456789abcdef1", "resourceType": "AWS_EC2_INSTANCE", "scanStatus": {"reason": "SUCCESSFUL", "statusCode": "ACTIVE"}, "scanType": "NETWORK"},
              {"accountId": "111122223333", "resourceId": "arn:aws:lambda:eu-west-1:111122223333:function:a", "resourceType": "AWS_LAMBDA_FUNCTION", "scanStatus": {"reason": "SUCCESSFUL", "statusCode": "ACTIVE"}, "scanType": "PACKAGE"}
            ]}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(export.Problems.Select(p => $"{At(p.Location)} {p.Message}"), Is.EqualTo(new[]
            {
                "2:86 This record is a coverage record of resource type 'AWS_EC2_INSTANCE' (and 1 more record of other resource types on this page): PolicyLint reads Lambda functions only; " +
                $"export with --filter-criteria '{DeployedStateFrontEnd.LambdaCoverageFilter}'",
            }));
            Assert.That(export.RecordCount, Is.EqualTo(1), "the Lambda record is still read");
        });
    }

    [Test]
    public void ForeignDocument_WrongTypes_AndMissingFields_AreProblemsAtTheirPositions()
    {
        var export = Read("""
            {"StackSummaries": []}
            [1, 2]
            {"Functions": {"a": 1}}
            {"Functions": [{"FunctionName": "a"}, {"FunctionArn": 42}, {"FunctionArn": "not-an-arn"}, "x"]}
            {"coveredResources": [{"resourceType": "AWS_LAMBDA_FUNCTION", "resourceId": "arn:aws:lambda:eu-west-1:111122223333:function:a", "scanType": "PACKAGE", "scanStatus": {"reason": "SUCCESSFUL"}}]}
            """);

        Assert.That(export.Problems.Select(p => $"{At(p.Location)} {p.Message}"), Is.EqualTo(new[]
        {
            "1:1 Page 1 is not an export PolicyLint reads: it has the keys 'StackSummaries', and none of 'coveredResources' (aws inspector2 list-coverage), 'ResourceTagMappingList' (aws resourcegroupstaggingapi get-resources) or 'Functions' (aws lambda list-functions)",
            "2:1 Page 2 is not a JSON object: PolicyLint reads the --output json of aws inspector2 list-coverage, aws resourcegroupstaggingapi get-resources or aws lambda list-functions",
            "3:15 'Functions' must be a list of records",
            "4:16 The record has no 'FunctionArn'",
            "4:55 'FunctionArn' must be a string",
            "4:76 'FunctionArn' is not an ARN: 'not-an-arn'",
            "4:91 A record of 'Functions' must be a JSON object",
            "5:166 The record has no 'statusCode'",
        }));
        Assert.That(export.Diagnostics, Is.Empty);
    }

    [Test]
    public void EmptyFile_AndInvalidUtf8_AreReported()
    {
        Assert.That(Read("").Problems.Single().Message, Does.StartWith("The export is empty"));
        var invalid = InputFrontEnds.DeployedState.ReadBytes("x.json", [(byte)'{', 0xff, (byte)'}'], ParseLimits.Default, null);
        Assert.That(invalid.Diagnostics.Select(d => $"{d.Id} {At(d.Location)}"), Is.EqualTo(new[] { "PL0001 1:2" }));
    }

    [Test]
    public void JsonSequence_KeepsTemplateParsingToOneDocument()
    {
        var single = JsonSyntaxParser.Parse(Core.Text.SourceText.From("t.json", "{} {}"));
        var sequence = JsonSyntaxParser.ParseSequence(Core.Text.SourceText.From("t.json", "{} {}"));

        Assert.That(single.Problems.Single().Message, Does.StartWith("Invalid JSON"));
        Assert.That(sequence.Problems, Is.Empty);
        Assert.That(sequence.Documents, Has.Count.EqualTo(2));
    }
}
