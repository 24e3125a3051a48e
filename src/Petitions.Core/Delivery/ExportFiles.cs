namespace Petitions.Core.Delivery;

// A delivery pack lists every signer by name and email, so on a shared server its files are for
// the app's own user alone: folders 0700, files 0600, set as they are created rather than changed
// afterwards, so there is no moment when another user could open them. (On Windows the folder's
// inherited access rules apply.)
public static class ExportFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // A folder that already exists keeps its mode: the export directory may be a mount point the
    // operator set up, and the job folders inside it are 0700 whatever it is.
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else if (!Directory.Exists(path))
            Directory.CreateDirectory(path, FolderMode);
    }

    // The worker's files are always new (CreateNew); the export verb may write over a file the
    // operator named (Create), which then keeps the mode it had.
    public static FileStream Create(string path, System.IO.FileMode mode = System.IO.FileMode.CreateNew)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 20,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }
}
