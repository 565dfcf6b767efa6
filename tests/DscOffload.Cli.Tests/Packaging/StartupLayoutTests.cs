using System.Buffers.Binary;
using System.Text;
using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Packaging;

/// <summary>
/// The published Linux binary keeps the layout its start-up figures depend on (README "Measured figures",
/// docs/safety.md): a fixed-address executable (ELF type EXEC, no load-time relocations of its data) without
/// the <c>.hydrated</c> section that the dehydrated runtime data is rebuilt into at every start. Losing either
/// roughly doubles the start-up time of every dsc call; only the benchmark would show it, so this test does.
/// Likewise Newtonsoft's reflection serializer stays out of the image (docs/performance.md).
/// </summary>
public class StartupLayoutTests
{
    private const ushort ExecutableType = 2;

    [Fact]
    public void PublishedLinuxBinary_IsAFixedAddressExecutableWithoutRehydratedData()
    {
        if (!RepositoryPaths.IsNative || !OperatingSystem.IsLinux())
        {
            return;
        }

        var elf = File.ReadAllBytes(RepositoryPaths.Binary);

        BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(16)).Should().Be(ExecutableType, "a position-independent image must relocate its data at every start");
        SectionNames(elf).Should().Contain(".data").And.NotContain(".hydrated", "dehydrated runtime data is rebuilt at every start");
    }

    [Theory]
    [InlineData("Self referencing loop detected")]
    [InlineData("XmlNodeConverter can only convert JSON that begins with an object.")]
    [InlineData("Unable to find a constructor to use for type {0}.")]
    public void PublishedBinary_LeavesOutNewtonsoftsReflectionSerializer(string serializerMessage)
    {
        // src/DscOffload.Cli/StartupSubstitutions.xml cuts the one call that kept the serializer (and XML, HTTP,
        // System.Linq.Expressions, Microsoft.CSharp) in the image; the runtime allocates the static fields of
        // everything in the image at every start. Its messages are string literals (UTF-16) in the image.
        if (!RepositoryPaths.IsNative)
        {
            return;
        }

        var image = File.ReadAllBytes(RepositoryPaths.Binary);

        image.AsSpan().IndexOf(Encoding.Unicode.GetBytes(serializerMessage)).Should().Be(-1, "the serializer's code must not be in the image");
    }

    // ELF64 little-endian: e_shoff at 0x28, e_shentsize at 0x3A, e_shnum at 0x3C, e_shstrndx at 0x3E; each section
    // header has its name offset at 0 and its file offset at 0x18.
    private static List<string> SectionNames(byte[] elf)
    {
        var table = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28)));
        int size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        int names = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3E));
        var strings = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(table + (names * size) + 0x18)));
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var start = strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(table + (i * size)));
            var end = Array.IndexOf(elf, (byte)0, start);
            result.Add(Encoding.ASCII.GetString(elf, start, end - start));
        }

        return result;
    }
}
