using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs;

/// <summary>One input file, decoded, ready for the front end of its kind.</summary>
/// <param name="Path">How results name the file: root-relative with <c>/</c> for a file under the root, else the
/// absolute path (a deployed-state export may live outside the root).</param>
/// <param name="Kind">Which front end reads it.</param>
/// <param name="Text">The decoded text; <see cref="SourceText.Path"/> equals <paramref name="Path"/>.</param>
public sealed record InputSource(string Path, InputKind Kind, SourceText Text);
