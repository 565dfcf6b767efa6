using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Tests.Resources;

/// <summary>An <see cref="INetworkManagerControl"/> that records what it is asked; a reapply fails with <see cref="ReapplyRefusal"/> when set.</summary>
internal sealed class RecordingNetworkManager(bool running) : INetworkManagerControl
{
    public List<string> Calls { get; } = [];

    public string? ReapplyRefusal { get; set; }

    public bool IsRunning() => running;

    public string? Load(string path)
    {
        Calls.Add($"load {path}");
        return null;
    }

    public string? Reapply(string interfaceName)
    {
        Calls.Add($"reapply {interfaceName}");
        return ReapplyRefusal;
    }
}
