namespace DscOffload.Linux.Persistence;

/// <summary>
/// A <c>key=value</c> line dscoffload does not manage, kept when a file is parsed so that comparing and
/// rewriting never silently drops what someone else added.
/// </summary>
internal sealed record SystemdLinkEntry(string Section, string Key, string Value);
