import { spawn } from "node:child_process";

/** A process id that is not running: a child that has already exited (the OS may reuse it much later, not now). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}
