namespace DscOffload.Linux.Persistence;

/// <summary>One <c>key=value</c> line of a systemd unit-style file, with where it is, for reports that name file and line.</summary>
/// <param name="Section">The section it is in, without brackets.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, trimmed.</param>
/// <param name="Line">The 1-based line number.</param>
internal sealed record LinkFileLine(string Section, string Key, string Value, int Line);
