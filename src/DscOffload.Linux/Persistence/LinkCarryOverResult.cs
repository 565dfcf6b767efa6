namespace DscOffload.Linux.Persistence;

/// <summary>What <see cref="LinkSettingsCarryOver.Merge"/> made of the desired keys and the previously applying file.</summary>
/// <param name="Settings">What dscoffload's file should hold.</param>
/// <param name="Refusals">Settings that could not be carried over; the file must not be written while there are any.</param>
/// <param name="Carried">The <c>[section] key=value</c> settings copied from the previous file, for messages.</param>
internal sealed record LinkCarryOverResult(SystemdLinkSettings Settings, IReadOnlyList<LinkFileFinding> Refusals, IReadOnlyList<string> Carried);
