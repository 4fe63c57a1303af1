namespace PolicyLint.Core.Workspace;

/// <summary>One entry of a folder listing.</summary>
/// <param name="Name">The entry's name (no <c>/</c>).</param>
/// <param name="Kind">What it is.</param>
/// <remarks>A class, not a struct: the listing's <c>List&lt;T&gt;</c> then runs the shared code precompiled in the
/// runtime's ReadyToRun image instead of being JIT-compiled for a value type at every start (issue 15).</remarks>
public sealed record FileSourceEntry(string Name, FileEntryKind Kind);
