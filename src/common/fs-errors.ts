/**
 * A file-system error in words a user can act on, for reading and writing alike. Node's own messages name system
 * calls ("ENOENT: no such file or directory, open ...") and repeat the path the caller already shows.
 */
export function describeFsError(err: unknown, what: "file" | "folder" = "file"): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return `${what} not found`;
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a folder, not a file";
    case "ENOTDIR":
      return "a file stands where a folder is needed";
    case "EEXIST":
      return "a file stands where the folder should be";
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "the disk quota is exhausted";
    case "EROFS":
      return "the file system is read-only";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "the name is too long";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
