using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Tests.Documents;

/// <summary>Computes expected locations from a test's own text, so no line or column is hard-coded.</summary>
internal static class SourceText
{
    /// <summary>The <c>file:line:column</c> of the <paramref name="occurrence"/>-th (1-based) <paramref name="needle"/>.</summary>
    public static string Locate(string text, string file, string needle, int occurrence = 1)
    {
        var index = -1;
        for (var n = 0; n < occurrence; n++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"'{needle}' occurs fewer than {occurrence} times in the test text");
            }
        }

        return LocateOffset(text, file, index);
    }

    /// <summary>The <c>file:line:column</c> of a character offset (lines broken by \n, \r\n or \r).</summary>
    public static string LocateOffset(string text, string file, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $"{file}:{line}:{index - lineStart + 1}";
    }

    /// <summary>
    /// Runs <paramref name="action"/>, expects an <see cref="ErrorKind.InvalidInput"/> error whose one-line
    /// form starts with <paramref name="location"/> and contains every fragment; returns it for more checks.
    /// </summary>
    public static DscOffloadException ShouldFailAt(Action action, string location, params string[] fragments)
    {
        var error = action.Should().Throw<DscOffloadException>().Which;
        error.Kind.Should().Be(ErrorKind.InvalidInput);
        error.Message.Should().NotContain("\n").And.NotContain("\r");
        error.OneLine.Should().StartWith(location + ":");
        foreach (var fragment in fragments)
        {
            error.Message.Should().Contain(fragment);
        }

        return error;
    }

    /// <summary>A temporary file removed on dispose.</summary>
    public sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content, string extension = ".yaml")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dscoffload-test-{Guid.NewGuid():N}{extension}");
            File.WriteAllBytes(Path, content);
        }

        public TempFile(string content, string extension = ".yaml")
            : this(System.Text.Encoding.UTF8.GetBytes(content), extension)
        {
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
