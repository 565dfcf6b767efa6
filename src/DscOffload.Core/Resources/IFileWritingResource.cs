namespace DscOffload.Core.Resources;

/// <summary>
/// A resource whose set writes files besides changing the running state (the Linux type's systemd
/// <c>.link</c> files and NetworkManager profiles). Files are state too: the change journal asks, right after the test that precedes a
/// set, which files the set is going to write, and saves their current content so that
/// <c>dscoffload rollback</c> can put them back.
/// </summary>
public interface IFileWritingResource : ISettableResource
{
    /// <summary>
    /// The full paths of the files a set of the same desired state would write, given <paramref name="test"/>,
    /// the test of that desired state just before the set. Only files named as
    /// <see cref="Safety.JournaledFile.IsRestorableName"/> allows can be journaled.
    /// </summary>
    IReadOnlyList<string> FilesSetWillWrite(TestOutcome test);
}
