import { spawnSync } from "node:child_process";
import { mkdirSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/cli.js";

/**
 * A small tmpfs for write-fault tests: read-only or tiny, whatever permission bits say (they do not stop root).
 * Mounting needs root (CAP_SYS_ADMIN); `mountRefused` says why it cannot be done here, for the skip message.
 */
export const mountRefused: string | undefined = (() => {
  if (process.platform !== "linux") return "tmpfs mounts need Linux";
  const probe = tempDir("caution-mount-probe-");
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { encoding: "utf8" });
  if (r.error) return `mount is not available (${r.error.message})`;
  if (r.status !== 0) return `mount was refused: ${r.stderr.trim() || `exit ${r.status}`}`;
  spawnSync("umount", [probe]);
  rmdirSync(probe);
  return undefined;
})();

export interface Mount {
  dir: string;
  remount(options: string): void;
  unmount(): void;
}

export function mountTmpfs(options: string): Mount {
  const dir = join(tempDir("caution-mount-"), "mnt");
  mkdirSync(dir);
  const run = (args: string[]) => {
    const r = spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  };
  run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir]);
  return {
    dir,
    remount: (o) => run(["mount", "-o", `remount,${o}`, dir]),
    unmount: () => {
      spawnSync("umount", [dir]);
    },
  };
}
