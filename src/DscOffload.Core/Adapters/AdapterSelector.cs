namespace DscOffload.Core.Adapters;

/// <summary>
/// Which adapters an instance means: a name pattern (the key), an optional description pattern,
/// exclusions, and whether hidden (Windows) or loopback (Linux) adapters count.
/// </summary>
internal sealed class AdapterSelector
{
    /// <summary>The name pattern (<c>*</c> and <c>?</c> wildcards).</summary>
    public required string NamePattern { get; init; }

    /// <summary>Windows names are case-insensitive; Linux names are not.</summary>
    public required bool IgnoreCase { get; init; }

    /// <summary>Optional pattern on the interface description (Windows).</summary>
    public string? DescriptionPattern { get; init; }

    /// <summary>Name patterns to leave out.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = [];

    /// <summary>Include adapters that are skipped by default (hidden or loopback).</summary>
    public bool IncludeHidden { get; init; }

    /// <summary>Zero matches is in desired state instead of a failure.</summary>
    public bool AllowNoMatch { get; init; }

    /// <summary>True if <paramref name="adapter"/> is selected.</summary>
    public bool Matches(AdapterCandidate adapter) => (IncludeHidden || !adapter.HiddenByDefault) && MatchesIgnoringHidden(adapter);

    /// <summary>True when <paramref name="adapter"/> would match if hidden adapters were included (for "is hidden" hints).</summary>
    public bool MatchesIgnoringHidden(AdapterCandidate adapter)
    {
        if (!WildcardPattern.Matches(NamePattern, adapter.Name, IgnoreCase))
        {
            return false;
        }

        if (DescriptionPattern is not null
            && !WildcardPattern.Matches(DescriptionPattern, adapter.Description ?? "", ignoreCase: true))
        {
            return false;
        }

        foreach (var exclude in ExcludePatterns)
        {
            if (WildcardPattern.Matches(exclude, adapter.Name, IgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The selection in words, for "no adapter matches …" messages.</summary>
    public string Describe()
    {
        var text = $"'{NamePattern}'";
        if (DescriptionPattern is not null)
        {
            text += $" with description '{DescriptionPattern}'";
        }

        if (ExcludePatterns.Count > 0)
        {
            text += $" excluding {string.Join(", ", ExcludePatterns.Select(e => $"'{e}'"))}";
        }

        return text;
    }
}
