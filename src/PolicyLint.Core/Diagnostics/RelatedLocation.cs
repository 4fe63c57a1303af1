using PolicyLint.Core.Text;

namespace PolicyLint.Core.Diagnostics;

/// <summary>Another place that explains a diagnostic (SARIF <c>relatedLocations</c>): the Globals entry a value
/// came from, the ledger entry, the topic a rule targets.</summary>
/// <param name="Location">The place.</param>
/// <param name="Message">What it is, e.g. "KmsKeyArn set in Globals.Function".</param>
public sealed record RelatedLocation(Location Location, string Message);
