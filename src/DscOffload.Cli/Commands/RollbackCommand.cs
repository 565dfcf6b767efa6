using System.CommandLine;
using System.Globalization;
using DscOffload.Cli.Output;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Core.Safety;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Commands;

/// <summary>
/// <c>dscoffload rollback [--list | --id ID] [--what-if] [--format json|table]</c>: lists the change journal, or
/// applies one entry's restore document as a live set and puts back the files the change wrote (itself locked
/// and journaled, so a rollback can be rolled back by its own id). Without <c>--id</c> it restores the latest change
/// (<see cref="ChangeJournal.LatestToRestore"/>). Entry ids may be shortened to a unique prefix.
/// </summary>
public static class RollbackCommand
{
    /// <summary>Builds the command; <paramref name="fileDirectory"/> says where the files a change may have written live on this host.</summary>
    public static Command Create(ResourceCatalog catalog, Func<IReadOnlyList<RestorableFileDirectory>> fileDirectory)
    {
        var command = new Command("rollback", "Restore the offload state saved in the change journal before a set (default: the latest change), or list the journal.");
        var list = new Option<bool>("--list", "-l") { Description = "List the journal entries, newest first; change nothing." };
        var id = new Option<string>("--id") { Description = "The journal entry to restore (a unique prefix is enough). Default: the latest change that was not rolled back." };
        var whatIf = new Option<bool>("--what-if", "-w") { Description = "Predict what the rollback would change; change nothing." };
        var format = new Option<string>("--format") { Description = "json or table (default: table on a terminal, json otherwise)." };
        format.AcceptOnlyFromAmong("json", "table");
        command.Options.Add(list);
        command.Options.Add(id);
        command.Options.Add(whatIf);
        command.Options.Add(format);
        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            var journal = new ChangeJournal(StateDirectory.JournalOf(StateDirectory.Resolve()));
            var json = (parse.GetValue(format) ?? (streams.OutIsTerminal ? "table" : "json")) == "json";
            if (parse.GetValue(list))
            {
                if (parse.GetValue(id) is not null)
                {
                    throw new DscOffloadException(ErrorKind.InvalidArguments, "--list and --id cannot be combined: --list shows entries, --id restores one");
                }

                return List(journal, streams, json);
            }

            var entry = parse.GetValue(id) is { } wanted
                ? journal.Find(wanted)
                : journal.LatestToRestore() ?? throw new DscOffloadException(ErrorKind.InvalidArguments,
                    $"nothing to roll back: the journal in {journal.Directory} has no change that was not rolled back ('dscoffload rollback --list' shows it)");
            return Restore(catalog, streams, journal, entry, parse.GetValue(whatIf), json ? "json" : "table", fileDirectory);
        }));
        return command;
    }

    private static int Restore(ResourceCatalog catalog, StandardStreams streams, ChangeJournal journal, JournalEntry entry, bool whatIf, string format,
        Func<IReadOnlyList<RestorableFileDirectory>> fileDirectory)
    {
        if (!string.Equals(entry.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            throw new DscOffloadException(ErrorKind.NotAllowed,
                $"journal entry {entry.Id} was recorded on host '{entry.Host}', not on this host '{Environment.MachineName}'; it is not applied");
        }

        var directories = entry.Files.Count > 0 ? fileDirectory() : [];
        RestorableFileDirectory.RequireHeldByAny(entry, directories);

        foreach (var note in entry.Notes)
        {
            streams.Error.WriteLine($"dscoffload: note: {note}");
        }

        var request = new ConfigRequest
        {
            Operation = EngineOperation.Set,
            DocumentPath = entry.Path,
            WhatIf = whatIf,
            Format = format,
            Command = $"rollback --id {entry.Id}",
            RestoreFiles = entry.Files,
            RestoreDirectories = directories,
        };
        if (whatIf)
        {
            foreach (var file in entry.Files.Where(f => !f.IsCurrent()))
            {
                streams.Error.WriteLine(file.DidNotExist
                    ? $"dscoffload: what-if: would delete {file.Path} (it did not exist before the change)"
                    : $"dscoffload: what-if: would restore {file.Path} to its content before the change");
            }
        }

        var exit = new ConfigRunner(catalog, streams, request).Run();
        if (exit == CliExitCode.Success && !whatIf)
        {
            journal.SetStatus(entry, JournalStatus.RolledBack,
                $"restored at {DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture)} by 'dscoffload rollback --id {entry.Id}'");
        }

        return exit;
    }

    private static int List(ChangeJournal journal, StandardStreams streams, bool json)
    {
        var entries = journal.List(out var unreadable);
        foreach (var problem in unreadable)
        {
            streams.Error.WriteLine($"dscoffload: warning: unreadable journal file: {problem}");
        }

        if (json)
        {
            streams.Out.WriteLine(JsonText.Indented(new JObject
            {
                ["journal"] = journal.Directory,
                ["entries"] = new JArray(entries.Select(e => e.Summary())),
            }));
            return CliExitCode.Success;
        }

        if (entries.Count == 0)
        {
            streams.Out.WriteLine($"no journal entries in {journal.Directory}");
            return CliExitCode.Success;
        }

        var rows = entries.Select(e => new[]
        {
            e.Id,
            e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            JournalStatusNames.Name(e.Status),
            e.InstanceCount.ToString(CultureInfo.InvariantCulture),
            e.Command,
        }).Prepend(["ID", "CREATED", "STATUS", "INSTANCES", "COMMAND"]).ToList();
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            streams.Out.WriteLine(string.Join("  ", row.Take(4).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[4]);
        }

        streams.Out.WriteLine($"journal: {journal.Directory}");
        return CliExitCode.Success;
    }
}
