import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { pullIncidents, type PullRequest } from "../../../src/import/pull/pull.js";
import { resolveSource, TEST_ORIGIN_VARIABLE } from "../../../src/import/pull/sources.js";
import { InputError } from "../../../src/load/input-issue.js";
import { EnvironmentError, UsageError } from "../../../src/run/errors.js";
import { tempDir } from "../../support/cli.js";
import { fixtureText } from "../support.js";
import { closedPort, feedServer, forwardProxy, type Route, type Running } from "./servers.js";

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
async function serve(routes: Record<string, Route>): Promise<Running> {
  const server = await feedServer(routes);
  running.push(server);
  return server;
}

function workspace(vendors = ["nimbus"], asOf = "2026-12-31"): string {
  const ws = join(tempDir(), "ws");
  mkdirSync(ws);
  writeFileSync(
    join(ws, "caution.yaml"),
    `organisation: T\ncurrency: EUR\ndowntimeCostPerHour: 1\nasOf: "${asOf}"\nvendors:\n${vendors.map((v) => `  - { id: ${v}, monthlySpend: 1, criticality: high }\n`).join("")}`,
  );
  return ws;
}

/** Quick limits, a clean environment (no proxy from the machine running the tests) and a fixed clock. */
function pull(req: Omit<PullRequest, "env" | "fetch" | "now">, env: NodeJS.ProcessEnv = {}, fetch = {}) {
  return pullIncidents({
    ...req,
    env,
    now: () => new Date("2026-04-20T12:00:00.000Z"),
    fetch: { timeoutMs: 2000, retries: 2, backoffMs: 20, ...fetch },
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure");
}

const STATUSPAGE = fixtureText("statuspage-incidents.json");
const json =
  (body: string, headers: Record<string, string> = {}): Route =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", ...headers }).end(body);
  };

describe("caution incidents pull", () => {
  it("fetches a Statuspage, writes incidents/<vendor>.csv and the state, then asks conditionally and gets 304", async () => {
    let answered = 0;
    const server = await serve({
      "/api/v2/incidents.json": (req, res) => {
        if (req.headers["if-none-match"] === '"v1"') {
          res.writeHead(304).end();
          return;
        }
        answered += 1;
        json(STATUSPAGE, { etag: '"v1"', "last-modified": "Mon, 20 Apr 2026 11:00:00 GMT" })(req, res);
      },
    });
    const ws = workspace();
    const outcome = await pull({ source: `${server.origin}/`, vendor: "nimbus", into: ws });
    expect(outcome.done).toBe(
      `pulled 7 incidents from ${server.origin}/api/v2/incidents.json: 7 added, 0 updated, 0 unchanged; wrote ${ws}/incidents/nimbus.csv`,
    );
    expect(readFileSync(join(ws, "incidents", "nimbus.csv"), "utf8")).toBe(fixtureText("statuspage-expected.csv"));
    const state = JSON.parse(readFileSync(join(ws, ".caution", "pull-state.json"), "utf8"));
    expect(state.sources[`nimbus ${server.origin}/api/v2/incidents.json`]).toMatchObject({
      etag: '"v1"',
      lastModified: "Mon, 20 Apr 2026 11:00:00 GMT",
      fetchedAt: "2026-04-20T12:00:00Z",
    });
    expect(server.seen[0]!.headers["user-agent"]).toMatch(/^caution\//);

    const again = await pull({ source: server.origin, vendor: "nimbus", into: ws });
    expect(again).toEqual({
      notes: [],
      done: `${server.origin}/api/v2/incidents.json has not changed since 2026-04-20T12:00:00Z; ${ws}/incidents/nimbus.csv is unchanged`,
    });
    expect(server.seen[1]!.headers["if-modified-since"]).toBe("Mon, 20 Apr 2026 11:00:00 GMT");
    expect(answered).toBe(1);

    // Once the file is edited by hand, the next pull asks for everything again.
    writeFileSync(
      join(ws, "incidents", "nimbus.csv"),
      `${readFileSync(join(ws, "incidents", "nimbus.csv"), "utf8")}\n`,
    );
    await pull({ source: server.origin, vendor: "nimbus", into: ws });
    expect(server.seen[2]!.headers["if-none-match"]).toBeUndefined();
    expect(answered).toBe(2);
  });

  it("reads a gzipped answer", async () => {
    const server = await serve({
      "/api/v2/incidents.json": (_req, res) => {
        res
          .writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
          .end(gzipSync(STATUSPAGE));
      },
    });
    const ws = workspace();
    await pull({ source: server.origin, vendor: "nimbus", into: ws });
    expect(readFileSync(join(ws, "incidents", "nimbus.csv"), "utf8")).toBe(fixtureText("statuspage-expected.csv"));
  });

  it("refuses an answer over the size cap (exit 2, the URL named) and writes nothing", async () => {
    const big = `[${'"x",'.repeat(300_000)}"x"]`;
    const server = await serve({
      "/declared/api/v2/incidents.json": json(big),
      "/chunked/api/v2/incidents.json": (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(gzipSync(big));
      },
    });
    const ws = workspace();
    for (const path of ["/declared", "/chunked"]) {
      const err = await failure(
        pull({ source: `${server.origin}${path}`, vendor: "nimbus", into: ws }, {}, { maxBytes: 1_000_000 }),
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).issues[0]).toEqual({
        file: `${server.origin}${path}/api/v2/incidents.json`,
        message: expect.stringMatching(/^the answer is (1200005|more) bytes; the limit for a feed is 1000000 bytes/),
      });
    }
    expect(existsSync(join(ws, "incidents"))).toBe(false);
    expect(existsSync(join(ws, ".caution"))).toBe(false);
  });

  it("gives up on a slow server at the timeout (exit 3), naming the URL", async () => {
    const server = await serve({
      "/api/v2/incidents.json": (_req, res) => {
        setTimeout(() => json(STATUSPAGE)(_req, res), 3000).unref();
      },
    });
    const started = Date.now();
    const err = await failure(
      pull({ source: server.origin, vendor: "nimbus", into: workspace() }, {}, { timeoutMs: 300 }),
    );
    expect(err).toBeInstanceOf(EnvironmentError);
    expect(err.message).toBe(
      `cannot fetch ${server.origin}/api/v2/incidents.json: no answer within 0.3 s. Check the network, or the proxy (HTTPS_PROXY, NO_PROXY); nothing was written`,
    );
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("exits 3 when the server is down, after retrying with backoff", async () => {
    const port = await closedPort();
    const err = await failure(pull({ source: `http://127.0.0.1:${port}`, vendor: "nimbus", into: workspace() }));
    expect(err).toBeInstanceOf(EnvironmentError);
    expect(err.message).toBe(
      `cannot fetch http://127.0.0.1:${port}/api/v2/incidents.json: the connection was refused (3 attempts). Check the network, or the proxy (HTTPS_PROXY, NO_PROXY); nothing was written`,
    );
  });

  it("retries a 503 and takes the answer that follows; a 404 is a wrong address (exit 2)", async () => {
    let calls = 0;
    const server = await serve({
      "/flaky/api/v2/incidents.json": (req, res) => {
        calls += 1;
        if (calls < 3) res.writeHead(503, { "retry-after": "0" }).end();
        else json(STATUSPAGE)(req, res);
      },
    });
    await pull({ source: `${server.origin}/flaky`, vendor: "nimbus", into: workspace() });
    expect(calls).toBe(3);
    const missing = await failure(pull({ source: `${server.origin}/nothing`, vendor: "nimbus", into: workspace() }));
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing.message).toMatch(/answered 404 Not Found: check the address/);
  });

  it("refuses a malformed answer (exit 2), naming the URL", async () => {
    const server = await serve({
      "/api/v2/incidents.json": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Maintenance</body></html>");
      },
    });
    const err = await failure(pull({ source: server.origin, vendor: "nimbus", into: workspace() }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]).toMatchObject({
      file: `${server.origin}/api/v2/incidents.json`,
      message: "invalid JSON: unexpected character '<' at column 1 (character 1)",
    });
  });

  it("goes through the proxy HTTP_PROXY names, and past it for hosts in NO_PROXY", async () => {
    const server = await serve({ "/api/v2/incidents.json": json(STATUSPAGE) });
    const proxy = await forwardProxy();
    running.push(proxy);
    await pull({ source: server.origin, vendor: "nimbus", into: workspace() }, { HTTP_PROXY: proxy.origin });
    // undici tunnels through the proxy with CONNECT, for http targets too.
    expect(proxy.seen.map((s) => s.line)).toEqual([`CONNECT 127.0.0.1:${server.port}`]);
    await pull(
      { source: server.origin, vendor: "nimbus", into: workspace() },
      { HTTP_PROXY: proxy.origin, NO_PROXY: "127.0.0.1" },
    );
    expect(proxy.seen).toHaveLength(1);
    expect(server.seen).toHaveLength(2);
  });

  it("keeps rows and an analyst's cause, updates by id, adds the new, keeps extra columns", async () => {
    const server = await serve({ "/api/v2/incidents.json": json(STATUSPAGE) });
    const ws = workspace();
    mkdirSync(join(ws, "incidents"));
    writeFileSync(
      join(ws, "incidents", "nimbus.csv"),
      "vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url,ticket\n" +
        "nimbus,kd8f2m1qz7xw,Old title,2026-04-09T10:00:00Z,,major,,,ai-agent,yes,,CHG-1\n" +
        "nimbus,hand-added-1,Seen on our side only,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z,minor,,,,unknown,,CHG-2\n",
    );
    const outcome = await pull({ source: server.origin, vendor: "nimbus", into: ws, since: "2026-03-01" });
    expect(outcome.done).toMatch(
      /pulled 7 incidents from .*\(2 ended before 2026-03-01\): 4 added, 1 updated, 0 unchanged;/,
    );
    const csv = readFileSync(join(ws, "incidents", "nimbus.csv"), "utf8").split("\n");
    expect(csv[0]).toBe(
      "vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url,rca_published_at,ticket",
    );
    expect(csv.find((l) => l.includes("hand-added-1"))).toMatch(/,CHG-2$/);
    const updated = csv.find((l) => l.includes("kd8f2m1qz7xw"))!;
    expect(updated).toMatch(/,ai-agent,yes,/);
    expect(updated).toMatch(/,CHG-1$/);
    expect(updated).not.toContain("Old title");
  });

  it("refuses a workspace without caution.yaml, a vendor it does not list, a bad --since and a broken CSV", async () => {
    const server = await serve({ "/api/v2/incidents.json": json(STATUSPAGE) });
    expect((await failure(pull({ source: server.origin, vendor: "nimbus", into: tempDir() }))).message).toMatch(
      /is not a caution workspace \(no caution\.yaml\)/,
    );
    expect((await failure(pull({ source: server.origin, vendor: "other", into: workspace() }))).message).toMatch(
      /--vendor other: not a vendor of .*; listed there: nimbus/,
    );
    expect(
      (await failure(pull({ source: server.origin, vendor: "nimbus", into: workspace(), since: "March" }))).message,
    ).toBe("--since March: give a date, YYYY-MM-DD");
    const ws = workspace();
    mkdirSync(join(ws, "incidents"));
    writeFileSync(join(ws, "incidents", "nimbus.csv"), "vendor,id,title\nnimbus,1,x\n");
    const broken = await failure(pull({ source: server.origin, vendor: "nimbus", into: ws }));
    expect((broken as InputError).issues[0]!.message).toMatch(
      /is not a canonical incident CSV: the header lacks started_at/,
    );
    expect(server.seen).toHaveLength(0);
  });
});

describe("pulling a feed of open events (AWS)", () => {
  it("reads the UTF-16 answer, and closes an open row when a later answer no longer lists it", async () => {
    const events = JSON.parse(fixtureText("aws-currentevents.json")) as { arn: string }[];
    let answer = events;
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const server = await serve({
      "/public/currentevents": (_req, res) => {
        res.writeHead(200, { "content-type": "application/json;charset=utf-16" }).end(utf16(JSON.stringify(answer)));
      },
    });
    const ws = workspace(["aws"]);
    const env = { [TEST_ORIGIN_VARIABLE]: server.origin };
    await pull({ source: "aws", vendor: "aws", into: ws }, env);
    expect(readFileSync(join(ws, "incidents", "aws.csv"), "utf8")).toBe(fixtureText("aws-currentevents-expected.csv"));

    // The region-wide event ended: AWS drops it from currentevents.
    answer = events.filter((e) => !e.arn.includes("me-central-1"));
    const outcome = await pull({ source: "aws", vendor: "aws", into: ws }, env);
    expect(outcome.notes).toContain(
      `note ${events[0]!.arn}: no longer listed as open by 127.0.0.1:${server.port}; resolved_at set to 2026-04-20T12:00:00Z, when this pull saw it gone (it ended no later)`,
    );
    const row = readFileSync(join(ws, "incidents", "aws.csv"), "utf8")
      .split("\n")
      .find((l) => l.includes("me-central-1"))!;
    expect(row).toContain(",2026-03-01T12:51:25Z,2026-04-20T12:00:00Z,major,");
  });

  it("serves the three clouds from their documented addresses, and from a test origin only on this machine", () => {
    expect(resolveSource("aws", {}).url.href).toBe("https://health.aws.amazon.com/public/currentevents");
    expect(resolveSource("GCP", {}).url.href).toBe("https://status.cloud.google.com/incidents.json");
    expect(resolveSource("azure", {}).url.href).toBe("https://azure.status.microsoft/en-us/status/feed/");
    expect(resolveSource("gcp", { [TEST_ORIGIN_VARIABLE]: "http://127.0.0.1:8080" }).url.href).toBe(
      "http://127.0.0.1:8080/incidents.json",
    );
    expect(() => resolveSource("gcp", { [TEST_ORIGIN_VARIABLE]: "http://10.0.0.5:8080" })).toThrow(
      /must be an address on this machine/,
    );
    expect(resolveSource("https://www.githubstatus.com", {}).url.href).toBe(
      "https://www.githubstatus.com/api/v2/incidents.json",
    );
    expect(resolveSource("https://status.example.com/api/v2/summary.json", {}).url.href).toBe(
      "https://status.example.com/api/v2/summary.json",
    );
    expect(() => resolveSource("http://status.example.com", {})).toThrow(/https only/);
    expect(() => resolveSource("githubstatus", {})).toThrow(/name aws, azure or gcp/);
  });
});
