using System.Collections.Immutable;
using System.Globalization;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.ScanCoverage;

/// <summary>
/// PL2003: reports a function on a runtime that Amazon Inspector Lambda standard or code scanning does not support,
/// or that AWS Lambda has deprecated (deprecation date on or before today), from the runtime data file; and a
/// container-image function, which Lambda scanning may not cover (unverified).
/// </summary>
public sealed class UnscannedRuntimeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function; {1} what it runs on (<c>runtime 'python3.9'</c>, with " (set in Globals)" or
    /// " in a branch of Fn::If" when so, or <c>a container image (PackageType: Image)</c>); {2} what is wrong with it.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL2003",
        name: "UnscannedRuntime",
        title: "Function runtime is deprecated or not scanned by Amazon Inspector",
        messageFormat: "Function {0} runs on {1}: {2}",
        category: RuleCategory.ScanCoverage,
        defaultSeverity: DiagnosticSeverity.Note,
        description: "The function's runtime is one Amazon Inspector Lambda standard or code scanning does not support, or one AWS " +
                     "Lambda has deprecated (no more security updates), so its vulnerabilities may go unreported; a container-image " +
                     "function may not be covered by Lambda scanning at all.");

    private const string ImageClause =
        "Amazon Inspector Lambda scanning may not cover container-image functions (not confirmed by AWS documentation); " +
        "check the function's coverage in the Inspector console, and scan its image in Amazon ECR";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterFunctionAction(AnalyzeFunction);

    private static void AnalyzeFunction(FunctionAnalysisContext context)
    {
        var function = context.Function;
        // PackageType cannot be set in Globals (SAM), so only the function's own entry counts.
        if (function.Resource.GetProperty("PackageType") is { IsInherited: false } packageType)
        {
            var value = context.Template.EveryBranchResolver.Resolve(packageType.Value);
            if (value.LiteralTexts.Contains("Image", StringComparer.Ordinal))
            {
                var branch = value.Alternatives.Length > 1 ? " in a branch of Fn::If" : string.Empty;
                context.ReportDiagnostic(Rule, packageType, FunctionNames.Describe(function), $"a container image (PackageType: Image){branch}", ImageClause);
                if (value.Alternatives.Length == 1)
                    return; // the runtime comes with the image; Runtime does not apply
            }
            else if (value.HasUnresolved)
                context.ReportUnresolved(packageType, $"whether function {FunctionNames.Describe(function)} is a container image", value);
        }

        if (function.Resource.GetProperty("Runtime") is not { } runtime)
            return;
        // Either branch of Fn::If counts whatever its condition, as for exclusion tags and keys (docs/conventions.md#c8, docs/conventions.md#c15): the template
        // may be deployed with other parameter values than its defaults.
        var runtimes = context.Template.EveryBranchResolver.Resolve(runtime.Value);
        if (runtimes.HasUnresolved)
            context.ReportUnresolved(runtime, $"whether function {FunctionNames.Describe(function)} runs on a runtime Amazon Inspector scans", runtimes);

        foreach (var id in runtimes.LiteralTexts)
        {
            if (LambdaRuntimes.Data.Find(id) is not { } info || Problems(info, context.Today) is not { Length: > 0 } problems)
                continue;
            var what = $"runtime '{id}'";
            if (runtime.IsInherited)
                what += " (set in Globals)";
            if (runtimes.Alternatives.Length > 1)
                what += " in a branch of Fn::If";
            context.ReportDiagnostic(Rule, runtime, FunctionNames.Describe(function), what, problems);
        }
    }

    /// <summary>What is wrong with a runtime on <paramref name="today"/>, as clauses joined with "; ", or empty.
    /// Unknown (null) data gives no clause.</summary>
    private static string Problems(LambdaRuntimeInfo info, DateOnly today)
    {
        var clauses = new List<string>(2);
        if (info.StandardScanning == false)
            clauses.Add("Amazon Inspector supports it for neither Lambda standard nor Lambda code scanning, so the function's vulnerabilities go unreported");
        else if (info.CodeScanning == false)
            clauses.Add("Amazon Inspector Lambda code scanning does not support it (standard scanning of its packages does), so its own code is not scanned");
        if (info.IsDeprecatedOn(today))
            clauses.Add(string.Create(CultureInfo.InvariantCulture, $"AWS Lambda deprecated it on {info.Deprecation:yyyy-MM-dd}, so it no longer receives security updates; move to a supported runtime"));
        return string.Join("; ", clauses);
    }
}
