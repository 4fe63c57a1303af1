using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Inputs;

/// <summary>What a front end made of one input file: the model the rules read (templates, an export's deployed
/// functions) and the PL0001 results found while reading it.</summary>
public interface IInputModel
{
    /// <summary>The file, as <see cref="InputSource.Path"/>.</summary>
    string Path { get; }

    /// <summary>The front end that read it.</summary>
    InputKind Kind { get; }

    /// <summary>PL0001 results of the file (syntax errors, limits, encoding), found before any analyzer runs.</summary>
    IReadOnlyList<Diagnostic> Diagnostics { get; }
}
