// A workspace of `n` vendors for the scale benchmark and test: the demo's three vendor files, each copied under
// ids v00000..v<n-1>, listed in caution.yaml, with one major incident per vendor in one CSV.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function manyVendorWorkspace(root, dir, n) {
  const demo = join(root, "samples", "demo");
  mkdirSync(join(dir, "vendors"), { recursive: true });
  mkdirSync(join(dir, "incidents"), { recursive: true });
  const yaml = readFileSync(join(demo, "caution.yaml"), "utf8");
  // Without failOn: the copies of the demo's Critical vendor would make every run exit 1.
  const head = yaml.slice(0, yaml.indexOf("\nvendors:") + 1).replace(/^failOn:.*\n/m, "");
  const files = ["altavale", "cirrane", "quarrion"].map((v) =>
    readFileSync(join(demo, "vendors", `${v}.yaml`), "utf8"),
  );
  const list = ["vendors:\n"];
  const incidents = [
    "vendor,id,title,started_at,resolved_at,severity,services,regions,cause,ai_agent_involved,source_url\n",
  ];
  for (let i = 0; i < n; i++) {
    const id = `v${String(i).padStart(5, "0")}`;
    list.push(`  - id: ${id}\n    monthlySpend: ${1000 + i}\n    criticality: high\n`);
    writeFileSync(join(dir, "vendors", `${id}.yaml`), files[i % 3].replace(/^id: .*$/m, `id: ${id}`));
    const month = String(1 + (i % 9)).padStart(2, "0");
    const day = String(1 + (i % 27)).padStart(2, "0");
    incidents.push(
      `${id},I-${i},Outage ${i},2026-${month}-${day}T10:00:00Z,2026-${month}-${day}T12:30:00Z,major,compute,eu-west-1,software,no,\n`,
    );
  }
  // The demo's vendor list is the end of its caution.yaml: everything before it is kept.
  writeFileSync(join(dir, "caution.yaml"), head + list.join(""));
  writeFileSync(join(dir, "incidents", "all.csv"), incidents.join(""));
  return dir;
}
