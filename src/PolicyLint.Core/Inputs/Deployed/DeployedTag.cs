using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>A tag of a deployed function as an export lists it.</summary>
/// <param name="Key">The tag key.</param>
/// <param name="Value">The tag value.</param>
/// <param name="Location">The key as written in the export (<c>functionTags</c> of a coverage record, or the
/// <c>Key</c> of a tagging record's <c>Tags</c> item).</param>
public sealed record DeployedTag(string Key, string Value, Location Location);
