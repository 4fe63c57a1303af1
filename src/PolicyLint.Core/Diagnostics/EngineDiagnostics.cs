namespace PolicyLint.Core.Diagnostics;

/// <summary>
/// Diagnostics raised by the engine rather than by a rule (docs/conventions.md#c17). Their pages live in <c>rules/docs/</c> like
/// every other rule's.
/// </summary>
public static class EngineDiagnostics
{
    /// <summary>PL0001. Arguments: {0} what was found and where it went wrong (a sentence without a period).</summary>
    public static readonly DiagnosticDescriptor InvalidInput = DiagnosticDescriptor.Create(
        id: "PL0001",
        name: "InvalidInput",
        title: "File cannot be parsed or an intrinsic function has an invalid form",
        messageFormat: "{0}",
        category: RuleCategory.Input,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "A template or the ledger is not valid YAML or JSON, repeats a key or a logical ID, exceeds a parse limit, " +
                     "or uses an intrinsic function in a form CloudFormation rejects. Nothing else is reported for that file.",
        isConfigurable: false);

    /// <summary>PL0002. Arguments: {0} what could not be decided; {1} why (the unresolved reference or construct).</summary>
    public static readonly DiagnosticDescriptor Unresolved = DiagnosticDescriptor.Create(
        id: "PL0002",
        name: "UnresolvedValue",
        title: "Value cannot be resolved statically",
        messageFormat: "Cannot decide {0}: {1}",
        category: RuleCategory.Input,
        defaultSeverity: DiagnosticSeverity.Note,
        description: "A value a rule needs depends on something PolicyLint cannot know offline (a parameter without a default, " +
                     "an unconfigured pseudo parameter, an undeclared reference, Fn::ForEach), so the rule cannot decide.");

    /// <summary>PL0003. Arguments: {0} what is wrong with the suppression (a sentence without a period).</summary>
    public static readonly DiagnosticDescriptor InvalidSuppression = DiagnosticDescriptor.Create(
        id: "PL0003",
        name: "InvalidSuppression",
        title: "Suppression is invalid or suppresses nothing",
        messageFormat: "{0}",
        category: RuleCategory.Input,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An in-source suppression (Metadata.policylint.suppress, or a ledger record's suppress list) names an unknown " +
                     "or unsuppressible rule, has no justification or a malformed expiry date, or matches no result; it is not applied.");

    /// <summary>PL0004. Arguments: {0} what is wrong with the configuration (a sentence without a period).</summary>
    public static readonly DiagnosticDescriptor InvalidConfiguration = DiagnosticDescriptor.Create(
        id: "PL0004",
        name: "InvalidConfiguration",
        title: "Configuration is invalid",
        messageFormat: "{0}",
        category: RuleCategory.Input,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "The configuration (.policylint.yaml, --config, .globalconfig or .editorconfig) has an unknown key, an unknown " +
                     "rule ID, or a bad value. Nothing is analyzed until it is fixed; the exit code is 2.",
        isConfigurable: false);

    /// <summary>The engine's descriptors, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = [InvalidInput, Unresolved, InvalidSuppression, InvalidConfiguration];
}
