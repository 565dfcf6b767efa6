// Tests a DSC configuration document against recorded hosts through DscOffload's public library API and
// prints every drifted setting, one line each:
//   HOST<TAB>INSTANCE<TAB>ADAPTER<TAB>PROPERTY<TAB>CURRENT<TAB>DESIRED
// (ADAPTER is "-" for host-wide types; values are compact JSON). Exit code: 0 in desired state, 1 drifted,
// 2 bad input or a failed instance.
//
// usage: library-drift DOCUMENT SNAPSHOT...
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Engine;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using DscOffload.Linux.Resources.NetAdapterOffload;
using DscOffload.Reporting.Drift;
using DscOffload.Windows.Resources.GlobalOffload;
using DscOffload.Windows.Resources.NetAdapterOffload;
using Newtonsoft.Json;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: library-drift DOCUMENT SNAPSHOT...");
    return 2;
}

// The resource types this program knows: a catalog of providers, each binding its type to a live or a recorded host.
var catalog = new ResourceCatalog(
[
    new GlobalOffloadProvider(),
    new WindowsNetAdapterOffloadProvider(),
    new LinuxNetAdapterOffloadProvider(),
]);
var engine = new ConfigurationEngine(catalog, new EngineOptions());
var exitCode = 0;
try
{
    // Loads, resolves and validates the document once; every problem is a DscOffloadException with file:line:column.
    var prepared = DocumentPreparation.Prepare(engine, args[0], parametersPath: null);
    foreach (var snapshot in args.Skip(1))
    {
        var host = RecordedHost.FromDocument(StructuredTextParser.ParseFile(snapshot), snapshot);
        var run = engine.Run(prepared, new RecordedHostTarget(host), EngineOperation.Test);
        var report = EngineRunReader.Read(run);
        foreach (var instance in report.Instances.Where(i => i.Status == InstanceStatus.Failed))
        {
            Console.Error.WriteLine($"{report.Host}: {instance.Name} failed: {instance.Error}");
            exitCode = 2;
        }

        foreach (var item in report.Instances.SelectMany(i => i.DriftItems))
        {
            Console.WriteLine(string.Join('\t', item.Host, item.Instance, item.Adapter ?? "-", item.PropertyPath, Json(item.Current), Json(item.Desired)));
        }

        exitCode = Math.Max(exitCode, report.IsInDesiredState ? 0 : 1);
    }
}
catch (DscOffloadException e)
{
    Console.Error.WriteLine($"library-drift: error: {e.OneLine}");
    return 2;
}

return exitCode;

static string Json(Newtonsoft.Json.Linq.JToken? value) => value?.ToString(Formatting.None) ?? "null";
