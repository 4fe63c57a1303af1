using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.Secrets;

/// <summary>PL6001: reports a credential-like literal in a function's environment variables (own and merged from SAM
/// Globals) or inline code (<c>Code.ZipFile</c>, <c>InlineCode</c>), in the shapes of <see cref="SecretShapes"/>.
/// Messages never contain the secret. Linear in the size of the code: one scan per scalar, one source map per scalar
/// (the work is counted in <see cref="PolicyLint.Core.Syntax.SyntaxTree.SourceMapCharacters"/>).</summary>
public sealed class CredentialLiteralAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function; {1} where (<c>environment variable 'DB_PASSWORD'</c>, <c>inline code
    /// (InlineCode)</c>, with how it arrives); {2} what was found (shape, at most the first 4 characters, and the length).</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL6001",
        name: "CredentialLiteral",
        title: "Function holds a credential-like literal",
        messageFormat: "Function {0} holds a credential-like literal in {1}: {2}; keep the secret in AWS Secrets Manager or SSM Parameter Store and pass a dynamic reference or read it at run time",
        category: RuleCategory.Secrets,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "A function's environment variables or inline code contain what looks like a credential (an AWS access key ID or " +
                     "secret access key, a private key block, a GitHub, Slack, Stripe or other well-known token, a password in a URL or " +
                     "connection string, an Authorization header value, a password or token literal). It is then readable by anyone who " +
                     "can read the template, the stack, or the function's configuration.",
        precision: RulePrecision.High);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        var function = context.Function;
        foreach (var variable in function.EnvironmentVariables)
        {
            // Intrinsic functions (Ref, Fn::Sub, dynamic references built with them) are not secrets.
            if (variable.Name is not { } name || variable.Value is not ScalarNode { IsNull: false } value || value.Tag is not null)
                continue;
            if (SecretShapes.DescribeVariable(name, value.Value) is not { } found)
                continue;
            var where = $"environment variable '{name}'" + (variable.IsInherited ? " (set in Globals)" : string.Empty)
                + (variable.IsConditional ? " in a branch of Fn::If" : string.Empty);
            context.ReportDiagnostic(Rule, variable, FunctionNames.Describe(function), where, found);
        }

        var code = function.IsServerless ? function.Resource.GetProperty("InlineCode") : function.Resource.GetProperty("Code.ZipFile");
        if (code is { IsInherited: false })
        {
            foreach (var scalar in CodeScalars(code.Value))
                ScanCode(context, code, scalar);
        }
    }

    private static void ScanCode(FunctionAnalysisContext context, EffectiveProperty code, ScalarNode scalar)
    {
        var property = code.Path == "InlineCode" ? "InlineCode" : "Code.ZipFile";
        var matches = SecretShapes.FindInCode(scalar.Value);
        if (matches.Count == 0)
            return;
        // One source map per scalar: locating each match through TryGetSourceSpan would rebuild it every time, which
        // is quadratic in a scalar of many matches (issue 11: 10,000 password lines).
        var map = scalar.GetSourceMap();
        foreach (var match in matches)
        {
            // Exact positions inside literal block, single-line plain and quoted scalars and JSON strings; inside a
            // folded or multi-line scalar the result falls back to the property key (the page says so).
            if (map is not null && map.TryGetSpan(match.Start, match.Length, out var span))
            {
                var target = new DiagnosticTarget(new Location(scalar.Tree.Source, span), code.Resource.LogicalLocation, $"Properties.{property}", []);
                context.ReportDiagnostic(Rule, target, FunctionNames.Describe(context.Function), $"inline code ({property})", match.Description);
            }
            else
            {
                context.ReportDiagnostic(Rule, code, FunctionNames.Describe(context.Function),
                    $"inline code ({property}; reported at the property because the position inside this scalar cannot be computed)", match.Description);
            }
        }
    }

    /// <summary>The string scalars of inline code: the code itself, the template of <c>Fn::Sub</c>, the literal parts
    /// of <c>Fn::Join</c>, and both branches of <c>Fn::If</c>.</summary>
    private static IEnumerable<ScalarNode> CodeScalars(SyntaxNode node)
    {
        node = node.Resolve();
        if (node is ScalarNode { IsNull: false, Tag: null } scalar)
        {
            yield return scalar;
            yield break;
        }

        if (!IntrinsicFunction.TryGet(node, out var function) || function.ValidateForm() is not null)
            yield break;
        IEnumerable<SyntaxNode> parts = function.Name switch
        {
            "Fn::Sub" => function.Argument is SequenceNode sub ? [sub[0]] : [function.Argument],
            "Fn::Join" when function.Argument is SequenceNode join && join[1] is SequenceNode items => items.Items,
            "Fn::If" when function.Argument is SequenceNode branches => [branches.Items[1], branches.Items[2]],
            _ => [],
        };
        foreach (var part in parts)
        {
            foreach (var inner in CodeScalars(part))
                yield return inner;
        }
    }
}
