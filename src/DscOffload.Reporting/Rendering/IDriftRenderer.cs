using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// A drift report format, fed one host at a time so a fleet run never holds more than one host's result
/// (plus whatever bounded detail a format keeps for its closing section). Call <see cref="Begin"/> once,
/// <see cref="AddHost"/> per host (<see cref="EngineRunReader"/> reads a run, <see cref="DriftEnvelopeReader"/> an
/// envelope from a file), then <see cref="Complete"/>.
/// </summary>
public interface IDriftRenderer
{
    /// <summary>Totals over the hosts added so far; final after <see cref="Complete"/>.</summary>
    DriftSummary Summary { get; }

    /// <summary>Writes whatever the format needs before the first host.</summary>
    void Begin();

    /// <summary>Reports one host.</summary>
    void AddHost(HostDriftReport host);

    /// <summary>Writes the closing part (totals, capped detail, task result) and flushes the writer; does not close it.</summary>
    void Complete();
}
