using System.Diagnostics;
using System.Globalization;
using DscOffload.Core.Coexistence;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// Runs a prepared document against one target, instance by instance in dependency order:
/// get → diff → (set → get → verify) → result, producing the envelope of <c>dsc config get|test|set</c>.
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
        var prepared = new List<PreparedInstance>(instances.Count);
        var warnings = new List<string>();
        foreach (var instance in instances)
        {
            var provider = _catalog.Find(instance.Type);
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

            ResourceInputValidator.Validate(provider.Descriptor, instance.Properties, documentPath);
            prepared.Add(new PreparedInstance(instance, provider));
        }

        return new PreparedConfiguration(documentPath, prepared, warnings);
    }

    /// <summary>
    /// Runs <paramref name="configuration"/> against <paramref name="target"/>; a live set calls
    /// <paramref name="gate"/> before each instance changes anything.
    /// </summary>
    public EngineRun Run(PreparedConfiguration configuration, HostTarget target, EngineOperation operation, IChangeGate? gate = null)
    {
        if (operation == EngineOperation.Export)
        {
            return Export(configuration, target);
        }

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var results = new JArray();
        var messages = new JArray();
        foreach (var w in configuration.Warnings)
        {
            messages.Add(Message("", "", MessageLevel.Warning, w));
        }

        var hadErrors = false;
        ErrorKind? firstError = null;
        var allInDesiredState = true;
        var changed = false;
        PreparedInstance? failedSet = null;
        foreach (var item in configuration.Instances)
        {
            var instance = item.Instance;
            if (failedSet is not null)
            {
                messages.Add(Message(instance.Name, instance.Type, MessageLevel.Warning,
                    $"not run because '{failedSet.Instance.Name}' failed; set stops at the first failure"));
                continue;
            }

            var instanceClock = Stopwatch.StartNew();
            var context = new OperationContext(m => Collect(messages, instance, m), target.Name)
            {
                WhatIf = _options.WhatIf,
                ReadOnlyTarget = target.IsRecorded,
                Cancellation = _options.Cancellation,
            };
            var entry = new JObject
            {
                ["metadata"] = null,
                ["name"] = new JValue(instance.Name).AtIfKnown(instance.Location),
                ["type"] = instance.Type,
            };
            try
            {
                var resource = target.Resolve(item.Provider);
                var input = (JObject)instance.Properties.DeepCloneWithLocations();
                switch (operation)
                {
                    case EngineOperation.Get:
                        entry["result"] = new JObject { ["actualState"] = Require<IGettableResource>(resource, "get").Get(input, context).ActualState };
                        break;
                    case EngineOperation.Test:
                        var test = Require<ITestableResource>(resource, "test").Test(input, context);
                        allInDesiredState &= test.InDesiredState;
                        entry["result"] = TestJson(test);
                        break;
                    default:
                        var set = resource is ITestableResource { Descriptor.CanSet: false } assertion
                            ? Assert(assertion, input, context)
                            : Set(Require<ISettableResource>(resource, "set"), item, input, context, target, gate);
                        changed |= !set.ChangedNothing;
                        allInDesiredState &= set.ChangedNothing;
                        entry["result"] = SetJson(set);
                        AddRestart(entry, set.RestartRequired);
                        break;
                }
            }
            catch (PartialApplyException e)
            {
                entry["result"] = SetJson(e.Applied);
                entry["error"] = e.OneLine;
                changed = true;
                Fail(messages, instance, e, ref hadErrors, ref firstError);
                failedSet = item;
            }
            catch (DscOffloadException e)
            {
                entry["error"] = e.OneLine;
                allInDesiredState = false;
                Fail(messages, instance, e, ref hadErrors, ref firstError);
                if (operation == EngineOperation.Set)
                {
                    failedSet = item;
                }
            }

            entry["metadata"] = new JObject { ["Microsoft.DSC"] = new JObject { ["duration"] = Duration(instanceClock.Elapsed) } };
            if (entry["result"]?["afterState"]?["_metadata"] is JObject resourceMetadata)
            {
                // dsc lifts _metadata out of the state into the instance metadata.
                resourceMetadata.Parent!.Remove();
                foreach (var p in resourceMetadata.Properties())
                {
                    ((JObject)entry["metadata"]!)[p.Name] = p.Value;
                }
            }

            results.Add(entry);
            _options.AfterInstance?.Invoke(instance);
        }

        if (operation is EngineOperation.Test or EngineOperation.Set)
        {
            foreach (var advice in CoexistenceAdvisor.ForRun(_catalog, configuration, results, target).Where(a => a.Level <= _options.MessageLevel))
            {
                messages.Add(Message(advice.InstanceName, advice.Type, advice.Level, advice.Text));
            }
        }

        var envelope = Envelope(operation, started, clock.Elapsed, target, configuration.DocumentPath);
        envelope["results"] = results;
        envelope["messages"] = messages;
        envelope["hadErrors"] = hadErrors;
        return new EngineRun
        {
            Envelope = envelope,
            HadErrors = hadErrors,
            FirstError = firstError,
            InDesiredState = allInDesiredState && !hadErrors,
            Changed = changed,
        };
    }

    private EngineRun Export(PreparedConfiguration configuration, HostTarget target)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var resources = new JArray();
        var exportedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var messages = new JArray();
        var hadErrors = false;
        ErrorKind? firstError = null;
        foreach (var item in configuration.Instances)
        {
            var context = new OperationContext(m => Collect(messages, item.Instance, m), target.Name);
            try
            {
                var resource = Require<IExportableResource>(target.Resolve(item.Provider), "export");
                foreach (var state in resource.Export((JObject)item.Instance.Properties.DeepClone(), context))
                {
                    var name = state["_name"]?.Value<string>() ?? $"{item.Provider.Descriptor.ShortName}-{resources.Count}";
                    state.Remove("_name");
                    resources.Add(new JObject { ["type"] = item.Provider.Descriptor.Type, ["name"] = name, ["properties"] = state });
                }

                exportedTypes.Add(item.Provider.Descriptor.Type);
            }
            catch (DscOffloadException e)
            {
                Fail(messages, item.Instance, e, ref hadErrors, ref firstError);
            }
        }

        var document = new JObject
        {
            ["$schema"] = "https://aka.ms/dsc/schemas/v3/bundled/config/document.json",
            ["contentVersion"] = "1.0.0",
            ["metadata"] = Envelope(EngineOperation.Export, started, clock.Elapsed, target, configuration.DocumentPath)["metadata"],
            ["resources"] = resources,
        };
        return new EngineRun { Envelope = document, HadErrors = hadErrors, FirstError = firstError, InDesiredState = !hadErrors };
    }

    /// <summary>
    /// Set of a read-only type (OffloadCoexistence) is an assertion: nothing can be changed, so set
    /// tests and fails when the host is not in the asserted state, before the instances that depend on
    /// it run. What-if only warns, so the rest of the preview still runs.
    /// </summary>
    private static SetOutcome Assert(ITestableResource resource, JObject desired, OperationContext context)
    {
        var test = resource.Test(desired, context);
        if (!test.InDesiredState)
        {
            var message = $"{resource.Descriptor.Type} is read-only and the host differs in {string.Join(", ", test.DifferingProperties)}; nothing can be changed to satisfy it";
            if (!context.WhatIf)
            {
                throw new DscOffloadException(ErrorKind.NotSupported, message + "; set stops here");
            }

            context.Warn(message + "; a set would stop here");
        }

        return new SetOutcome(test.ActualState, (JObject)test.ActualState.DeepClone(), [], []);
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

    private void Collect(JArray messages, EngineInstance instance, ResourceMessage m)
    {
        _options.OnMessage?.Invoke(m with { Text = $"{instance.Name}: {m.Text}" });
        if (m.Level <= _options.MessageLevel && m.Level <= MessageLevel.Information)
        {
            messages.Add(Message(instance.Name, instance.Type, m.Level, m.Text));
        }
    }

    private void Fail(JArray messages, EngineInstance instance, DscOffloadException e, ref bool hadErrors, ref ErrorKind? firstError)
    {
        hadErrors = true;
        firstError ??= e.Kind;
        messages.Add(Message(instance.Name, instance.Type, MessageLevel.Error, e.OneLine));
        _options.OnMessage?.Invoke(new ResourceMessage(MessageLevel.Error, $"{instance.Name}: {e.OneLine}"));
    }

    private static JObject Message(string name, string type, MessageLevel level, string text) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["message"] = text,
        ["level"] = level switch
        {
            MessageLevel.Error => "error",
            MessageLevel.Warning => "warning",
            _ => "information",
        },
    };

    private static JObject TestJson(TestOutcome test) => new()
    {
        ["desiredState"] = test.DesiredState,
        ["actualState"] = test.ActualState,
        ["inDesiredState"] = test.InDesiredState,
        ["differingProperties"] = new JArray(test.DifferingProperties),
    };

    private static JObject SetJson(SetOutcome set) => new()
    {
        ["beforeState"] = set.BeforeState,
        ["afterState"] = set.AfterState,
        ["changedProperties"] = new JArray(set.ChangedProperties),
    };

    private static void AddRestart(JObject entry, IReadOnlyList<RestartRequirement> restarts)
    {
        if (restarts.Count > 0)
        {
            entry["restartRequired"] = new JArray(restarts.Select(r => r.ToJson()));
        }
    }

    private JObject Envelope(EngineOperation operation, DateTimeOffset started, TimeSpan elapsed, HostTarget target, string documentPath)
    {
        var dsc = new JObject
        {
            ["version"] = _options.Version,
            ["operation"] = operation.ToString().ToLowerInvariant(),
            ["executionType"] = _options.WhatIf && operation == EngineOperation.Set ? "whatIf" : "actual",
            ["startDatetime"] = started.ToString("o", CultureInfo.InvariantCulture),
            ["endDatetime"] = (started + elapsed).ToString("o", CultureInfo.InvariantCulture),
            ["duration"] = Duration(elapsed),
            ["securityContext"] = Environment.IsPrivilegedProcess ? "elevated" : "restricted",
        };
        var ours = new JObject
        {
            ["host"] = target.Name,
            ["target"] = target.IsRecorded ? "recorded" : "live",
        };
        if (target.SourcePath is { } snapshot)
        {
            ours["snapshot"] = snapshot;
        }

        ours["document"] = documentPath;
        return new JObject { ["metadata"] = new JObject { ["Microsoft.DSC"] = dsc, ["DscOffload"] = ours } };
    }

    /// <summary>ISO 8601 duration as dsc writes it (<c>PT0.0123S</c>).</summary>
    public static string Duration(TimeSpan elapsed) =>
        "PT" + elapsed.TotalSeconds.ToString("0.#######", CultureInfo.InvariantCulture) + "S";
}
