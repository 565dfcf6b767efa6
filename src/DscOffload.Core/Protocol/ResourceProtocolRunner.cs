using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Protocol;

/// <summary>
/// Runs one operation of one resource type the way dsc invokes a command resource: input from
/// <c>--input</c> or stdin, stdout carries only protocol JSON, stderr carries JSON message lines, and
/// the exit code is one of <see cref="ResourceExitCode"/>.
/// </summary>
internal sealed class ResourceProtocolRunner
{
    private readonly ResourceCatalog _catalog;
    private readonly TextWriter _out;
    private readonly StderrMessageWriter _messages;
    private readonly Func<IResourceTypeProvider, IResourceType> _bind;
    private readonly bool _live;

    /// <summary>Creates a runner writing to the given streams, binding types with <paramref name="bind"/> (live by default).</summary>
    public ResourceProtocolRunner(ResourceCatalog catalog, TextWriter stdout, StderrMessageWriter messages, Func<IResourceTypeProvider, IResourceType>? bind = null)
    {
        _catalog = catalog;
        _out = stdout;
        _messages = messages;
        _bind = bind ?? (p => p.CreateLive());
        _live = bind is null;
    }

    /// <summary>Runs the operation and returns the resource exit code.</summary>
    public int Run(ResourceOperation operation, string type, string? inputText, bool whatIf)
    {
        try
        {
            var provider = _catalog.Find(type) ?? throw new DscOffloadException(ErrorKind.InvalidArguments,
                $"unknown resource type '{type}'; known: {_catalog.TypeNames}");
            if (operation == ResourceOperation.Schema)
            {
                _out.WriteLine(JsonText.Compact(ResourceSchemaBuilder.Build(provider.Descriptor)));
                return 0;
            }

            var input = ParseInput(operation, inputText);
            ResourceInputValidator.Validate(provider.Descriptor, input, "--input",
                requireKeys: operation is ResourceOperation.Test or ResourceOperation.Set);
            var context = new OperationContext(_messages.Write, Environment.MachineName) { WhatIf = whatIf };
            var resource = _bind(provider);
            switch (operation)
            {
                case ResourceOperation.Get:
                    _out.WriteLine(JsonText.Compact(As<IGettableResource>(resource).Get(input, context).ActualState));
                    break;
                case ResourceOperation.Test:
                    var test = As<ITestableResource>(resource).Test(input, context);
                    _out.WriteLine(JsonText.Compact(test.ActualState));
                    _out.WriteLine(JsonText.Compact(new JArray(test.DifferingProperties)));
                    break;
                case ResourceOperation.Set when provider.Descriptor.SetAsserts:
                    WriteSet(SetAssertion.Set(As<ITestableResource>(resource), input, context));
                    break;
                case ResourceOperation.Set:
                    var settable = As<ISettableResource>(resource);
                    WriteSet(_live && !whatIf ? GuardedSet(provider.Descriptor, settable, input, context) : settable.Set(input, context));
                    break;
                default:
                    foreach (var instance in As<IExportableResource>(resource).Export(input, context))
                    {
                        _out.WriteLine(JsonText.Compact(instance));
                    }

                    break;
            }

            return 0;
        }
        catch (PartialApplyException e)
        {
            // dsc ignores stdout on a non-zero exit; the message names what changed and how to roll back.
            _messages.Write(new ResourceMessage(MessageLevel.Error, e.OneLine));
            return (int)ResourceExitCode.PartiallyApplied;
        }
        catch (DscOffloadException e)
        {
            _messages.Write(new ResourceMessage(MessageLevel.Error, e.OneLine));
            return (int)ResourceExitCodes.For(e.Kind);
        }
#pragma warning disable CA1031 // The protocol's last line of defence: dsc reads one JSON error line and an exit code, never a stack trace.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            _messages.Write(new ResourceMessage(MessageLevel.Error, $"unexpected error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}"));
            return (int)ResourceExitCode.UnexpectedError;
        }
    }

    /// <summary>
    /// A live set under the safety steps described in docs/safety.md: privileges, the host lock (exit 6 when another change
    /// runs), the journal entry of what will change, then the set and its outcome.
    /// </summary>
    private static SetOutcome GuardedSet(ResourceDescriptor descriptor, ISettableResource resource, JObject input, OperationContext context)
    {
        using var guard = GuardedChange.Begin($"resource set --type {descriptor.Type}", [descriptor]);
        guard.BeforeSet(null, descriptor, resource, input);
        try
        {
            var set = resource.Set(input, context);
            guard.Finish(!set.ChangedNothing, hadErrors: false, null);
            return set;
        }
        catch (PartialApplyException e)
        {
            guard.Finish(changed: true, hadErrors: true, e.OneLine);
            throw new PartialApplyException(guard.WithRollbackAdvice(e.Message), e.Applied, e);
        }
        catch (DscOffloadException e)
        {
            guard.Finish(changed: false, hadErrors: true, e.OneLine);
            throw;
        }
    }

    private void WriteSet(SetOutcome set)
    {
        var after = set.AfterState;
        if (set.RestartRequired.Count > 0 && after["_restartRequired"] is null)
        {
            after["_restartRequired"] = new JArray(set.RestartRequired.Select(r => r.ToJson()));
        }

        _out.WriteLine(JsonText.Compact(after));
        _out.WriteLine(JsonText.Compact(new JArray(set.ChangedProperties)));
    }

    private static JObject ParseInput(ResourceOperation operation, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (operation is ResourceOperation.Test or ResourceOperation.Set)
            {
                throw new DscOffloadException(ErrorKind.InvalidInput, $"{operation.ToString().ToLowerInvariant()} needs input JSON (--input or stdin)");
            }

            return [];
        }

        var token = StructuredTextParser.Parse(text, "--input");
        return token as JObject
            ?? throw new DscOffloadException(ErrorKind.InvalidInput, $"--input must be a JSON object, not {(token is JArray ? "an array" : $"a {token.Type.ToString().ToLowerInvariant()}")}",
                token.Location("--input") ?? new SourceLocation("--input", 1, 1));
    }

    private static T As<T>(IResourceType resource) where T : class, IResourceType =>
        resource as T ?? throw new DscOffloadException(ErrorKind.NotSupported, $"{resource.Descriptor.Type} does not support this operation");
}
