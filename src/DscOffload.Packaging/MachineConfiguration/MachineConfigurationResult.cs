using DscOffload.Packaging.Binaries;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>What was written: the zip, its SHA256 (what an assignment's <c>contentHash</c> needs) and sizes.</summary>
/// <param name="Request">The request that was built.</param>
/// <param name="ZipPath">The package zip.</param>
/// <param name="Sha256">Upper-case hex SHA256 of the zip, as Get-FileHash prints it.</param>
/// <param name="Sha256Path">The file holding the hash in <c>sha256sum</c> format.</param>
/// <param name="ZipBytes">The zip's size.</param>
/// <param name="UnpackedBytes">The sum of the unpacked file sizes.</param>
/// <param name="InstanceCount">The resource instances in the MOF.</param>
public sealed record MachineConfigurationResult(
    MachineConfigurationRequest Request, string ZipPath, string Sha256, string Sha256Path, long ZipBytes, long UnpackedBytes, int InstanceCount)
{
    /// <summary>The summary printed on stdout, for CI scripts to pick up.</summary>
    public JObject ToJson() => new()
    {
        ["name"] = Request.Name,
        ["version"] = Request.Version,
        ["type"] = Request.Type.ToString(),
        ["platform"] = PackageBinary.Name(Request.Platform),
        ["runtimeId"] = Request.Binary.Format.RuntimeId,
        ["package"] = ZipPath,
        ["contentHash"] = Sha256,
        ["contentHashFile"] = Sha256Path,
        ["packageBytes"] = ZipBytes,
        ["unpackedBytes"] = UnpackedBytes,
        ["instances"] = InstanceCount,
    };
}
