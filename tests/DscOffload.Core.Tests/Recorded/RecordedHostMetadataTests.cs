using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;

namespace DscOffload.Core.Tests.Recorded;

/// <summary>A snapshot whose <c>metadata</c> is not an object is refused with its location, on every way it is read.</summary>
public sealed class RecordedHostMetadataTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dscoffload-metadata-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"host-a\"")]
    [InlineData("42")]
    public void ReadUnlocated_WhenMetadataIsNotAnObject_RefusesWithItsLocation(string metadata)
    {
        var path = Write($"{{\n  \"metadata\": {metadata},\n  \"resources\": []\n}}\n");

        var act = () => RecordedHost.ReadUnlocated(path);

        var error = act.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Message.Should().Contain("'metadata' of a recorded host must be an object");
        error.Location?.File.Should().Be(path);
        error.Location?.Line.Should().Be(2, "'metadata' is on the second line");
    }

    [Fact]
    public void ReadUnlocated_WhenMetadataIsAnObject_ReadsTheHostName()
    {
        var path = Write("{ \"metadata\": { \"DscOffload\": { \"host\": \"web-07\" } }, \"resources\": [] }");

        RecordedHost.ReadUnlocated(path).HostName.Should().Be("web-07");
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir.FullName, "host-a.dsc.json");
        File.WriteAllText(path, text);
        return path;
    }
}
