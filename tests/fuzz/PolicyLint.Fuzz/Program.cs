using PolicyLint.Fuzz;
using SharpFuzz;

// policylint-fuzz TARGET            run under afl-fuzz (SharpFuzz's AFL persistent mode), input on stdin
// policylint-fuzz TARGET FILE...    run each file once and report whether it fails (triage, regression checks)
// policylint-fuzz --list            print the targets
if (args.Length == 0 || args[0] == "--list")
{
    foreach (var name in FuzzTargets.All.Keys.Order(StringComparer.Ordinal))
        Console.WriteLine(name);
    return args.Length == 0 ? 2 : 0;
}

if (!FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; targets: {string.Join(", ", FuzzTargets.All.Keys.Order(StringComparer.Ordinal))}");
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}

var failures = 0;
foreach (var file in args[1..])
{
    try
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"ok    {file}");
    }
    catch (Exception ex)
    {
        failures++;
        Console.WriteLine($"FAIL  {file}: {ex}");
    }
}

return failures == 0 ? 0 : 1;
