using DscOffload.Reporting.Drift;
using Newtonsoft.Json.Linq;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// A drift report format, fed one host at a time so a fleet run never holds more than one host's result
/// (plus whatever bounded detail a format keeps for its closing section). Call <see cref="Begin"/> once,
/// <see cref="AddHost(JObject)"/> per host envelope (one JSON Lines record), then <see cref="Complete"/>.
/// </summary>
public interface IDriftRenderer
{
    /// <summary>Totals over the hosts added so far; final after <see cref="Complete"/>.</summary>
    DriftSummary Summary { get; }

    /// <summary>Writes whatever the format needs before the first host.</summary>
    void Begin();

    /// <summary>Reads one host's envelope (see <see cref="DriftEnvelopeReader"/>) and reports it.</summary>
    void AddHost(JObject envelope);

    /// <summary>Reports one host already read, so a caller writing several formats reads each envelope once.</summary>
    void AddHost(HostDriftReport host);

    /// <summary>Writes the closing part (totals, capped detail, task result) and flushes the writer; does not close it.</summary>
    void Complete();
}
