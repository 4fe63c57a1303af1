using PolicyLint.Core.Inputs;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Inputs.Templates;

namespace PolicyLint.Core.Loading;

/// <summary>The registered front ends, one per <see cref="InputKind"/>: the one table a new input kind is added to
/// (docs/architecture.md, "Where things go").</summary>
public static class InputFrontEnds
{
    /// <summary>AWS SAM and CloudFormation templates (YAML and JSON).</summary>
    public static TemplateFrontEnd Templates { get; } = new();

    /// <summary>AWS CLI exports of the deployed state.</summary>
    public static DeployedStateFrontEnd DeployedState { get; } = new();

    /// <summary>Every front end, in <see cref="InputKind"/> order.</summary>
    public static IReadOnlyList<IInputFrontEnd> All { get; } = [Templates, DeployedState];

    /// <summary>The front end of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No front end reads <paramref name="kind"/>.</exception>
    public static IInputFrontEnd For(InputKind kind) =>
        All.FirstOrDefault(f => f.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "No front end reads this kind of input");
}
