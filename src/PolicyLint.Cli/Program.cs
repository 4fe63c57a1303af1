using PolicyLint.Cli;

var (stdout, stderr) = StandardStreams.Open();
// CliApp.Run flushes standard output and turns a failure to write it into one message and exit code 2.
return CliApp.Run(args, stdout, stderr, Environment.CurrentDirectory, CliEnvironment.FromProcess());
