namespace DscOffload.Linux.Tests.Resources;

/// <summary>Tests that set the process's redirecting variables, which every live resource reads: they run alone, after the others.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentGroup), DisableParallelization = true)]
public sealed class ProcessEnvironmentGroup;
