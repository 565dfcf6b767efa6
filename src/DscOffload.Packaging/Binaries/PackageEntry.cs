namespace DscOffload.Packaging.Binaries;

/// <summary>One file of a package or module: its path inside it and its bytes (in memory or from a file).</summary>
/// <param name="Path">Path inside the package, with <c>/</c> separators and no leading folder.</param>
/// <param name="Content">The bytes, or null when they come from <paramref name="SourceFile"/>.</param>
/// <param name="SourceFile">The file to copy, or null when <paramref name="Content"/> is given.</param>
/// <param name="IsExecutable">True for the binary: written with Unix mode 0755 instead of 0644.</param>
public sealed record PackageEntry(string Path, byte[]? Content, string? SourceFile, bool IsExecutable = false)
{
    /// <summary>The unpacked size in bytes.</summary>
    public long Length => Content?.LongLength ?? new FileInfo(SourceFile!).Length;

    /// <summary>A text file, UTF-8 without a byte order mark.</summary>
    public static PackageEntry Text(string path, string text) => new(path, new System.Text.UTF8Encoding(false).GetBytes(text), null);

    /// <summary>Opens the content for reading.</summary>
    public Stream Open() => Content is not null ? new MemoryStream(Content, writable: false) : File.OpenRead(SourceFile!);
}
