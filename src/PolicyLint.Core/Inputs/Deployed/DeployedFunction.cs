using PolicyLint.Core.Ledger;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>
/// One deployed Lambda function, identified by its unqualified ARN, with everything the exports say about it:
/// tags (coverage and tagging exports), Inspector coverage per scan type, runtime and KMS key (coverage and
/// list-functions exports). The same name in two accounts or Regions is two functions.
/// </summary>
public sealed class DeployedFunction
{
    private readonly List<DeployedTag> _tags = [];
    private readonly List<CoverageStatus> _coverage = [];
    private readonly List<DeployedSighting> _sightings = [];

    internal DeployedFunction(LambdaArn arn) => Arn = arn;

    /// <summary>The unqualified ARN.</summary>
    public LambdaArn Arn { get; }

    /// <summary>The function name.</summary>
    public string Name => Arn.FunctionName;

    /// <summary>The runtime as an export writes it (<c>python3.12</c> from list-functions, <c>PYTHON_3_12</c> from
    /// coverage), or null.</summary>
    public string? Runtime { get; internal set; }

    /// <summary><c>KMSKeyArn</c> from list-functions (a customer managed key encrypts the environment variables and,
    /// for some packages, the code), or null.</summary>
    public string? KmsKeyArn { get; internal set; }

    /// <summary>Whether an export that lists tags (coverage or tagging) lists this function, so that a missing tag is
    /// known to be missing.</summary>
    public bool TagsKnown { get; internal set; }

    /// <summary>Every tag as each export lists it, in export then text order (one key may appear once per export).</summary>
    public IReadOnlyList<DeployedTag> Tags => _tags;

    /// <summary>Inspector coverage records, in export then text order.</summary>
    public IReadOnlyList<CoverageStatus> Coverage => _coverage;

    /// <summary>Every record of the function in every export, in export then text order; never empty.</summary>
    public IReadOnlyList<DeployedSighting> Sightings => _sightings;

    /// <summary>The value of the <c>aws:cloudformation:stack-name</c> tag CloudFormation adds, or null.</summary>
    public string? StackName => TagValue(DeployedState.StackNameTag);

    /// <summary>The value of the <c>aws:cloudformation:logical-id</c> tag CloudFormation adds, or null.</summary>
    public string? LogicalId => TagValue(DeployedState.LogicalIdTag);

    /// <summary>The first tag with exactly <paramref name="key"/> and <paramref name="value"/>, or null.</summary>
    public DeployedTag? FindTag(string key, string value) => _tags.FirstOrDefault(t => t.Key == key && t.Value == value);

    /// <summary>The value of the first tag with <paramref name="key"/>, or null.</summary>
    public string? TagValue(string key) => _tags.FirstOrDefault(t => t.Key == key)?.Value;

    /// <summary>The coverage records of <paramref name="scanType"/>.</summary>
    public IEnumerable<CoverageStatus> CoverageOf(ScanType scanType) => _coverage.Where(c => c.ScanType == scanType);

    /// <inheritdoc />
    public override string ToString() => Arn.Unqualified;

    internal void AddTag(DeployedTag tag)
    {
        if (!_tags.Any(t => t.Key == tag.Key && t.Value == tag.Value && t.Location.Path == tag.Location.Path))
            _tags.Add(tag);
    }

    internal void AddCoverage(CoverageStatus status) => _coverage.Add(status);

    internal void AddSighting(DeployedSighting sighting) => _sightings.Add(sighting);
}
