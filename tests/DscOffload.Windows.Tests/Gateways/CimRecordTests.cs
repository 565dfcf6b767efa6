using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Gateways;

public class CimRecordTests
{
    private static CimRecord Sample() => new(
        "ROOT/StandardCimv2",
        "MSFT_NetOffloadGlobalSetting",
        ["InstanceID"],
        [
            new("InstanceID", CimValue.String("{x}")),
            new("Chimney", CimValue.UInt8(2)),
            new("Values", CimValue.StringArray(["a", "b"])),
        ]);

    [Fact]
    public void With_KeepsTheDeclaredTypeAndLeavesTheOriginalUnchanged()
    {
        var original = Sample();

        var changed = original.With(new Dictionary<string, object?> { ["chimney"] = 0u });

        changed["Chimney"].Should().Be(CimValue.UInt8(0));
        original.GetNumber("Chimney").Should().Be(2);
    }

    [Theory]
    [InlineData("Chimney", 300u)]
    [InlineData("Chimney", "1")]
    [InlineData("Missing", 1u)]
    public void With_ValueThatDoesNotFitOrUnknownProperty_Throws(string name, object value)
    {
        var act = () => Sample().With(new Dictionary<string, object?> { [name] = value });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void StringArray_IsCopiedSoTheRecordStaysImmutable()
    {
        var source = new[] { "1514" };
        var value = CimValue.StringArray(source);
        source[0] = "9014";

        value.AsStringArray().Should().Equal("1514");
        value.Should().Be(CimValue.StringArray(["1514"]));
    }

    [Fact]
    public void Constructor_KeyWithoutValue_Throws()
    {
        var act = () => new CimRecord("ns", "C", ["InstanceID"], []);

        act.Should().Throw<ArgumentException>();
    }
}
