using System.Diagnostics;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Core.Resources.Echo;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// Runs a prepared document against one target, instance by instance in dependency order:
/// get → diff → (set → get → verify) → result, producing typed results (<see cref="EngineRun"/>) that
/// <see cref="EnvelopeWriter"/> writes as the envelope of <c>dsc config get|test|set</c>.
/// The same code serves the live host and recorded hosts.
/// </summary>
public sealed class ConfigurationEngine
{
    private readonly ResourceCatalog _catalog;
    private readonly EngineOptions _options;

    /// <summary>Creates an engine over the known resource types.</summary>
    public ConfigurationEngine(ResourceCatalog catalog, EngineOptions options)
    {
        _catalog = catalog;
        _options = options;
    }

    /// <summary>
    /// Checks every instance before anything runs: known type (or skipped foreign type) and valid
    /// properties. Throws the first problem with its document location.
    /// </summary>
    public PreparedConfiguration Prepare(string documentPath, IReadOnlyList<EngineInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var (prepared, warnings) = PrepareInstances(documentPath, instances.Select(i => (i, (ResolvedInstance?)null)));
        return new PreparedConfiguration(documentPath, prepared, warnings);
    }

    /// <summary>
    /// Checks the instances of a resolved document as <see cref="Prepare(string, IReadOnlyList{EngineInstance})"/> does;
    /// instances whose <c>condition</c> is false are kept aside as skipped, and the properties of an instance that
    /// calls <c>reference()</c> are checked when it runs, once they can be evaluated.
    /// </summary>
    public PreparedConfiguration Prepare(string documentPath, ResolvedConfiguration resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var toRun = resolved.Instances.Where(i => i.IsConditionMet).Select(i => (DocumentPreparation.ToEngineInstance(i), (ResolvedInstance?)i));
        var (prepared, warnings) = PrepareInstances(documentPath, toRun);
        CheckReferences(resolved);
        return new PreparedConfiguration(documentPath, prepared, warnings)
        {
            Resolved = resolved,
            Skipped = resolved.Instances.Where(i => !i.IsConditionMet).ToList(),
        };
    }

    /// <summary>
    /// Refuses, before anything runs, a <c>reference()</c> to an instance that will not have run by then (a cycle, a
    /// missing <c>dependsOn</c>, a name that is not in the document), as dsc would fail at that instance. Each instance's
    /// desired properties stand in for its result; any other problem of a deferred expression is left for the run,
    /// which has the real results.
    /// </summary>
    private void CheckReferences(ResolvedConfiguration resolved)
    {
        if (!resolved.Instances.Any(i => i.NeedsRunResults))
        {
            return;
        }

        var probe = new RunExpressionHost(_options.SystemRoot);
        foreach (var instance in resolved.Instances.Where(i => i.IsConditionMet))
        {
            var properties = instance.Properties;
            if (instance.NeedsRunResults)
            {
                probe.AskedForMissingReference = false;
                try
                {
                    properties = ConfigurationResolver.EvaluateProperties(resolved, instance, probe);
                }
                catch (DscOffloadException e) when (probe.AskedForMissingReference)
                {
                    throw new DscOffloadException(e.Kind, resolved.Redactor.Redact(e.Message), e.Location);
                }
                catch (DscOffloadException)
                {
                    // Depends on the real result; the run evaluates it again.
                }
            }

            probe.Record(instance.Type, instance.Name, properties, null, []);
        }
    }

    private (List<PreparedInstance> Prepared, List<string> Warnings) PrepareInstances(string documentPath, IEnumerable<(EngineInstance Instance, ResolvedInstance? Resolved)> instances)
    {
        var prepared = new List<PreparedInstance>();
        var warnings = new List<string>();
        foreach (var (instance, resolved) in instances)
        {
            var provider = _catalog.Find(instance.Type) ?? BuiltIn(instance.Type);
            if (provider is null)
            {
                var message = $"'{instance.Name}' has type '{instance.Type}', which is not a DscOffload resource type (known: {_catalog.TypeNames})";
                if (!_options.IgnoreForeignTypes)
                {
                    throw new DscOffloadException(ErrorKind.ValidationFailed,
                        message + "; run this document with dsc, or pass --ignore-foreign-types to skip it", instance.TypeLocation ?? instance.Location);
                }

                warnings.Add(message + "; skipped (--ignore-foreign-types)");
                continue;
            }

            if (resolved is not { NeedsRunResults: true })
            {
                ResourceInputValidator.Validate(provider.Descriptor, instance.Properties, documentPath);
            }

            prepared.Add(new PreparedInstance(instance, provider) { Resolved = resolved });
        }

        return (prepared, warnings);
    }

    // dsc's echo type is part of the engine, so documents written to inspect expressions under dsc run here too.
    private static readonly EchoResourceType Echo = new();

    private static IResourceTypeProvider? BuiltIn(string type) =>
        string.Equals(type, EchoResourceType.TypeName, StringComparison.OrdinalIgnoreCase) ? Echo : null;

    /// <summary>
    /// Runs <paramref name="configuration"/> against <paramref name="target"/>; a live set calls
    /// <paramref name="gate"/> before each instance changes anything. A set stops at the first failing
    /// instance: the ones after it are reported as not run.
    /// </summary>
    public EngineRun Run(PreparedConfiguration configuration, HostTarget target, EngineOperation operation, IChangeGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(target);
        if (operation == EngineOperation.Export)
        {
            return Export(configuration, target);
        }

        CheckSecurityContext(configuration, target, operation);
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var results = new List<InstanceResult>();
        var tally = new RunTally(configuration.Warnings.Select(w => new RunMessage("", "", MessageLevel.Warning, w)), configuration.Resolved?.Redactor);
        var host = new RunExpressionHost(_options.SystemRoot) { KeepsStates = ReadsStates(configuration.Resolved) };
        foreach (var skipped in configuration.Skipped)
        {
            // dsc traces a skipped instance at information level and gives it no result entry.
            _options.OnMessage?.Invoke(new ResourceMessage(MessageLevel.Information,
                $"Skipping resource '{skipped.Name}' due to condition '{skipped.Source.Raw["condition"]?.ToString(Newtonsoft.Json.Formatting.None)}' with result 'false'"));
        }

        PreparedInstance? failedSet = null;
        foreach (var item in configuration.Instances)
        {
            if (failedSet is not null)
            {
                tally.Messages.Add(new RunMessage(item.Instance.Name, item.Instance.Type, MessageLevel.Warning,
                    $"not run because '{failedSet.Instance.Name}' failed; set stops at the first failure"));
                continue;
            }

            if (NotApplicable(item, target) is { } why)
            {
                // Another platform's type on a recorded host: neither drift nor failure, and said so even in fleet runs.
                tally.Messages.Add(new RunMessage(item.Instance.Name, item.Instance.Type, MessageLevel.Information, why));
                _options.OnMessage?.Invoke(new ResourceMessage(MessageLevel.Information, $"{item.Instance.Name}: {why}"));
                continue;
            }

            var result = RunInstance(item, target, operation, gate, tally, host, configuration.Resolved);
            host.Record(result.Type, result.Name, result.ActualState ?? result.Test?.ActualState ?? result.Set?.AfterState,
                result.Set is { } set ? !set.ChangedNothing : null, result.RestartRequired);
            results.Add(tally.Hide(result));
            if (result.Error is not null && operation == EngineOperation.Set)
            {
                failedSet = item;
            }

            _options.AfterInstance?.Invoke(item.Instance);
        }

        foreach (var advisor in _options.Advisors)
        {
            tally.Messages.AddRange(advisor.Advise(operation, configuration, results, target).Where(a => a.Level <= _options.MessageLevel));
        }

        var outputs = failedSet is null && !_options.WhatIf ? Outputs(configuration, host, tally) : null;

        return new EngineRun
        {
            Info = Info(operation, started, clock.Elapsed, target, configuration.DocumentPath),
            Results = results,
            Messages = tally.Messages.Select(tally.Hide).ToList(),
            Outputs = outputs,
            HadErrors = tally.HadErrors,
            FirstError = tally.FirstError,
            InDesiredState = tally.AllInDesiredState && !tally.HadErrors,
            Changed = tally.Changed,
        };
    }

    /// <summary>
    /// Whether an expression evaluated during the run can call <c>reference()</c>: only the properties deferred until
    /// earlier instances have run, and the outputs, are evaluated then.
    /// </summary>
    private static bool ReadsStates(ResolvedConfiguration? resolved)
    {
        if (resolved is null)
        {
            return false;
        }

        foreach (var instance in resolved.Instances)
        {
            if (instance.NeedsRunResults)
            {
                return true;
            }
        }

        return resolved.Document.Root["outputs"] is JObject { HasValues: true };
    }

    /// <summary>
    /// Runs one instance: its outcome, or its error (with what a set applied before failing). A partially applied
    /// set counts as a change.
    /// </summary>
    private InstanceResult RunInstance(PreparedInstance item, HostTarget target, EngineOperation operation, IChangeGate? gate, RunTally tally, RunExpressionHost host, ResolvedConfiguration? resolved)
    {
        var instance = item.Instance;
        var startedAt = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        JObject? desired = null;
        var context = new OperationContext(m => Collect(tally, instance, m), target.Name)
        {
            WhatIf = _options.WhatIf,
            ReadOnlyTarget = target.IsRecorded,
            Cancellation = _options.Cancellation,
            Wanted = WantedLevel(),
        };
        JObject? actual = null;
        TestOutcome? test = null;
        SetOutcome? set = null;
        IReadOnlyList<RestartRequirement> restarts = [];
        string? error = null;
        try
        {
            if (item.Resolved is { NeedsRunResults: true } deferred && resolved is not null)
            {
                // Its properties read earlier results (reference()), so only now can they be evaluated and checked.
                var properties = ConfigurationResolver.EvaluateProperties(resolved, deferred, host);
                ResourceInputValidator.Validate(item.Provider.Descriptor, properties, resolved.Document.Path);
                item = item with { Instance = instance with { Properties = properties } };
            }

            var resource = target.Resolve(item.Provider);
            var input = (JObject)item.Instance.Properties.DeepCloneWithLocations();
            // A set's result shows the desired state (as its before-state when nothing changed), so it gets a copy of its
            // own; get and test only read their input (ITestableResource, IGettableResource), so one copy serves both.
            desired = operation is EngineOperation.Get or EngineOperation.Test ? input : (JObject)input.DeepCloneWithLocations();
            switch (operation)
            {
                case EngineOperation.Get:
                    actual = Require<IGettableResource>(resource, "get").Get(input, context).ActualState;
                    break;
                case EngineOperation.Test:
                    test = Require<ITestableResource>(resource, "test").Test(input, context);
                    tally.AllInDesiredState &= test.InDesiredState;
                    break;
                default:
                    set = resource is ITestableResource { Descriptor.SetAsserts: true } assertion
                        ? SetAssertion.Set(assertion, input, context)
                        : Set(Require<ISettableResource>(resource, "set"), item, input, context, target, gate);
                    tally.Changed |= !set.ChangedNothing;
                    tally.AllInDesiredState &= set.ChangedNothing;
                    restarts = set.RestartRequired;
                    break;
            }
        }
        catch (PartialApplyException e)
        {
            set = e.Applied;
            error = e.OneLine;
            tally.Changed = true;
            Fail(tally, instance, e);
        }
        catch (DscOffloadException e)
        {
            error = e.OneLine;
            tally.AllInDesiredState = false;
            Fail(tally, instance, e);
        }

        return new InstanceResult
        {
            Name = instance.Name,
            Type = instance.Type,
            Location = instance.Location,
            Started = startedAt,
            DesiredState = desired,
            Duration = clock.Elapsed,
            ActualState = actual,
            Test = test,
            Set = set,
            RestartRequired = restarts,
            Error = error,
            ResourceMetadata = LiftMetadata(set),
        };
    }

    private EngineRun Export(PreparedConfiguration configuration, HostTarget target)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var resources = new List<ExportedInstance>();
        var tally = new RunTally([], configuration.Resolved?.Redactor);
        foreach (var item in configuration.Instances)
        {
            var context = new OperationContext(m => Collect(tally, item.Instance, m), target.Name);
            try
            {
                var resource = Require<IExportableResource>(target.Resolve(item.Provider), "export");
                foreach (var state in resource.Export((JObject)item.Instance.Properties.DeepClone(), context))
                {
                    var name = state["_name"]?.Value<string>() ?? $"{item.Provider.Descriptor.ShortName}-{resources.Count}";
                    state.Remove("_name");
                    resources.Add(new ExportedInstance(item.Provider.Descriptor.Type, name, state));
                }
            }
            catch (DscOffloadException e)
            {
                Fail(tally, item.Instance, e);
            }
        }

        return new EngineRun
        {
            Info = Info(EngineOperation.Export, started, clock.Elapsed, target, configuration.DocumentPath),
            Exported = resources,
            Messages = tally.Messages,
            HadErrors = tally.HadErrors,
            FirstError = tally.FirstError,
            InDesiredState = !tally.HadErrors,
        };
    }

    private SetOutcome Set(ISettableResource resource, PreparedInstance item, JObject input, OperationContext context, HostTarget target, IChangeGate? gate)
    {
        if (gate is not null && !_options.WhatIf && !target.IsRecorded)
        {
            gate.BeforeSet(item.Instance, item.Provider.Descriptor, resource, (JObject)input.DeepCloneWithLocations());
        }

        return resource.Set(input, context);
    }

    private static T Require<T>(IResourceType resource, string operation) where T : class, IResourceType =>
        resource as T ?? throw new DscOffloadException(ErrorKind.NotSupported, $"{resource.Descriptor.Type} does not support {operation}");

    // The least severe level that Collect keeps or hands on: the result keeps up to information (and up to the options'
    // level), OnMessage up to its own level.
    private MessageLevel WantedLevel()
    {
        var kept = _options.MessageLevel < MessageLevel.Information ? _options.MessageLevel : MessageLevel.Information;
        var traced = _options.OnMessage is null ? MessageLevel.Error : _options.OnMessageLevel;
        return kept > traced ? kept : traced;
    }

    private void Collect(RunTally tally, EngineInstance instance, ResourceMessage m)
    {
        _options.OnMessage?.Invoke(m with { Text = tally.Hide($"{instance.Name}: {m.Text}") });
        if (m.Level <= _options.MessageLevel && m.Level <= MessageLevel.Information)
        {
            tally.Messages.Add(new RunMessage(instance.Name, instance.Type, m.Level, m.Text));
        }
    }

    private void Fail(RunTally tally, EngineInstance instance, DscOffloadException e)
    {
        tally.HadErrors = true;
        tally.FirstError ??= e.Kind;
        tally.Messages.Add(new RunMessage(instance.Name, instance.Type, MessageLevel.Error, e.OneLine));
        _options.OnMessage?.Invoke(new ResourceMessage(MessageLevel.Error, tally.Hide($"{instance.Name}: {e.OneLine}")));
    }

    /// <summary>
    /// Why an instance does not apply to a recorded host, or null when it does: its type is for another platform than
    /// the host's (the snapshot's <c>os</c>, else the one platform of the DscOffload types it recorded).
    /// </summary>
    private string? NotApplicable(PreparedInstance item, HostTarget target)
    {
        var platform = item.Provider.Descriptor.Platform;
        if (target is not RecordedHostTarget recorded || platform is "Any")
        {
            return null;
        }

        var hostPlatform = recorded.Host.OperatingSystem;
        if (hostPlatform is null)
        {
            var recordedPlatforms = _catalog.Providers.Where(p => recorded.Host.Has(p.TypeName)).Select(p => p.Descriptor.Platform)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            hostPlatform = recordedPlatforms.Count == 1 ? recordedPlatforms[0] : null;
        }

        return hostPlatform is null || string.Equals(hostPlatform, platform, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"not applicable to this host: {item.Instance.Type} is a {platform} type and '{recorded.Host.HostName}' is a {hostPlatform.ToLowerInvariant()} host";
    }

    /// <summary>
    /// Refuses a run the document's <c>securityContext</c> directive forbids, before anything runs. Only what touches
    /// the live host needs it: recorded hosts and a what-if set change nothing, so they run in any context.
    /// </summary>
    private void CheckSecurityContext(PreparedConfiguration configuration, HostTarget target, EngineOperation operation)
    {
        var required = configuration.Resolved?.RequiredSecurityContext;
        if (required is null or "current" || target.IsRecorded || (_options.WhatIf && operation == EngineOperation.Set))
        {
            return;
        }

        var verb = operation.ToString().ToLowerInvariant();
        if (required == "elevated" && !_options.IsElevated)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired,
                $"operation '{verb}' requires security context 'elevated' (the document's securityContext directive); run as administrator or root, or preview with --what-if or --against");
        }

        if (required == "restricted" && _options.IsElevated)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"operation '{verb}' requires security context 'restricted' (the document's securityContext directive); run it without administrator or root rights");
        }
    }

    /// <summary>The document's <c>outputs</c> after a run (dsc gives none in what-if); a failure to evaluate them is the run's error.</summary>
    private JObject? Outputs(PreparedConfiguration configuration, RunExpressionHost host, RunTally tally)
    {
        if (configuration.Resolved is not { } resolved || resolved.Document.Root["outputs"] is not JObject { HasValues: true })
        {
            return null;
        }

        try
        {
            var (outputs, secure) = ConfigurationResolver.EvaluateOutputs(resolved, host);
            foreach (var name in secure)
            {
                tally.Messages.Add(new RunMessage("", "", MessageLevel.Warning, $"Secure output '{name}' is skipped"));
            }

            return (JObject)tally.Hide(outputs);
        }
        catch (DscOffloadException e)
        {
            tally.HadErrors = true;
            tally.FirstError ??= e.Kind;
            tally.Messages.Add(new RunMessage("", "", MessageLevel.Error, $"outputs: {e.OneLine}"));
            _options.OnMessage?.Invoke(new ResourceMessage(MessageLevel.Error, tally.Hide($"outputs: {e.OneLine}")));
            return null;
        }
    }

    /// <summary>dsc lifts <c>_metadata</c> out of a set's after-state into the instance metadata.</summary>
    private static JObject? LiftMetadata(SetOutcome? set)
    {
        if (set?.AfterState["_metadata"] is not JObject metadata)
        {
            return null;
        }

        metadata.Parent!.Remove();
        return metadata;
    }

    private RunInfo Info(EngineOperation operation, DateTimeOffset started, TimeSpan elapsed, HostTarget target, string documentPath) => new()
    {
        Operation = operation,
        IsWhatIf = _options.WhatIf && operation == EngineOperation.Set,
        Host = target.Name,
        IsRecorded = target.IsRecorded,
        SnapshotPath = target.SourcePath,
        DocumentPath = documentPath,
        Timing = new RunTiming(_options.Version, started, elapsed, Environment.IsPrivilegedProcess),
    };

    /// <summary>What a run has come to so far: its messages, failures, and whether it found drift or changed anything.</summary>
    private sealed class RunTally(IEnumerable<RunMessage> warnings, SecretRedactor? redactor)
    {
        public List<RunMessage> Messages { get; } = [.. warnings];

        private bool Hides => redactor is { IsEmpty: false };

        public string Hide(string text) => Hides ? redactor!.Redact(text) : text;

        public JToken Hide(JToken token) => Hides ? redactor!.Redact(token) : token;

        public RunMessage Hide(RunMessage message) => Hides ? message with { Text = Hide(message.Text) } : message;

        /// <summary>The result with every secure value masked, as it may be printed or journaled.</summary>
        public InstanceResult Hide(InstanceResult result)
        {
            if (!Hides)
            {
                return result;
            }

            JObject HideState(JObject state) => (JObject)Hide(state);
            return new InstanceResult
            {
                Name = result.Name,
                Type = result.Type,
                Location = result.Location,
                Started = result.Started,
                DesiredState = result.DesiredState is { } wanted ? HideState(wanted) : null,
                Duration = result.Duration,
                ActualState = result.ActualState is { } actual ? HideState(actual) : null,
                Test = result.Test is { } test ? test with { DesiredState = HideState(test.DesiredState), ActualState = HideState(test.ActualState) } : null,
                Set = result.Set is { } set ? set with { BeforeState = HideState(set.BeforeState), AfterState = HideState(set.AfterState) } : null,
                RestartRequired = result.RestartRequired,
                Error = result.Error is { } error ? Hide(error) : null,
                ResourceMetadata = result.ResourceMetadata is { } metadata ? HideState(metadata) : null,
            };
        }

        public bool HadErrors { get; set; }

        public ErrorKind? FirstError { get; set; }

        public bool AllInDesiredState { get; set; } = true;

        public bool Changed { get; set; }
    }
}
