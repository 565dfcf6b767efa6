using DscOffload.Cli.Hosts;
using DscOffload.Cli.Output;
using DscOffload.Cli.Safety;
using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Cli.Commands;

/// <summary>
/// The body of the config commands: prepare the document once, run it against the live host or each
/// recorded host in turn (streaming results to the chosen output), and compute the exit code.
/// </summary>
public sealed class ConfigRunner
{
    private readonly ResourceCatalog _catalog;
    private readonly StandardStreams _streams;
    private readonly ConfigRequest _request;
    private readonly Dictionary<string, string> _hostFiles = new(StringComparer.OrdinalIgnoreCase);
    private int _unreadableSnapshots;
    private List<string>? _pendingErrors;
    private ProgressLine? _progress;

    private readonly TraceWriter? _trace;

    // Hosts evaluated ahead of the one being written, per worker: enough to keep every core busy, few because what is
    // in flight survives garbage collections, and copying it from one generation to the next costs more than it saves.
    private const int FleetWindowPerWorker = 2;

    // Set on a fleet worker while it runs one host, so the engine's messages wait for that host's turn on stderr.
    [ThreadStatic]
    private static List<ResourceMessage>? _heldMessages;

    /// <summary>Creates the runner; with <paramref name="trace"/> (dsc's <c>-l</c>/<c>-t</c>) the run's messages are traced on stderr.</summary>
    public ConfigRunner(ResourceCatalog catalog, StandardStreams streams, ConfigRequest request, TraceWriter? trace = null)
    {
        _catalog = catalog;
        _streams = streams;
        _request = request;
        _trace = trace;
    }

    /// <summary>Runs the request and returns the exit code.</summary>
    public int Run()
    {
        var sources = _request.Against.Count > 0 ? SnapshotSources.Expand(_request.Against) : null;
        if (sources is not null && _request.Operation == EngineOperation.Set && !_request.WhatIf)
        {
            throw new DscOffloadException(ErrorKind.InvalidArguments,
                "set against recorded state is refused: recorded hosts are read-only; add --what-if to preview the changes");
        }

        var fleet = sources is { Count: > 1 };
        var liveChange = sources is null && _request.Operation == EngineOperation.Set && !_request.WhatIf;
        var engine = new ConfigurationEngine(_catalog, new EngineOptions
        {
            WhatIf = _request.WhatIf,
            IgnoreForeignTypes = _request.IgnoreForeignTypes,
            MessageLevel = fleet ? MessageLevel.Warning : MessageLevel.Information,
            Version = ProductInfo.Version,
            AfterInstance = liveChange ? SafetyTestHooks.PauseAfterInstance() : null,
            Advisors = [new CoexistenceResultAdvisor(_catalog)],
            SystemRoot = _request.SystemRoot,
            OnMessage = Trace,
            OnMessageLevel = _trace?.Threshold ?? MessageLevel.Error, // Trace writes only errors without -l/-t
        });
        var document = _request.Document ?? DocumentLoader.Load(_request.DocumentPath);
        var parameters = _request.Parameters ?? (_request.ParametersPath is { } parametersPath ? ParametersFile.Load(parametersPath) : null);
        var prepared = DocumentPreparation.Prepare(engine, _request.DocumentPath, document, parameters, _request.SystemRoot);

        using var file = _request.OutputPath is null ? null : new StreamWriter(_request.OutputPath, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        var writer = (TextWriter?)file ?? _streams.Out;
        var sink = EnvelopeSinks.Create(_request, writer, interactive: file is null && _streams.OutIsTerminal, fleet);
        var tally = new FleetTally();
        if (sources is null)
        {
            var live = new LiveHostTarget();
            if (liveChange)
            {
                _pendingErrors = [];
                var run = GuardedLiveSet.Run(engine, prepared, live, _request.Command ?? $"config set --file {_request.DocumentPath}", _streams.Error, _request.RestoreFiles,
                    _request.RestoreDirectories);
                // A set that changed something and then failed has one line naming what changed and the failure; otherwise
                // the instances' errors say why.
                foreach (var line in run.HadErrors && run.Changed ? [] : _pendingErrors)
                {
                    _streams.Error.WriteLine(line);
                }

                _pendingErrors = null;
                tally.Add(run);
                sink.Add(run);
            }
            else
            {
                var run = engine.Run(prepared, live, _request.Operation);
                tally.Add(run);
                sink.Add(run);
            }
        }
        else
        {
            var progress = _progress = new ProgressLine(_streams.Error, enabled: _streams.ErrorIsTerminal && sources.Count > 1);
            _ = prepared.Resolved?.Redactor; // built once here rather than raced for by the workers
            var workers = Environment.ProcessorCount;
            OrderedParallel.ForEach(sources, workers, FleetWindowPerWorker * workers, path => EvaluateRecorded(engine, prepared, path, sink), (i, host) =>
            {
                var (run, output, drifted) = Report(engine, prepared, host, sink);
                tally.Add(run, drifted);
                sink.Write(output);
                progress.Update(i + 1, sources.Count);
            });

            progress.Clear();
        }

        sink.Complete();
        if (file is not null)
        {
            _streams.Error.WriteLine(tally.Summary(_request.Operation, _request.WhatIf) + $"; report written to {_request.OutputPath}");
        }

        var code = _unreadableSnapshots > 0 ? CliExitCode.InvalidInput : ExitCode(tally, _request);
        if (code == CliExitCode.Drift)
        {
            // As dsc's failed assertion: the exit code alone would not say what drifted.
            Error($"--fail-on-drift: {tally.DriftDescription(_request.Operation)}");
        }

        return code;
    }

    /// <summary>One error line on stderr: an ERROR trace line with <c>-l</c>/<c>-t</c>, else <c>dscoffload: error: …</c>.</summary>
    private void Error(string text) => Line(MessageLevel.Error, text);

    /// <summary>One warning line on stderr: a WARN trace line with <c>-l</c>/<c>-t</c>, else <c>dscoffload: warning: …</c>.</summary>
    private void Warning(string text) => Line(MessageLevel.Warning, text);

    private void Line(MessageLevel level, string text)
    {
        _progress?.Clear();
        if (_trace is not null)
        {
            _trace.Write(level, text);
        }
        else
        {
            _streams.Error.WriteLine($"dscoffload: {(level == MessageLevel.Error ? "error" : "warning")}: {text}");
        }
    }

    /// <summary>
    /// A run's messages on stderr: as dsc's trace lines with <c>-l</c>/<c>-t</c>; otherwise only errors, one line each,
    /// so that every failing exit says why on stderr as well as in the result.
    /// </summary>
    private void Trace(ResourceMessage message)
    {
        if (_heldMessages is { } held)
        {
            held.Add(message);
        }
        else if (_trace is not null)
        {
            _progress?.Clear();
            _trace.Write(message.Level, message.Text);
        }
        else if (message.Level == MessageLevel.Error)
        {
            var line = $"dscoffload: error: {message.Text}";
            if (_pendingErrors is not null)
            {
                _pendingErrors.Add(line);
            }
            else
            {
                ErrorLine(line);
            }
        }
    }

    /// <summary>One line on stderr, starting on a line of its own even while the progress line is shown.</summary>
    private void ErrorLine(string line)
    {
        _progress?.Clear();
        _streams.Error.WriteLine(line);
    }

    /// <summary>
    /// The part of one recorded host that needs no other host: read the snapshot, run the document against it under the
    /// host's own name and prepare its output. Runs on a fleet worker thread, so the engine's messages are kept with the
    /// result and written by <see cref="Report"/>, in file order.
    /// </summary>
    private RecordedEvaluation EvaluateRecorded(ConfigurationEngine engine, PreparedConfiguration prepared, string path, IEnvelopeSink sink)
    {
        RecordedHost host;
        try
        {
            host = RecordedHost.ReadUnlocated(path);
        }
        catch (DscOffloadException e)
        {
            var corrupt = CorruptSnapshot(path, e);
            return new RecordedEvaluation(path, null, corrupt, sink.Prepare(corrupt), [], [], e);
        }

        var messages = new List<ResourceMessage>();
        _heldMessages = messages;
        try
        {
            var run = engine.Run(prepared, new RecordedHostTarget(host), _request.Operation);
            if (run.HadErrors)
            {
                // The snapshot was read without locations; read it again with them, so its errors name file:line:column.
                messages.Clear();
                run = engine.Run(prepared, new RecordedHostTarget(RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path)), _request.Operation);
            }

            // Only the output and the verdict wait for their turn, not the snapshot's or the run's state objects.
            var output = sink.Prepare(run);
            return new RecordedEvaluation(path, host.HostName, run with { Results = [], Messages = [], Outputs = null }, output, messages, FleetTally.DriftedInstances(run), null);
        }
        finally
        {
            _heldMessages = null;
        }
    }

    /// <summary>Reports one evaluated host, in file order: its stderr lines, and a second run under a distinct name if another file already claimed its host name.</summary>
    private (EngineRun Run, object Output, IReadOnlyList<string>? Drifted) Report(ConfigurationEngine engine, PreparedConfiguration prepared, RecordedEvaluation evaluation, IEnvelopeSink sink)
    {
        var path = evaluation.Path;
        if (evaluation.HostName is not { } hostName)
        {
            // A corrupt snapshot is one failed host; the others are still evaluated, and the exit code says invalid input.
            _unreadableSnapshots++;
            Error($"cannot read snapshot: {evaluation.ReadError!.OneLine}");
            return (evaluation.Run, evaluation.Output, evaluation.Drifted);
        }

        if (_hostFiles.TryGetValue(hostName, out var first))
        {
            // Two files claim one host name: told apart by file, and the report says so instead of merging them. Rare,
            // so the snapshot is read again rather than kept in memory for every host.
            var host = RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path);
            var claim = $"'{path}' and '{first}' both record host '{host.HostName}'; this one is reported as '{host.HostName} ({path})'";
            Warning(claim);
            var run = engine.Run(prepared, new RecordedHostTarget(host, $"{host.HostName} ({path})"), _request.Operation);
            run = run with { Messages = [new RunMessage("", "", MessageLevel.Warning, claim), .. run.Messages] };
            return (run, sink.Prepare(run), null);
        }

        _hostFiles[hostName] = path;
        foreach (var message in evaluation.Messages)
        {
            Trace(message);
        }

        return (evaluation.Run, evaluation.Output, evaluation.Drifted);
    }

    /// <summary>One recorded host as a worker left it: its host name (null if unreadable), the run's verdict, its prepared output, held messages and the names of its drifted instances.</summary>
    private sealed record RecordedEvaluation(string Path, string? HostName, EngineRun Run, object Output, List<ResourceMessage> Messages, IReadOnlyList<string> Drifted, DscOffloadException? ReadError);

    private EngineRun CorruptSnapshot(string path, DscOffloadException e) => new()
    {
        Info = new RunInfo
        {
            Operation = _request.Operation,
            IsWhatIf = _request.WhatIf,
            Host = Path.GetFileNameWithoutExtension(path),
            IsRecorded = true,
            SnapshotPath = path,
            DocumentPath = _request.DocumentPath,
        },
        Messages = [new RunMessage("", "", MessageLevel.Error, $"cannot read snapshot: {e.OneLine}")],
        HadErrors = true,
        FirstError = e.Kind,
    };

    /// <summary>The exit code of a whole run: the first error's kind, else drift under <c>--fail-on-drift</c>.</summary>
    private static int ExitCode(FleetTally tally, ConfigRequest request)
    {
        if (tally.FirstError is { } kind)
        {
            // Something changed before a failure (in the failing instance or an earlier one): partially applied.
            return kind == ErrorKind.PartiallyApplied || (tally.ChangedThenFailed && !request.WhatIf) ? CliExitCode.PartiallyApplied
                : kind == ErrorKind.ElevationRequired ? CliExitCode.ElevationRequired
                : kind == ErrorKind.Busy ? CliExitCode.Busy
                : kind == ErrorKind.ValidationFailed ? CliExitCode.ValidationFailed
                : CliExitCode.ResourceError;
        }

        var drift = request.Operation switch
        {
            EngineOperation.Test => tally.InDesiredState < tally.Hosts,
            EngineOperation.Set => request.WhatIf && tally.Changed,
            _ => false,
        };
        return request.FailOnDrift && drift ? CliExitCode.Drift : CliExitCode.Success;
    }
}
