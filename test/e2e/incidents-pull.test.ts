import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";
import { caution, CLI, tempDir, type CliRun } from "../support/cli.js";
import { closedPort, feedServer, type Running } from "../import/pull/servers.js";

/**
 * `caution incidents pull` through the built CLI, against servers on 127.0.0.1. The CLI runs as a child process
 * without blocking this one, which serves its requests.
 */
function cautionAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, HTTP_PROXY: "", HTTPS_PROXY: "", http_proxy: "", https_proxy: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

function workspace(): string {
  const ws = join(tempDir(), "ws");
  expect(caution(["init", ws, "--as-of", "2026-04-30"]).code).toBe(0);
  rmSync(join(ws, "incidents", "example-cloud.csv"));
  return ws;
}

describe("caution incidents pull (built CLI)", () => {
  it("pulls Google Cloud's feed from the test origin into a workspace that then validates", async () => {
    const gcp = readFileSync(join(PACKAGE_ROOT, "test", "import", "fixtures", "gcp-incidents.json"));
    const server = await feedServer({
      "/incidents.json": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(gcp),
    });
    running.push(server);
    const ws = workspace();
    const r = await cautionAsync(["incidents", "pull", "gcp", "--vendor", "example-cloud", "--into", ws], {
      CAUTION_TEST_FEED_ORIGIN: server.origin,
    });
    expect(r.stderr).toContain(`caution: pulled 6 incidents from ${server.origin}/incidents.json: 6 added`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const validated = caution(["validate", ws]);
    expect(validated.stderr).not.toMatch(/error/i);
    expect(validated.code).toBe(0);
  });

  it("exits 3 naming the URL when the server is down", async () => {
    const port = await closedPort();
    const r = await cautionAsync([
      "incidents",
      "pull",
      `http://127.0.0.1:${port}`,
      "--vendor",
      "example-cloud",
      "--into",
      workspace(),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `caution: cannot fetch http://127.0.0.1:${port}/api/v2/incidents.json: the connection was refused (4 attempts). Check the network, or the proxy (HTTPS_PROXY, NO_PROXY); nothing was written\n`,
    );
  });

  it("exits 2 for a bad source, --timeout or --vendor, before any request", async () => {
    const ws = workspace();
    const source = await cautionAsync([
      "incidents",
      "pull",
      "http://status.example.com",
      "--vendor",
      "example-cloud",
      "--into",
      ws,
    ]);
    expect(source.code).toBe(2);
    expect(source.stderr).toContain(
      "caution: http://status.example.com: give an https:// URL; caution reads feeds over https only",
    );
    const timeout = await cautionAsync([
      "incidents",
      "pull",
      "gcp",
      "--vendor",
      "example-cloud",
      "--into",
      ws,
      "--timeout",
      "0",
    ]);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain("--timeout 0: give a number of seconds from 1 to 600");
    const vendor = await cautionAsync(["incidents", "pull", "gcp", "--vendor", "nobody", "--into", ws]);
    expect(vendor.code).toBe(2);
    expect(vendor.stderr).toMatch(/--vendor nobody: not a vendor of .*caution\.yaml; listed there: example-cloud/);
  });
});
