using CsCheck;
using DscOffload.Core.Documents;
using DscOffload.Core.Recorded;
using DscOffload.Linux.Recorded;
using DscOffload.Linux.Resources.NetAdapterOffload;
using Newtonsoft.Json.Linq;

namespace DscOffload.Linux.Tests.Recorded;

/// <summary>
/// A fleet reads snapshots fast, without locations, and the recorded devices read their values from that; a run with
/// an error reads the file again with locations. Both reads must give the same interfaces, features and channels, and
/// the same errors.
/// </summary>
public class RecordedEthtoolDevicesReadTests
{
    private static readonly Gen<JToken> AnyValue = Gen.OneOf(
        Gen.OneOfConst<JToken>("rx-gro", "tx-checksum-ip-generic", "x", ""),
        Gen.OneOfConst<JToken>(0L, 2L, 64L, -1L, 4294967296L, (long)int.MaxValue + 1),
        Gen.OneOfConst<JToken>(true, false, 1.0),
        Gen.Const<JToken>(JValue.CreateNull()),
        Gen.Const<JToken>(new JArray("rx-gro", 1, "loopback")),
        Gen.Const<JToken>(new JObject { ["rx"] = 4L, ["combined"] = 8L }));

    private static readonly Gen<JObject> Interface =
        Gen.Select(AnyValue.Array[7], Gen.Int[0, 2].Array[7], Gen.Select(Gen.OneOfConst("rx-gro", "tx-tcp-segmentation", "loopback"), AnyValue).Array[0, 3])
        .Select((values, present, features) =>
        {
            var p = new JObject { ["name"] = "eth0" };
            string[] names = ["ifindex", "permanentAddress", "includeLoopback", "fixedFeatures", "pendingFeatures", "channels", "maxChannels"];
            for (var i = 0; i < names.Length; i++)
            {
                if (present[i] == 0)
                {
                    p[names[i]] = values[i];
                }
            }

            var map = new JObject();
            foreach (var (name, value) in features)
            {
                map[name] = value;
            }

            p["features"] = map;
            return p;
        });

    [Fact]
    public void RecordedDevices_AnyRecordedValues_ReadTheSameFromTheFastReadAsFromTheLocatedParse()
    {
        Interface.Sample(properties =>
        {
            var document = new JObject
            {
                ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "h", ["os"] = "linux" } },
                ["resources"] = new JArray(new JObject { ["type"] = LinuxNetAdapterOffloadDescriptor.TypeName, ["name"] = "eth0", ["properties"] = properties }),
            };
            var path = Path.Combine(Path.GetTempPath(), $"dscoffload-test-{Guid.NewGuid():N}.dsc.json");
            File.WriteAllText(path, document.ToString());
            try
            {
                var fast = SnapshotReader.TryRead(path);
                fast.Should().NotBeNull("a clean snapshot is read fast");
                Describe(fast!).Should().Be(Describe(RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path)));
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 300);
    }

    [Fact]
    public void RecordedDevices_BundledSnapshots_ReadTheSameFromTheFastReadAsFromTheLocatedParse()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples", "snapshots", "linux"), "*.dsc.json"))
        {
            var fast = SnapshotReader.TryRead(path);
            fast.Should().NotBeNull(path);
            var text = Describe(fast!);
            text.Should().Be(Describe(RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path))).And.Contain("rx-gro").And.NotContain("error");
        }
    }

    /// <summary>Everything the devices give, as text; reading stops at the first error (its message, not its location).</summary>
    private static string Describe(RecordedHost host)
    {
        var lines = new List<string>();
        var error = Record.Exception(() =>
        {
            var devices = new RecordedEthtoolDevices(host, LinuxNetAdapterOffloadDescriptor.TypeName);
            foreach (var item in devices.ListInterfaces())
            {
                lines.Add(item.ToString());
                lines.AddRange(devices.GetFeatures(item.Name).Features.Select(f => f.ToString()));
                lines.Add(devices.GetChannels(item.Name)?.ToString() ?? "no channels");
            }
        });
        return string.Join("\n", lines) + (error is null ? "" : $"\nerror {error.GetType().Name}: {error.Message}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DscOffload.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (DscOffload.sln) is not above the test binaries");
    }
}
