using System.CommandLine;
using DscOffload.Cli;
using DscOffload.Cli.Commands;

var catalog = ProductCatalog.Create();

// dsc starts one process per resource call: its argument lists skip building the parser (docs/performance.md).
if (ResourceCommandLine.TryRead(args) is { } call)
{
    return ResourceCommand.Run(catalog, call);
}

var root = new RootCommand("dscoffload: keep TCP/IP offload settings (Windows CIM/registry, Linux ethtool) in a declared state. DSC v3 resources and a declarative engine.");
DscOffload.Cli.Output.TraceOptions.AddTo(root);
root.Subcommands.Add(ConfigCommand.Create(catalog));
root.Subcommands.Add(ValidateCommand.Create(catalog));
root.Subcommands.Add(SnapshotCommand.Create(catalog));
root.Subcommands.Add(RollbackCommand.Create(catalog, ProductCatalog.FileDirectories));
root.Subcommands.Add(ResourceCommand.Create(catalog));
root.Subcommands.Add(ManifestCommand.Create(catalog));
root.Subcommands.Add(PackageCommand.Create(catalog));
root.Subcommands.Add(ExplainCommand.Create());
return root.Parse(args).Invoke();
