using DscOffload.Core.Diagnostics;
using DscOffload.Linux.Persistence;

namespace DscOffload.Linux.Recorded;

/// <summary>
/// The NetworkManager of a recorded host: a recording holds its profiles, not the running service, so whether it runs is
/// not known and nothing can be told to it. <c>persist: Auto</c>, which needs the answer, is not compared on recordings,
/// and writes are refused before they could reach here; a call is therefore a mistake, reported as one.
/// </summary>
internal sealed class RecordedNetworkManagerControl : INetworkManagerControl
{
    /// <inheritdoc />
    public bool IsRunning() => throw ReadOnly();

    /// <inheritdoc />
    public string? Load(string path) => throw ReadOnly();

    /// <inheritdoc />
    public string? Reapply(string interfaceName) => throw ReadOnly();

    private static DscOffloadException ReadOnly() =>
        new(ErrorKind.NotAllowed, "the NetworkManager of a recorded host cannot be asked or told anything; use --what-if to preview changes");
}
