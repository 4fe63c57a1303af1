using PolicyLint.Cli;

var (stdout, stderr) = StandardStreams.Open();
var exitCode = CliApp.Run(args, stdout, stderr, Environment.CurrentDirectory, CliEnvironment.FromProcess());
try
{
    stdout.Flush();
}
catch (IOException ex)
{
    stderr.WriteLine($"policylint: error: cannot write to standard output: {ex.Message}");
    return ExitCodes.UsageError;
}

return exitCode;
