/** Past this age a leftover of a caution run (temporary file, browser profile) is stale whatever its process id. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** Whether a process with this id is running (on this machine). EPERM: it runs, under another user. */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
