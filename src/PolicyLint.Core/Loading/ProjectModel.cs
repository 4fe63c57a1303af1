using System.Collections.Immutable;
using PolicyLint.Core.Inputs.Deployed;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Core.Loading;

/// <summary>
/// Everything one run analyzes: the templates found under the root, the ledger, the deployed state read from AWS CLI
/// exports, and the files that looked like templates but could not be read (the "compilation", in Roslyn's words).
/// </summary>
public sealed class ProjectModel
{
    /// <summary>Creates a project model and links its nested stacks to their child templates
    /// (<see cref="NestedStack"/>), so that a template's functions carry the stack-level tags of the stacks that nest
    /// it.</summary>
    /// <param name="root">Absolute root directory.</param>
    /// <param name="templates">Templates in path order, then document order.</param>
    /// <param name="ledger">The ledger (an empty one when the default file is missing).</param>
    /// <param name="brokenTemplatePaths">Root-relative paths of template files that could not be analyzed at all.</param>
    /// <param name="deployed">The deployed state read from AWS CLI exports; <see cref="DeployedState.Empty"/> when null.</param>
    public ProjectModel(string root, IReadOnlyList<TemplateModel> templates, ExclusionLedger ledger, IReadOnlySet<string> brokenTemplatePaths, DeployedState? deployed = null)
    {
        Deployed = deployed ?? DeployedState.Empty;
        Root = root;
        Templates = templates;
        Ledger = ledger;
        BrokenTemplatePaths = brokenTemplatePaths;
        Functions = [.. templates.SelectMany(t => t.Functions)];
        NestedStack.Link(templates, brokenTemplatePaths);
    }

    /// <summary>Absolute path of the root directory.</summary>
    public string Root { get; }

    /// <summary>Templates in path order (ordinal), then document order.</summary>
    public IReadOnlyList<TemplateModel> Templates { get; }

    /// <summary>Every function of every template, in template order.</summary>
    public ImmutableArray<LambdaFunction> Functions { get; }

    /// <summary>The ledger.</summary>
    public ExclusionLedger Ledger { get; }

    /// <summary>What is deployed, as the run's AWS CLI exports say (empty without <c>--deployed</c>).</summary>
    public DeployedState Deployed { get; }

    /// <summary>Root-relative paths of files that look like templates but could not be analyzed at all (a syntax error, a
    /// limit, not UTF-8, too large): what they define is unknown. A file whose PL0001 is a repeated key or an invalid
    /// intrinsic form is analyzed, and is not here (docs/conventions.md#c4).</summary>
    public IReadOnlySet<string> BrokenTemplatePaths { get; }
}
