/** Progress goes to stderr so stdout stays clean for `score --json` and `incidents import`. */
export interface Progress {
  step(message: string): void;
}

export function stderrProgress(quiet: boolean): Progress {
  return {
    step(message) {
      if (!quiet) process.stderr.write(`caution: ${message}\n`);
    },
  };
}
