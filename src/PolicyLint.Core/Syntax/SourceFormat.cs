namespace PolicyLint.Core.Syntax;

/// <summary>The front end a file was read with.</summary>
public enum SourceFormat
{
    /// <summary>YAML 1.2 (YamlDotNet's event parser), with CloudFormation short-form tags.</summary>
    Yaml,

    /// <summary>JSON (System.Text.Json's reader).</summary>
    Json,
}
