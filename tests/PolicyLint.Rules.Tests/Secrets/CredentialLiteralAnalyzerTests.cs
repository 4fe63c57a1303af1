using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Secrets;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests.Secrets;

public sealed class CredentialLiteralAnalyzerTests
{
    // AWS's documented example credentials: shape matches count even when they look like placeholders (docs/conventions.md#c7).
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Advice = "keep the secret in AWS Secrets Manager or SSM Parameter Store and pass a dynamic reference or read it at run time";

    private static RuleTest Variables(string variables, string type = "AWS::Serverless::Function") => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($"""
            Resources:
              Worker:
                Type: {type}
                Properties:
                  Environment:
                    Variables:
            {variables}
            """);

    [Test]
    public void Reports_AccessKeyIdInAnyVariable() => Variables($"""
                    {"{|#0:LEGACY_KEY|}"}: {AccessKey}
        """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'LEGACY_KEY': an AWS access key ID ('AKIA…', 20 characters); {Advice}")
        .Verify();

    [Test]
    public void Reports_SecretKeyShapeUnderASecretName() => Variables($"""
                    {"{|#0:AWS_SECRET_ACCESS_KEY|}"}: "{SecretKey}"
        """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'AWS_SECRET_ACCESS_KEY': a 40-character secret access key shape; {Advice}")
        .Verify();

    [Test]
    public void Reports_PrivateKeyBlock() => Variables("""
                    {|#0:SIGNING_KEY|}: |
                      -----BEGIN RSA PRIVATE KEY-----
                      MIIEpAIBAAKCAQEA
                      -----END RSA PRIVATE KEY-----
        """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'SIGNING_KEY': a private key block; {Advice}")
        .Verify();

    [TestCase("DB_PASSWORD")]
    [TestCase("dbPassword")]
    [TestCase("SMTP_PASSWD")]
    [TestCase("GITHUB_TOKEN")]
    [TestCase("client-secret")]
    [TestCase("STRIPE_API_KEY")]
    [TestCase("ApiKey")]
    [TestCase("JWT_PRIVATE_KEY")]
    [TestCase("DJANGO_SECRET_KEY")]
    public void Reports_LiteralUnderASecretLikeName(string name) => Variables($"""
                    {"{|#0:"}{name}{"|}"}: hunter2hunter2
        """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable '{name}': a literal of 14 characters; {Advice}")
        .Verify();

    [TestCase("TABLE_NAME", "my-table-token-store", Description = "the value mentions a token; the name names a table")]
    [TestCase("TOKEN_TABLE", "orders-token-table", Description = "the name only contains a secret word")]
    [TestCase("SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf")]
    [TestCase("DB_SECRET", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", Description = "an ARN names a secret, never holds one")]
    [TestCase("SECRET_NAME", "prod/orders/db")]
    [TestCase("DB_PASSWORD", "short", Description = "fewer than 8 characters")]
    [TestCase("DB_PASSWORD", "", Description = "empty")]
    [TestCase("DB_PASSWORD", "{{resolve:secretsmanager:orders-db:SecretString:password}}")]
    [TestCase("API_TOKEN", "{{resolve:ssm:/orders/api-token}}")]
    [TestCase("API_TOKEN", "${ApiToken}", Description = "a substitution")]
    [TestCase("PWD", "/var/task", Description = "the working directory")]
    [TestCase("SECRET_VALUE", "short-not-40-chars-long-value-12345", Description = "secret name but not a secret key shape; 'value' is not a secret word")]
    public void DoesNotReport_NearMisses(string name, string value) => Variables($"""
                    {name}: "{value}"
        """)
        .Verify();

    [TestCase("!Ref DbPassword")]
    [TestCase("!Sub \"{{resolve:secretsmanager:${Secret}:SecretString:password}}\"")]
    [TestCase("!GetAtt Db.Endpoint.Address")]
    [TestCase("!ImportValue shared-db-password")]
    [TestCase("~")]
    public void DoesNotReport_IntrinsicFunctionsAndNulls(string value) => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($"""
            Parameters:
              DbPassword: {"{ Type: String, NoEcho: true }"}
              Secret: {"{ Type: String }"}
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Environment:
                    Variables:
                      DB_PASSWORD: {value}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_OnOtherResources() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Environment: [{ Name: DB_PASSWORD, Value: hunter2hunter2 }]
              Param:
                Type: AWS::SSM::Parameter
                Properties: { Type: String, Value: {{AccessKey}} }
            """)
        .Verify();

    [Test]
    public void Reports_VariablesMergedFromGlobals_AtTheLogicalId() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Environment:
                  Variables:
                    {|#9:API_TOKEN|}: tok_live_0123456789
                    DB_PASSWORD: from-globals-1234
            Resources:
              {|#0:Worker|}:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      {|#1:DB_PASSWORD|}: from-function-5678
                      TABLE_NAME: orders
              Replaced:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: !If [HasEnv, { Variables: { STAGE: prod } }, !Ref AWS::NoValue]
              Opted:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Environment]
              Plain:
                Type: AWS::Lambda::Function
            Conditions:
              HasEnv: !Equals [a, a]
            """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'API_TOKEN' (set in Globals): a literal of 19 characters; {Advice}")
        .ExpectRelated(0, 9, "Environment variable 'API_TOKEN' set for every function in Globals")
        .Expect(1, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'DB_PASSWORD': a literal of 18 characters; {Advice}")
        .Verify();

    [Test]
    public void Reports_VariableInEitherBranchOfFnIf_LongForm() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate("""
            Conditions:
              IsProd: !Equals [!Ref "AWS::Region", eu-west-1]
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Environment:
                    Variables:
                      Fn::If:
                        - IsProd
                        - { STAGE: prod }
                        - { {|#0:DB_PASSWORD|}: dev-password-1 }
            """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'DB_PASSWORD' in a branch of Fn::If: a literal of 14 characters; {Advice}")
        .Verify();

    [Test]
    public void Reports_JsonTemplate() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($$"""
            {
              "Resources": {
                "Worker": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {
                    "Environment": { "Variables": { {|#0:"SLACK_TOKEN"|}: "xoxb-1234567890", "STAGE": "prod" } },
                    "Code": { "ZipFile": "import os\nAWS_KEY = '{|#1:{{AccessKey}}|}'\n" }
                  }
                }
              }
            }
            """, "template.json")
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable 'SLACK_TOKEN': a Slack token ('xoxb…', 15 characters); {Advice}")
        .Expect(1, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (Code.ZipFile): an AWS access key ID ('AKIA…', 20 characters); {Advice}")
        .Verify();

    [Test]
    public void Reports_InlineCode_LiteralBlockScalar_AtTheExactPositions() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  InlineCode: |
                    import boto3

                    {|#0:DB_PASSWORD|} = "correct-horse-battery"
                    client = boto3.client("s3", aws_access_key_id="{|#1:{{AccessKey}}|}")
                    if password == "not-an-assignment":
                        pass
                    def handler(event, context):
                        return {"{|#2:token|}": 'tok_0123456789abc'}
                    {|#3:-----BEGIN PRIVATE KEY-----|}
            """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a literal of 21 characters assigned to 'DB_PASSWORD'; {Advice}")
        .Expect(1, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): an AWS access key ID ('AKIA…', 20 characters); {Advice}")
        .Expect(2, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a literal of 17 characters assigned to 'token'; {Advice}")
        .Expect(3, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a private key block; {Advice}")
        .Verify();

    [Test]
    public void Reports_ZipFile_InFnSubBlock_AndFnJoinParts() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Code:
                    ZipFile: !Sub |
                      import os
                      TABLE = "${OrdersTable}"
                      api_key = "{|#0:sk_live_0123456789|}"
                      token = "${ApiToken}"
              Joined:
                Type: AWS::Lambda::Function
                Properties:
                  Code:
                    ZipFile: !Join
                      - "\n"
                      - - "import os"
                        - "{|#1:PASSWORD|} = 'joined-password'"
                        - !Ref Extra
            Parameters:
              Extra: { Type: String, Default: "" }
              OrdersTable: { Type: String, Default: orders }
              ApiToken: { Type: String, Default: x }
            """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (Code.ZipFile): a Stripe secret key ('sk_l…', 18 characters); {Advice}")
        .Expect(1, "PL6001", $"Function 'Joined' holds a credential-like literal in inline code (Code.ZipFile): a literal of 15 characters assigned to 'PASSWORD'; {Advice}")
        .Verify();

    [Test]
    public void Reports_InlineCode_SingleLineQuotedScalars() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Single:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: 'x = ''y''; {|#0:secret|} = "abcdefgh12"'
              Double:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: "print(\"\\t\"); key = \"{|#1:{{AccessKey}}|}\""
              Plain:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: exports.handler = async () => { const {|#2:apiKey|} = 'abcdefgh12'; }
            """)
        .Expect(0, "PL6001", $"Function 'Single' holds a credential-like literal in inline code (InlineCode): a literal of 10 characters assigned to 'secret'; {Advice}")
        .Expect(1, "PL6001", $"Function 'Double' holds a credential-like literal in inline code (InlineCode): an AWS access key ID ('AKIA…', 20 characters); {Advice}")
        .Expect(2, "PL6001", $"Function 'Plain' holds a credential-like literal in inline code (InlineCode): a literal of 10 characters assigned to 'apiKey'; {Advice}")
        .Verify();

    [Test]
    public void Reports_InlineCode_FoldedScalar_AtTheProperty() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  {|#0:InlineCode|}: >
                    exports.handler = async () =>
                    "{{AccessKey}}";
            """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode; reported at the property because the position inside this scalar cannot be computed): an AWS access key ID ('AKIA…', 20 characters); {Advice}")
        .Verify();

    [TestCase("password = os.environ['DB_PASSWORD']")]
    [TestCase("token = get_token()")]
    [TestCase("secret = \"short\"")]
    [TestCase("password == \"compared-not-assigned\"")]
    [TestCase("TOKEN_TABLE = \"orders-token-table\"")]
    [TestCase("db_secret = \"arn:aws:secretsmanager:eu-west-1:111122223333:secret:x\"")]
    [TestCase("api_key = \"{{resolve:secretsmanager:api:SecretString:key}}\"")]
    [TestCase("AKIAIOSFODNN7EXAMPLEX = 1")]
    public void DoesNotReport_InlineCodeNearMisses(string line) => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($"""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: |
                    {line}
            """)
        .Verify();

    [Test]
    public void DoesNotReport_InlineCodeOnTheOtherFunctionType() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate("""
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  InlineCode: password = "hunter2hunter2"
              Sam:
                Type: AWS::Serverless::Function
                Properties:
                  Code: { ZipFile: password = "hunter2hunter2" }
            """)
        .Verify();

    [Test]
    public void Messages_NeverContainTheSecret()
    {
        var diagnostics = RuleTest.For<CredentialLiteralAnalyzer>()
            .WithTemplate($$"""
                Resources:
                  Worker:
                    Type: AWS::Lambda::Function
                    Properties:
                      Environment:
                        Variables:
                          [|DB_PASSWORD|]: hunter2hunter2
                          [|SECRET|]: {{SecretKey}}
                      Code:
                        ZipFile: |
                          [|token|] = "tok_live_0123456789"
                """)
            .Verify();
        Assert.That(diagnostics.Select(d => d.Message), Has.None.Contains("hunter2").And.None.Contains("wJal").And.None.Contains("tok_"));
    }

    [Test]
    public void Reports_TenThousandAssignments_WithLinearLocatingWork()
    {
        const int Lines = 10_000;
        var code = string.Concat(Enumerable.Range(0, Lines).Select(i => $"        password = \"hunter2-{i:D5}\"\n"));
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", "Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      InlineCode: |\n" + code);

        var run = AnalysisRunner.Run(new LoadRequest { Root = repository.Root, LedgerPath = LoadRequest.DefaultLedgerPath },
            new AnalysisOptions { Today = new DateOnly(2026, 11, 29) }, [new CredentialLiteralAnalyzer()]);

        var diagnostics = run.Diagnostics.Where(d => d.Id == "PL6001").ToList();
        Assert.That(run.Notifications.Select(n => n.ToString()).Concat(run.Diagnostics.Where(d => d.Id != "PL6001").Select(d => d.ToString())), Is.Empty);
        Assert.That(diagnostics, Has.Count.EqualTo(Lines));
        Assert.That(diagnostics[^1].Location.Start.Line, Is.EqualTo(5 + Lines));
        Assert.That(diagnostics[^1].Location.Start.Column, Is.EqualTo(9));
        // The bound, as a count: characters mapped to source positions. One map per scalar is its length (about 300,000
        // characters); a map per match, as before, was 10,000 times that.
        var tree = run.Project.Templates.Single().Tree;
        var inlineCode = (ScalarNode)run.Project.Templates.Single().Resources.Single().Properties!.GetValue("InlineCode")!;
        Assert.That(tree.SourceMapCharacters, Is.LessThanOrEqualTo(inlineCode.Value.Length));
    }

    [TestCase("GITHUB_TOKEN", "gh\u0070_0123456789abcdefghijABCDEFGHIJ012345", "a GitHub token ('ghp_…', 40 characters)")]
    [TestCase("BUILD_BOT", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "a GitHub token ('gith…', 93 characters)")]
    [TestCase("SLACK_BOT", "xox\u0062-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "a Slack token ('xoxb…', 56 characters)")]
    [TestCase("ALERTS", "https://hooks.slack.com/services/T0000AAAA/B0000BBBB/abcdefghijklmnopqrstuvwx", "a Slack webhook URL ('http…', 77 characters)")]
    [TestCase("PAYMENTS", "sk_\u006Cive_4eC39HqLyjWDarjtT1zdp7dc", "a Stripe secret key ('sk_l…', 32 characters)")]
    [TestCase("DATABASE_URL", "postgres://orders:Tr0ub4dor-and-3@orders-db.internal:5432/orders", "a password of 15 characters embedded in a URL ('post…')")]
    [TestCase("SQL_CONNECTION", "Server=sql.internal;Database=crm;User Id=crm;Password=Tr0ub4dor3x;", "a password of 11 characters in a connection string")]
    [TestCase("PG_DSN", "host=db dbname=orders user=app password=Tr0ub4dor3x", "a password of 11 characters in a connection string")]
    [TestCase("PARTNER_AUTH", "Bearer 0123456789abcdefABCDEF0123456789", "an Authorization bearer credential of 32 characters")]
    [TestCase("DB_PASS", "Tr0ub4dor-and-3", "a literal of 15 characters")]
    public void Reports_TheShapesRealCodeUses_InVariables(string name, string value, string found) => Variables($"""
                    {"{|#0:"}{name}{"|}"}: "{value}"
        """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in environment variable '{name}': {found}; {Advice}")
        .Verify();

    [TestCase("MAX_TOKEN", "100000000", Description = "a number (issue 12)")]
    [TestCase("DB_SECRET", "prod/orders/db-credentials", Description = "a secret's name (issue 12)")]
    [TestCase("RESULT_TOKEN", "No token found.", Description = "prose (issue 12)")]
    [TestCase("DB_PASSWORD", "<your-database-password>", Description = "a placeholder")]
    [TestCase("DB_PASSWORD", "********", Description = "a mask")]
    [TestCase("API_TOKEN", "abcdefghij", Description = "a sequence")]
    [TestCase("AUTH_TOKEN_URL", "https://auth.example.com/oauth2/token", Description = "a URL under a name ending in URL")]
    [TestCase("API_TOKEN", "https://auth.example.com/oauth2/token", Description = "a URL without credentials")]
    [TestCase("CSRF_TOKEN", "0123456789abcdefXYZ", Description = "a CSRF token is not a credential")]
    [TestCase("BYPASS", "allow-internal-calls", Description = "not a password word")]
    [TestCase("DATABASE_URL", "postgres://orders-db.internal:5432/orders", Description = "no password in the URL")]
    [TestCase("REDIS_URL", "redis://:$REDIS_PASSWORD@cache:6379", Description = "a variable in the URL")]
    public void DoesNotReport_NonSecretsUnderSecretLikeNames(string name, string value) => Variables($"""
                    {name}: "{value}"
        """)
        .Verify();

    [Test]
    public void Reports_TheShapesRealCodeUses_InInlineCode_AtEachShape() => RuleTest.For<CredentialLiteralAnalyzer>()
        .WithTemplate($$"""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: |
                    import boto3, psycopg2, urllib.request
                    s3 = boto3.client("s3", {|#0:aws_secret_access_key|}="{{SecretKey}}")
                    session = boto3.Session({|#1:aws_secret_access_key|}='{{SecretKey.Replace("EXAMPLE", "ELPMAXE", StringComparison.Ordinal)}}')
                    conn = psycopg2.connect("{|#2:postgresql://app:Tr0ub4dor-and-3@|}db.internal:5432/orders")
                    other = psycopg2.connect("host=db user=app {|#3:password=Tr0ub4dor3x|} dbname=orders")
                    req = urllib.request.Request(URL, headers={"Authorization": "{|#4:Bearer 0123456789abcdefABCDEF0123456789|}"})
                    {|#5:DB_PASS|} = "Tr0ub4dor-and-3"
                    kwargs = psycopg2.connect(host=HOST, user=USER, password=PASSWORD)
                    result_token = 'No token found.'
            """)
        .Expect(0, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a 40-character secret access key shape assigned to 'aws_secret_access_key'; {Advice}")
        .Expect(1, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a 40-character secret access key shape assigned to 'aws_secret_access_key'; {Advice}")
        .Expect(2, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a password of 15 characters embedded in a URL ('post…'); {Advice}")
        .Expect(3, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a password of 11 characters in a connection string; {Advice}")
        .Expect(4, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): an Authorization bearer credential of 32 characters; {Advice}")
        .Expect(5, "PL6001", $"Function 'Worker' holds a credential-like literal in inline code (InlineCode): a literal of 15 characters assigned to 'DB_PASS'; {Advice}")
        .Verify();
}
