import type { InputIssue } from "../load/input-issue.js";
import type { Workspace } from "../schema/workspace.js";

type Locate = (path: (string | number)[]) => Pick<InputIssue, "file" | "line">;

/**
 * The workloads' cross-references: every provider a workload names must be a vendor of caution.yaml (listed once
 * per workload), and workload ids must be unique. Each problem names the field and the ids that would do.
 */
export function workloadIssues(ws: Workspace, locate: Locate): InputIssue[] {
  const issues: InputIssue[] = [];
  const ids = ws.vendors.map((v) => v.id);
  const known = new Set(ids);
  const seen = new Map<string, number>();
  (ws.workloads ?? []).forEach((w, i) => {
    if (seen.has(w.id))
      issues.push({
        ...locate(["workloads", i, "id"]),
        field: `workloads[${i}].id`,
        message: `workload ${w.id} is listed twice (first as workloads[${seen.get(w.id)}])`,
      });
    else seen.set(w.id, i);
    const named = new Set<string>();
    w.providers.forEach((p, k) => {
      const where = { ...locate(["workloads", i, "providers", k]), field: `workloads[${i}].providers[${k}]` };
      if (!known.has(p))
        issues.push({
          ...where,
          message: `workload ${w.id} names provider ${p}, which is not a vendor in caution.yaml; use one of: ${ids.join(", ")}`,
        });
      else if (named.has(p))
        issues.push({ ...where, message: `workload ${w.id} names provider ${p} twice; list each provider once` });
      named.add(p);
    });
  });
  return issues;
}
