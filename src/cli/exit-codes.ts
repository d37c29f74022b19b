/** The exit codes are part of caution's interface: scripts and CI pipelines branch on them. */
export const EXIT = {
  ok: 0,
  /** --fail-on <rating> was reached by at least one vendor. */
  failOn: 1,
  /** The input is invalid; nothing was written. */
  invalidInput: 2,
  /** caution itself, the browser or the file system failed. */
  internal: 3,
} as const;
