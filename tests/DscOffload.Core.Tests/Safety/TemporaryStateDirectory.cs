namespace DscOffload.Core.Tests.Safety;

/// <summary>A private state directory per test, deleted afterwards; no test touches the real journal or lock.</summary>
public sealed class TemporaryStateDirectory : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-state-");

    public string Root => _dir.FullName;

    public string Journal => Path.Combine(Root, "journal");

    public void Dispose() => _dir.Delete(recursive: true);
}
