import { createRun, type Run } from "../../src/run/run.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command function in-process on a run of its own, the way the CLI entry does but capturing what it prints.
 * What the command throws (UsageError, InputError) is thrown to the test; the run's resources are released either way.
 */
export async function runCommand(
  command: (run: Run) => Promise<number>,
  options: { quiet?: boolean; env?: NodeJS.ProcessEnv; today?: string } = {},
): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  await using run = createRun({
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...options,
  });
  const code = await command(run);
  return { code, stdout, stderr };
}
