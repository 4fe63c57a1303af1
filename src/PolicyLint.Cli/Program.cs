using System.Text;
using PolicyLint.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return CliApp.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory, CliEnvironment.FromProcess());
