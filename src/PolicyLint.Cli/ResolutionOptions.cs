using System.Collections.Immutable;
using System.CommandLine;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;

namespace PolicyLint.Cli;

/// <summary>
/// The options that decide how template values resolve, shared by the lint command, <c>ledger status</c> and
/// <c>ledger add</c> so that all three resolve a function the same way: <c>--config-env</c>, <c>--stack-name</c> and
/// <c>--parameter NAME=VALUE</c>. Each wins over the configuration (<c>config_env</c>, <c>stack_name</c>,
/// <c>parameters</c>), which wins over samconfig and the defaults (docs/conventions.md#c20, docs/conventions.md#c21).
/// </summary>
internal sealed class ResolutionOptions
{
    /// <summary><c>--config-env ENV</c>.</summary>
    public Option<string?> ConfigEnv { get; } = new("--config-env")
    {
        Description = "The samconfig environment to read stack name, parameters and tags from, or '*' for every environment in one run (default: config_env in the configuration, else default).",
        HelpName = "ENV",
    };

    /// <summary><c>--stack-name NAME</c>.</summary>
    public Option<string?> StackName { get; } = new("--stack-name")
    {
        Description = "AWS::StackName for every template (wins over stack_name in the configuration and in samconfig).",
        HelpName = "NAME",
    };

    /// <summary><c>--parameter NAME=VALUE</c>, repeatable.</summary>
    public Option<string[]> Parameters { get; } = new("--parameter")
    {
        Description = "A parameter value, NAME=VALUE; repeatable; wins over the configuration and template defaults.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The three options, in help order.</summary>
    public IEnumerable<Option> All => [StackName, ConfigEnv, Parameters];

    /// <summary>Applies the options over <paramref name="load"/> (which carries the configuration's values): a flag wins
    /// over the configuration, which wins over samconfig and the defaults.</summary>
    /// <exception cref="CommandException">An empty <c>--config-env</c> or <c>--stack-name</c>, or a <c>--parameter</c>
    /// that is not <c>NAME=VALUE</c> with a non-empty name.</exception>
    public LoadRequest Apply(ParseResult parse, LoadRequest load)
    {
        var configEnv = parse.GetValue(ConfigEnv);
        if (configEnv is { Length: 0 })
            throw new CommandException("--config-env must not be empty");
        var stackName = parse.GetValue(StackName);
        if (stackName is { Length: 0 })
            throw new CommandException("--stack-name must not be empty");

        var parameters = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        parameters.AddRange(load.Resolution.ParameterOverrides);
        foreach (var (name, value) in ParameterValues(parse))
            parameters[name] = value;

        return load with
        {
            Resolution = load.Resolution with { ParameterOverrides = parameters.ToImmutable(), StackName = stackName ?? load.Resolution.StackName },
            ConfigEnvironment = configEnv ?? load.ConfigEnvironment,
        };
    }

    /// <summary>A warning for each <c>--parameter</c> name that no template of <paramref name="project"/> declares: its
    /// value is used nowhere, which is most likely a typo.</summary>
    public IReadOnlyList<ToolNotification> UnusedParameterWarnings(ParseResult parse, ProjectModel project)
    {
        if (parse.GetValue(Parameters) is not { Length: > 0 })
            return []; // the usual run: nothing to check, and the checks below are set-up at every start (issue 15)
        var declared = project.Templates.SelectMany(t => t.Parameters.Keys).ToHashSet(StringComparer.Ordinal);
        return [.. ParameterValues(parse).Select(p => p.Name).Distinct(StringComparer.Ordinal).Where(n => !declared.Contains(n))
            .Select(n => new ToolNotification("warning", $"--parameter '{n}': no analyzed template declares a parameter '{n}', so its value is not used", IsConfiguration: true))];
    }

    /// <summary>The <c>--parameter</c> values as name and value, in command-line order.</summary>
    /// <exception cref="CommandException">A value is not <c>NAME=VALUE</c> with a non-empty name.</exception>
    private IEnumerable<(string Name, string Value)> ParameterValues(ParseResult parse)
    {
        foreach (var pair in parse.GetValue(Parameters) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new CommandException($"--parameter '{pair}' is not NAME=VALUE");
            yield return (pair[..equals], pair[(equals + 1)..]);
        }
    }
}
