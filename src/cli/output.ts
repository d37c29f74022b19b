/** Where a command writes; tests pass their own to run a command in-process and read what it printed. */
export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
