namespace DscOffload.Linux.Persistence;

/// <summary>
/// One <c>network: ethernets: &lt;id&gt;:</c> block of a netplan file, as far as dscoffload reads it: its id, how it
/// matches devices and its offload keys, each with its line. netplan merges the blocks of one id across files.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Id">The definition's id (the interface name when it has no <c>match</c>).</param>
/// <param name="Line">The 1-based line of the id.</param>
/// <param name="Match">The <c>match</c> keys of this block (<c>name</c>, <c>macaddress</c>, <c>driver</c>).</param>
/// <param name="Offloads">The <c>*-offload</c> keys of this block, with their values and lines.</param>
/// <param name="SetName">The <c>set-name</c> of this block (the name netplan's <c>.link</c> file gives the matched device), or null.</param>
internal sealed record NetplanDefinition(
    string Path,
    string Id,
    int Line,
    IReadOnlyDictionary<string, string> Match,
    IReadOnlyList<(string Key, string Value, int Line)> Offloads,
    string? SetName = null);
