using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Json;

/// <summary>The copies handed to resources keep every node's document location and share nothing with the original.</summary>
public class DeepCloneWithLocationsTests
{
    [Fact]
    public void DeepCloneWithLocations_KeepsTheLocationOfEveryNode_AndIsIndependent()
    {
        var original = (JObject)StructuredTextParser.Parse("a:\n  b: [1, {c: x}]\n  d: true\n", "doc.yaml");

        var copy = (JObject)original.DeepCloneWithLocations();

        JToken.DeepEquals(copy, original).Should().BeTrue();
        var originals = original.DescendantsAndSelf().ToList();
        var copies = copy.DescendantsAndSelf().ToList();
        copies.Should().HaveSameCount(originals);
        for (var i = 0; i < copies.Count; i++)
        {
            copies[i].Should().NotBeSameAs(originals[i]);
            copies[i].Location().Should().NotBeNull().And.Be(originals[i].Location());
        }

        copy["a"]!["d"] = false;
        original["a"]!["d"]!.Value<bool>().Should().BeTrue();
    }
}
