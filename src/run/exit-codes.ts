/** The exit codes are part of caution's interface: scripts and CI pipelines branch on them. */
export const EXIT = {
  ok: 0,
  /** --fail-on <rating> was reached by at least one vendor, or `caution verify` found a check that failed. */
  failOn: 1,
  /** The input or the way caution was called is invalid; nothing was written. */
  invalidInput: 2,
  /** caution itself, the browser, the network or the file system failed. */
  internal: 3,
  /** Ctrl-C (SIGINT): 128 + 2, as shells report it. */
  interrupted: 130,
  /** SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
