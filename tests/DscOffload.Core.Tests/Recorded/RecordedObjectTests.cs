using DscOffload.Core.Recorded;

namespace DscOffload.Core.Tests.Recorded;

public class RecordedObjectTests
{
    private static RecordedObject Members(params string[] names) =>
        new(names, names.Select((_, i) => RecordedValue.Of((long)i)).ToArray());

    [Fact]
    public void TryGetFrom_NamesAskedInAnyOrder_FindsEachMemberAsTheSearchFromTheStartDoes()
    {
        var members = Members("a", "b", "c", "d", "e");
        var next = 0;

        foreach (var name in new[] { "b", "d", "a", "e", "c", "c", "a" })
        {
            members.TryGet(name, ref next, out var value).Should().BeTrue(name);
            members.TryGet(name, out var plain).Should().BeTrue();
            value.Integer.Should().Be(plain.Integer, name);
        }
    }

    [Fact]
    public void TryGetFrom_MissingName_IsNotFoundAndLeavesTheStartAlone()
    {
        var members = Members("a", "b", "c");
        var next = 2;

        members.TryGet("z", ref next, out _).Should().BeFalse();
        next.Should().Be(2);
        members.TryGet("c", ref next, out var c).Should().BeTrue();
        c.Integer.Should().Be(2);
        next.Should().Be(3);
    }

    [Fact]
    public void TryGetFrom_StartPastTheEndOrAnEmptyObject_SearchesFromTheStart()
    {
        var next = 10;
        Members("a", "b").TryGet("a", ref next, out var a).Should().BeTrue();
        a.Integer.Should().Be(0);

        var none = 0;
        RecordedObject.Empty.TryGet("a", ref none, out _).Should().BeFalse();
    }
}
