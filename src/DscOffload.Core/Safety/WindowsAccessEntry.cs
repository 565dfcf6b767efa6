namespace DscOffload.Core.Safety;

/// <summary>One access control entry of a DACL.</summary>
/// <param name="Sid">Whom it is for.</param>
/// <param name="Allows">True for an allow entry, false for a deny entry.</param>
/// <param name="Rights">The access mask (<c>FileSystemRights</c> bits, generic rights included as stored).</param>
/// <param name="InheritOnly">True when it applies only to what is created inside, not to the object itself.</param>
internal sealed record WindowsAccessEntry(string Sid, bool Allows, int Rights, bool InheritOnly);
