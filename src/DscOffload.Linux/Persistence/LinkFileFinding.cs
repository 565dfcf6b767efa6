namespace DscOffload.Linux.Persistence;

/// <summary>A persisted source that affects whether dscoffload's configuration applies, with where it is.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">The 1-based line that decides it (0 when the whole file does).</param>
/// <param name="What">One line saying what it does.</param>
internal sealed record LinkFileFinding(string Path, int Line, string What)
{
    /// <summary><c>file:line: what</c>.</summary>
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {What}" : $"{Path}: {What}";
}
