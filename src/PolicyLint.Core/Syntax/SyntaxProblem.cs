using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>A problem found while reading a file; the loader turns it into PL0001 when the file is a template.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Location">Where (docs/conventions.md#c2: the first character the parser cannot accept, or the repeated key).</param>
/// <param name="Message">A sentence without a final period, naming what was found.</param>
/// <param name="Parent">For <see cref="SyntaxProblemKind.DuplicateKey"/>, the mapping holding the key.</param>
public sealed record SyntaxProblem(SyntaxProblemKind Kind, Location Location, string Message, MappingNode? Parent = null)
{
    /// <summary>Whether the problem stopped the parse (no document after it was read).</summary>
    public bool IsFatal => Kind is SyntaxProblemKind.SyntaxError or SyntaxProblemKind.LimitExceeded or SyntaxProblemKind.InvalidEncoding;
}
