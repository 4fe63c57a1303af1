namespace PolicyLint.Core.Configuration;

/// <summary>Where severity configuration comes from, highest precedence first (docs/conventions.md#c20). Command-line flags rank above
/// all of them; they set no severities, and the command line applies them (<c>--ledger</c>, <c>--stack-name</c>,
/// <c>--parameter</c>) over <see cref="EffectiveConfiguration"/>.</summary>
public enum ConfigurationSourceKind
{
    /// <summary><c>.policylint.yaml</c> or <c>--config FILE</c>.</summary>
    PolicyLintYaml,

    /// <summary><c>.globalconfig</c> at the root.</summary>
    GlobalConfig,

    /// <summary><c>.editorconfig</c> at the root (global section and <c>[*]</c>).</summary>
    EditorConfig,
}
