namespace PolicyLint.Core.Diagnostics;

/// <summary>A message about the run itself rather than about the input (SARIF <c>toolExecutionNotifications</c>, or
/// <c>toolConfigurationNotifications</c> when <paramref name="IsConfiguration"/>).</summary>
/// <param name="Level">error, warning or note.</param>
/// <param name="Message">What happened, without a final period.</param>
/// <param name="Path">The root-relative path concerned, or null.</param>
/// <param name="IsToolFailure">Whether the run did not complete (an analyzer threw, or the configuration is invalid):
/// the run is then not successful.</param>
/// <param name="IsConfiguration">Whether it is about how the tool was configured (a command-line value that takes no
/// effect) rather than about executing the run.</param>
public sealed record ToolNotification(string Level, string Message, string? Path = null, bool IsToolFailure = false, bool IsConfiguration = false);
