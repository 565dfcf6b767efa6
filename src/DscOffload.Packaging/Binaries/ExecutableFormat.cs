using System.Buffers.Binary;

namespace DscOffload.Packaging.Binaries;

/// <summary>
/// What an executable file is built for, read from its header (ELF <c>e_machine</c>, PE <c>Machine</c>),
/// so a package can never ship a binary for the wrong platform and the module can find it by runtime ID.
/// </summary>
/// <param name="Platform">Windows (PE) or Linux (ELF).</param>
/// <param name="Architecture">The .NET runtime ID architecture: <c>x64</c>, <c>arm64</c>, <c>x86</c> or <c>arm</c>.</param>
public sealed record ExecutableFormat(PackagePlatform Platform, string Architecture)
{
    /// <summary>The runtime ID the module looks under, e.g. <c>linux-x64</c> or <c>win-x64</c>.</summary>
    public string RuntimeId => (Platform == PackagePlatform.Windows ? "win-" : "linux-") + Architecture;

    /// <summary>A short human description, e.g. "a Linux ELF x64 executable".</summary>
    public string Description => Platform == PackagePlatform.Windows ? $"a Windows PE {Architecture} executable" : $"a Linux ELF {Architecture} executable";

    /// <summary>Reads the format of the file at <paramref name="path"/>; null when it is neither a known ELF nor PE executable.</summary>
    public static ExecutableFormat? Read(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[4096];
        var length = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return Parse(header.AsSpan(0, length));
    }

    /// <summary>Reads the format from the first bytes of a file.</summary>
    public static ExecutableFormat? Parse(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 20 && header[0] == 0x7F && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F')
        {
            // e_machine follows e_ident (16 bytes) and e_type (2 bytes); byte 5 gives the byte order.
            var machine = header[5] == 2 ? BinaryPrimitives.ReadUInt16BigEndian(header[18..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
            var architecture = machine switch { 0x3E => "x64", 0xB7 => "arm64", 0x03 => "x86", 0x28 => "arm", _ => null };
            return architecture is null ? null : new ExecutableFormat(PackagePlatform.Linux, architecture);
        }

        if (header.Length >= 0x40 && header[0] == (byte)'M' && header[1] == (byte)'Z')
        {
            var peOffset = BinaryPrimitives.ReadInt32LittleEndian(header[0x3C..]);
            if (peOffset < 0x40 || peOffset + 6 > header.Length || !header.Slice(peOffset, 4).SequenceEqual("PE\0\0"u8))
            {
                return null;
            }

            var machine = BinaryPrimitives.ReadUInt16LittleEndian(header[(peOffset + 4)..]);
            var architecture = machine switch { 0x8664 => "x64", 0xAA64 => "arm64", 0x014C => "x86", 0x01C4 => "arm", _ => null };
            return architecture is null ? null : new ExecutableFormat(PackagePlatform.Windows, architecture);
        }

        return null;
    }
}
