namespace DscOffload.Core.Engine;

/// <summary>When a run happened, how long it took, and with what version and privileges.</summary>
/// <param name="Version">The product version.</param>
/// <param name="Started">When the run started.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Elevated">True when the process ran with administrator or root rights.</param>
public sealed record RunTiming(string Version, DateTimeOffset Started, TimeSpan Elapsed, bool Elevated);
