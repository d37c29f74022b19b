import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { CLI, tempDir } from "../support/cli.js";
import { DEMO } from "../support/demo.js";

/** A copy of samples/demo in a fresh temporary folder, changed by `edit`. */
export function demoCopy(edit: (dir: string) => void = () => undefined): string {
  const dir = join(tempDir("caution-hardening-"), "ws");
  cpSync(DEMO, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Every file in a folder (recursively, hidden ones included) with its SHA-256: to prove a run changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir, "");
  return out;
}

/** Temporary files a run could leave behind (`.<name>.<pid>.tmp`). */
export const temporaries = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".tmp")) : []);

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A listener on 127.0.0.1 that records every connection (plain HTTP or not) and every request. */
export interface Listener {
  server: Server;
  base: string;
  port: number;
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

export async function listen(): Promise<Listener> {
  const l = { connections: 0, requests: [] as string[] } as Listener;
  const server = createServer((req, res) => {
    l.requests.push(req.url ?? "");
    res.end("LEAKED-FROM-SERVER");
  });
  // A TLS handshake (an https:// URL pointed at this port) is a connection too, though never a request.
  server.on("connection", () => (l.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no address");
  l.server = server;
  l.port = address.port;
  l.base = `http://127.0.0.1:${address.port}`;
  l.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return l;
}

/** A process as /proc shows it. */
export interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  comm: string;
}

export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // comm is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const [state = "", ppid = "0", pgid = "0"] = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), state, comm });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The processes below `root` (children, grandchildren...). */
export function descendants(root: number, all = processes()): Proc[] {
  const found: Proc[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const p of all) {
      if (p.ppid === parent) {
        found.push(p);
        frontier.push(p.pid);
      }
    }
  }
  return found;
}

const isChromium = (p: Proc) => /chrom/i.test(p.comm);

/** Live (not zombie) processes in any of these process groups. */
export function aliveInGroups(pgids: ReadonlySet<number>): Proc[] {
  return processes().filter((p) => pgids.has(p.pgid) && p.state !== "Z");
}

/** Waits until `check` returns true, polling; false on timeout. */
export async function waitFor(check: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The built CLI, started asynchronously so a test can watch its progress and its process tree while it runs.
 * Every Chromium process group seen below the CLI is recorded, so the test can prove none outlives the run (even
 * helpers the poll never saw share their browser's group).
 */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  code: number | null | undefined;
  signal: NodeJS.Signals | null | undefined;
  readonly browserGroups = new Set<number>();
  /** The run's own temp folder (TMPDIR): browser profiles land here, so the test can see none is left. */
  readonly tmp = tempDir("caution-run-tmp-");
  private readonly exited: Promise<void>;
  private readonly poll: NodeJS.Timeout;

  constructor(args: string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [CLI, ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, SOURCE_DATE_EPOCH: "", TMPDIR: this.tmp, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.setEncoding("utf8").on("data", (d: string) => (this.stdout += d));
    this.child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => {
        this.code = code;
        this.signal = signal;
        resolve();
      }),
    );
    this.poll = setInterval(() => this.browsers(), 25);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Chromium processes below the CLI now; records their groups. */
  browsers(): Proc[] {
    if (this.code !== undefined) return [];
    const found = descendants(this.pid).filter(isChromium);
    for (const p of found) this.browserGroups.add(p.pgid);
    return found;
  }

  /** The browser's main process (the group leader, a direct child of the CLI), if one runs. */
  browserLeader(): Proc | undefined {
    return this.browsers().find((p) => p.ppid === this.pid && p.pid === p.pgid);
  }

  async waitForStderr(pattern: RegExp, timeoutMs = 60_000): Promise<boolean> {
    return waitFor(() => pattern.test(this.stderr) || this.code !== undefined, timeoutMs, 10).then(
      (ok) => ok && pattern.test(this.stderr),
    );
  }

  async done(timeoutMs = 120_000): Promise<this> {
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    clearInterval(this.poll);
    return this;
  }

  /** What the run left in its temp folder (browser profiles, for one). */
  tempLeftovers(): string[] {
    return readdirSync(this.tmp);
  }

  /** Browser processes of this run still alive after it ended (waits up to `graceMs` for SIGKILLs to land). */
  async leftovers(graceMs = 3_000): Promise<Proc[]> {
    await waitFor(() => aliveInGroups(this.browserGroups).length === 0, graceMs);
    return aliveInGroups(this.browserGroups);
  }
}

/** Sends a signal to a whole process group; ignores a group that is already gone. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}
