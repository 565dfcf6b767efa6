namespace DscOffload.Packaging.Tests.Support;

/// <summary>A temporary directory for one test, deleted afterwards, plus tiny executable headers.</summary>
public sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "dscoffload-package-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The first 64 bytes of a 64-bit little-endian ELF file for <paramref name="machine"/> (0x3E x86-64, 0xB7 AArch64).</summary>
    public static byte[] ElfHeader(ushort machine)
    {
        var bytes = new byte[64];
        bytes[0] = 0x7F;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[18] = (byte)(machine & 0xFF);
        bytes[19] = (byte)(machine >> 8);
        return bytes;
    }

    /// <summary>The headers of a PE file for <paramref name="machine"/> (0x8664 x64, 0xAA64 ARM64): MZ, e_lfanew, PE signature, Machine.</summary>
    public static byte[] PeHeader(ushort machine)
    {
        var bytes = new byte[0x100];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[0x3C] = 0x80;
        bytes[0x80] = (byte)'P';
        bytes[0x81] = (byte)'E';
        bytes[0x84] = (byte)(machine & 0xFF);
        bytes[0x85] = (byte)(machine >> 8);
        return bytes;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
