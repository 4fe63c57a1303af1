using PolicyLint.Core.Ledger;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>
/// The deployed state of a run: every export read (<c>--deployed</c>, the <c>deployed</c> configuration key) and the
/// Lambda functions they list, merged by ARN across files, pages, accounts and Regions. Empty when no export is given;
/// then the deployed-state rules report nothing.
/// </summary>
public sealed class DeployedState
{
    /// <summary>The tag CloudFormation adds with the stack's name (AWS CloudFormation User Guide, "Tag your
    /// CloudFormation resources": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-console-add-tags.html).</summary>
    public const string StackNameTag = "aws:cloudformation:stack-name";

    /// <summary>The tag CloudFormation adds with the resource's logical ID (same source as <see cref="StackNameTag"/>).</summary>
    public const string LogicalIdTag = "aws:cloudformation:logical-id";

    private readonly Dictionary<string, DeployedFunction> _byArn;
    private readonly Dictionary<string, List<DeployedFunction>> _byName;
    private readonly Dictionary<string, List<DeployedFunction>> _byLogicalId;

    private DeployedState(IReadOnlyList<DeployedExport> exports)
    {
        Exports = exports;
        _byArn = new Dictionary<string, DeployedFunction>(StringComparer.Ordinal);
        if (exports.Count == 0)
        {
            // Empty, which every run without an export builds at start: none of the sorting and indexing below (issue 15).
            Functions = [];
            Scopes = [];
            _byName = new Dictionary<string, List<DeployedFunction>>(StringComparer.Ordinal);
            _byLogicalId = new Dictionary<string, List<DeployedFunction>>(StringComparer.Ordinal);
            return;
        }

        foreach (var export in exports)
        {
            foreach (var record in export.Records)
            {
                var key = record.Arn.Unqualified;
                if (!_byArn.TryGetValue(key, out var function))
                    _byArn[key] = function = new DeployedFunction(record.Arn);
                function.AddSighting(new DeployedSighting(export, record.Object));
                foreach (var tag in record.Tags)
                    function.AddTag(tag);
                if (record.ListsTags)
                    function.TagsKnown = true;
                if (record.Coverage is { } coverage)
                    function.AddCoverage(coverage);
                function.Runtime ??= record.Runtime;
                function.KmsKeyArn ??= record.KmsKeyArn;
            }
        }

        Functions = [.. _byArn.Values.OrderBy(f => f.Arn.Unqualified, StringComparer.Ordinal)];
        _byName = Index(f => f.Name);
        _byLogicalId = Index(f => f.LogicalId);
        Scopes = [.. exports.SelectMany(e => e.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>No export.</summary>
    public static DeployedState Empty { get; } = new([]);

    /// <summary>The exports in the order given.</summary>
    public IReadOnlyList<DeployedExport> Exports { get; }

    /// <summary>Whether no export was given.</summary>
    public bool IsEmpty => Exports.Count == 0;

    /// <summary>Every deployed function, in ARN order.</summary>
    public IReadOnlyList<DeployedFunction> Functions { get; }

    /// <summary>The accounts and Regions some export lists a function in, as <c>ACCOUNT/REGION</c>, ordinal order.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Merges <paramref name="exports"/>.</summary>
    public static DeployedState Create(IReadOnlyList<DeployedExport> exports) => exports.Count == 0 ? Empty : new DeployedState(exports);

    /// <summary>The function with the unqualified ARN <paramref name="arn"/> (a qualified one is accepted), or null.</summary>
    public DeployedFunction? FindByArn(string arn) =>
        LambdaArn.TryParse(arn, out var parsed) && _byArn.TryGetValue(parsed.Unqualified, out var function) ? function : null;

    /// <summary>The functions named <paramref name="name"/> in every account and Region, in ARN order.</summary>
    public IReadOnlyList<DeployedFunction> FindByName(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>The functions whose <c>aws:cloudformation:logical-id</c> tag is <paramref name="logicalId"/>, in ARN order.</summary>
    public IReadOnlyList<DeployedFunction> FindByLogicalId(string logicalId) => _byLogicalId.TryGetValue(logicalId, out var list) ? list : [];

    /// <summary>Whether an export lists some function in <paramref name="arn"/>'s account and Region.</summary>
    public bool Covers(LambdaArn arn) => Scopes.Contains(arn.Scope, StringComparer.Ordinal);

    private Dictionary<string, List<DeployedFunction>> Index(Func<DeployedFunction, string?> key)
    {
        var index = new Dictionary<string, List<DeployedFunction>>(StringComparer.Ordinal);
        foreach (var function in Functions)
        {
            if (key(function) is not { } k)
                continue;
            if (!index.TryGetValue(k, out var list))
                index[k] = list = [];
            list.Add(function);
        }

        return index;
    }
}
