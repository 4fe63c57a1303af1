using System.Globalization;

namespace PolicyLint.Cli;

/// <summary>What the command line learns from the process it runs in: whether standard output is a terminal, and
/// the environment variables. Tests pass their own.</summary>
/// <param name="StdoutIsTerminal">Whether standard output is a terminal (not a pipe or a file).</param>
/// <param name="GetVariable">An environment variable's value, or null when it is not set.</param>
public sealed record CliEnvironment(bool StdoutIsTerminal, Func<string, string?> GetVariable)
{
    /// <summary>Output redirected, no variables: what an in-process run without an environment sees.</summary>
    public static CliEnvironment Redirected { get; } = new(false, _ => null);

    /// <summary>This process: standard output as the console reports it, and the real environment.</summary>
    public static CliEnvironment FromProcess() => new(StandardStreams.StdoutIsTerminal(), Environment.GetEnvironmentVariable) { OwnsProcess = true };

    /// <summary>Whether the run is the whole process (the <c>policylint</c> executable), which ends when it does: a
    /// lint of many files then defers garbage collection (<see cref="Core.Inputs.LoadRequest.DeferGarbageCollection"/>).
    /// False for an in-process run (tests, hosts).</summary>
    public bool OwnsProcess { get; init; }

    /// <summary>The width to wrap help text at: unlimited when standard output is not a terminal; on a terminal,
    /// <c>COLUMNS</c> when it is set to a positive number, else 80. (Asking the console for its width would make .NET
    /// switch the terminal into keypad transmit mode, which is why the console is not asked.)</summary>
    public int HelpWidth() =>
        !StdoutIsTerminal ? int.MaxValue
        : int.TryParse(GetVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0 ? columns
        : 80;

    /// <summary>
    /// Whether text written to standard output gets colour: only on a terminal, never with <c>--no-color</c>, and
    /// never when <c>NO_COLOR</c> is set to a non-empty value, whatever it is (no-color.org).
    /// </summary>
    public bool ColorsStdout(bool noColorFlag) =>
        StdoutIsTerminal && !noColorFlag && string.IsNullOrEmpty(GetVariable("NO_COLOR"));
}
