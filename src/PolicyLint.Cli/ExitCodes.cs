using System.CommandLine;
using System.CommandLine.Parsing;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Reporting.Sarif;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Workspace;
using PolicyLint.Rules;

namespace PolicyLint.Cli;

/// <summary>Exit codes (docs/conventions.md#c13).</summary>
public static class ExitCodes
{
    /// <summary>No unsuppressed result at or above the fail level.</summary>
    public const int Success = 0;

    /// <summary>At least one unsuppressed result at or above the fail level.</summary>
    public const int Failure = 1;

    /// <summary>Usage or configuration error; nothing was analyzed or an output could not be written.</summary>
    public const int UsageError = 2;
}
