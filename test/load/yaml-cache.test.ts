import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE_DIR } from "../../src/load/package-files.js";
import { cachedData, cacheFileFor } from "../../src/load/yaml-cache.js";
import { parseYaml, parseYamlFile } from "../../src/load/yaml-file.js";
import { DEMO } from "../support/demo.js";

const shipped = readdirSync(QUESTIONNAIRE_DIR).filter((n) => n.endsWith(".yaml"));

describe("the build-time cache of caution's own YAML files", () => {
  it("covers only files shipped in questionnaires/", () => {
    expect(cacheFileFor(join(QUESTIONNAIRE_DIR, "caution-v1.yaml"))).toMatch(
      /dist[\\/]yaml-cache[\\/]caution-v1\.yaml\.json$/,
    );
    expect(cacheFileFor(join(DEMO, "caution.yaml"))).toBeUndefined();
    expect(cacheFileFor(join(QUESTIONNAIRE_DIR, "..", "questionnaires", "x.txt"))).toBeUndefined();
  });

  it.each(shipped)("serves %s with exactly the data the YAML parses to (npm run build writes it)", (name) => {
    const path = join(QUESTIONNAIRE_DIR, name);
    expect(existsSync(cacheFileFor(path)!), "no cache: run npm run build").toBe(true);
    const bytes = readFileSync(path);
    expect(cachedData(path, bytes)?.data).toEqual(parseYaml(bytes.toString("utf8"), name).source?.data);
  });

  it("ignores the cache once the file's bytes change", () => {
    const path = join(QUESTIONNAIRE_DIR, "caution-v1.yaml");
    const edited = Buffer.concat([readFileSync(path), Buffer.from("# edited\n")]);
    expect(cachedData(path, edited)).toBeUndefined();
    // ...and parses the edited text instead, with its lines.
    const parsed = parseYamlFile(path, "q.yaml", edited.toString("utf8"), edited);
    expect(parsed.issues).toEqual([]);
    expect(parsed.source?.lineOf(["version"])).toBeGreaterThan(0);
  });

  it("still says on which line a field stands, parsing the YAML only when asked", () => {
    const path = join(QUESTIONNAIRE_DIR, "caution-v1.yaml");
    const bytes = readFileSync(path);
    const text = bytes.toString("utf8");
    const fromCache = parseYamlFile(path, "q.yaml", text, bytes).source!;
    const parsed = parseYaml(text, "q.yaml").source!;
    for (const p of [["version"], ["questions", 0, "id"], ["questions", 17, "options", 2, "points"]]) {
      expect(fromCache.lineOf(p)).toBeGreaterThan(1);
      expect(fromCache.lineOf(p)).toBe(parsed.lineOf(p));
    }
  });
});
