import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PULL_STATE_VERSION, pullState, type PullSourceState, type PullState } from "../../schema/pull-state.js";
import { writeOutputs } from "../../write/atomic.js";

export const STATE_DIR = ".caution";
export const STATE_FILE = "pull-state.json";
/** caution writes a few KiB; anything larger is not its file. */
const MAX_STATE_BYTES = 4 * 1024 * 1024;

export const stateKey = (vendor: string, url: URL) => `${vendor} ${url.href}`;

/** The workspace's pull state; an empty one when there is none, and a note when one was there but unusable. */
export async function readPullState(workspace: string): Promise<{ state: PullState; note?: string }> {
  const path = join(workspace, STATE_DIR, STATE_FILE);
  const empty: PullState = { version: PULL_STATE_VERSION, sources: {} };
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_STATE_BYTES) return { state: empty, note: `${path} is too large; it was ignored` };
    text = bytes.toString("utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: empty };
    return { state: empty, note: `${path} cannot be read (${(err as Error).message}); it was ignored` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { state: empty, note: `${path} is not valid JSON; it was ignored and will be rewritten` };
  }
  const parsed = pullState.safeParse(data);
  if (!parsed.success)
    return { state: empty, note: `${path} is not a pull state caution wrote; it was ignored and will be rewritten` };
  return { state: parsed.data };
}

export async function writePullState(workspace: string, state: PullState, signal?: AbortSignal): Promise<void> {
  // Sorted keys, so the file changes only when its content does.
  const sources = Object.fromEntries(Object.entries(state.sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeOutputs(
    join(workspace, STATE_DIR),
    [{ name: STATE_FILE, data: `${JSON.stringify({ version: state.version, sources }, null, 2)}\n` }],
    { signal },
  );
}

export type { PullSourceState };
