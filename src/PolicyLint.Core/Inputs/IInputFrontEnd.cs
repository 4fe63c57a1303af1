namespace PolicyLint.Core.Inputs;

/// <summary>
/// Reads one kind of input into an <see cref="IInputModel"/>: the seam between the files a run is given and the
/// model the rules read (docs/architecture.md, "Inputs"). A front end never throws on bad input: a file it cannot
/// read becomes PL0001 (syntax, encoding, limits) or a defect of its model that a rule reports (a valid file of the
/// wrong shape), and the other files are still read. A new input kind is a new folder under <c>Inputs/</c> with a
/// front end registered in <see cref="Loading.InputFrontEnds"/>.
/// </summary>
public interface IInputFrontEnd
{
    /// <summary>The kind of input it reads.</summary>
    InputKind Kind { get; }

    /// <summary>What the input is, for messages: "AWS SAM/CloudFormation template", "AWS CLI export".</summary>
    string Description { get; }

    /// <summary>Reads one decoded file.</summary>
    /// <param name="source">The file; its <see cref="InputSource.Kind"/> is <see cref="Kind"/>.</param>
    /// <param name="request">The run's limits and resolution settings (its root and file source are not read).</param>
    IInputModel Read(InputSource source, LoadRequest request);
}
