using System.IO.MemoryMappedFiles;

namespace Analysis.Api.Uploads;

/// <summary>Reads a file as one span of bytes by mapping it, so a large upload is parsed where it lies on disk.</summary>
public static class MappedFile
{
    public delegate T SpanReader<out T>(ReadOnlySpan<byte> bytes);

    public static unsafe T Read<T>(FileStream file, SpanReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(read);
        var length = file.Length;
        if (length == 0)
        {
            return read([]);
        }

        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            return read(new ReadOnlySpan<byte>(pointer + view.PointerOffset, checked((int)length)));
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }
}
