import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PACKAGE_ROOT } from "../../src/load/package-files.js";

const DEPLOY = join(PACKAGE_ROOT, "docs", "deploy");
const read = (f: string) => readFileSync(join(DEPLOY, f), "utf8");

describe("docs/deploy: the container image and the parallel recipes", () => {
  it("the Dockerfile passes the Dockerfile linter, installs Debian's headless Chromium and runs caution", () => {
    const text = read("Dockerfile");
    expect(validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    expect(text).toMatch(/apt-get install -y --no-install-recommends chromium-headless-shell/);
    expect(text).toContain("ENV CAUTION_BROWSER=/usr/lib/chromium/chromium-headless-shell");
    expect(text).toMatch(/^ENTRYPOINT \["caution"\]$/m);
  });

  it("the GitHub Actions matrix prints every share 0..n-1 of n", () => {
    const wf = parse(read("github-actions.yml")) as {
      jobs: { print: { strategy: { matrix: { shard: number[] } }; steps: { run?: string }[] } };
    };
    const shards = wf.jobs.print.strategy.matrix.shard;
    const run = wf.jobs.print.steps.map((s) => s.run ?? "").find((r) => r.includes("--shard"))!;
    const n = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(run)?.[1]);
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it("the Kubernetes Indexed Job runs as many pods as shares, each with its completion index", () => {
    const job = parse(read("k8s-indexed-job.yaml")) as {
      spec: { completionMode: string; completions: number; template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(job.spec.completionMode).toBe("Indexed");
    const args = job.spec.template.spec.containers[0]!.args.join(" ");
    expect(args).toContain(`--shard "$JOB_COMPLETION_INDEX/${job.spec.completions}"`);
  });
});
