using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>A stack-level tag from samconfig <c>tags</c>: CloudFormation propagates it to every taggable resource of the
/// stack, so an exclusion tag written there applies to every function (docs/aws-facts.md#stack-tags; unverified).</summary>
/// <param name="Key">The tag key, located at its text in the samconfig file (at the written value when the text cannot
/// be mapped exactly, for example through escape sequences).</param>
/// <param name="Value">The tag value, located likewise.</param>
/// <param name="Location">The <c>Key=Value</c> item in the samconfig file (the related location of results about the tag, docs/conventions.md#c21).</param>
public sealed record StackTag(ScalarNode Key, ScalarNode Value, Location Location);
