namespace DscOffload.Core.Coexistence;

/// <summary>
/// An offload as <c>dscoffload explain</c> and the coexistence warnings name it (<c>chimney</c>,
/// <c>rss</c>, <c>espoffload</c>), with the resource properties that switch it on.
/// </summary>
/// <param name="Name">The short name.</param>
/// <param name="Title">The full name.</param>
/// <param name="Settings">The properties that turn it on.</param>
public sealed record OffloadTopic(string Name, string Title, IReadOnlyList<OffloadSetting> Settings);
