import type { MappingFile, VersionMapping } from "../schema/mapping.js";

/** The chain of mapping steps that leads from an older questionnaire version to the current one. */
export interface VersionPlan {
  from: string;
  to: string;
  steps: VersionMapping[];
}

export type PlanResult = { ok: true; plan: VersionPlan } | { ok: false; message: string };

/**
 * Finds the steps from `from` to `to` (0.8.0 -> 0.9.0 -> 1.0.0). The same version needs no step. A version with no
 * path (newer than the current one, or never mapped) cannot be imported: guessing would misplace answers.
 */
export function planVersions(file: MappingFile, from: string, to: string): PlanResult {
  if (from === to) return { ok: true, plan: { from, to, steps: [] } };
  const byFrom = new Map(file.mappings.map((m) => [m.from, m]));
  const steps: VersionMapping[] = [];
  const seen = new Set<string>();
  let at = from;
  while (at !== to) {
    const step = byFrom.get(at);
    if (!step || seen.has(at)) {
      const known = [...new Set(file.mappings.map((m) => m.from))];
      return {
        ok: false,
        message: `answers are to questionnaire version ${from}, and there is no mapping from ${at} towards the current version ${to}${known.length > 0 ? ` (mappings exist from ${known.join(", ")})` : " (no older version is mapped)"}; export the current questionnaire and have it answered`,
      };
    }
    seen.add(at);
    steps.push(step);
    at = step.to;
  }
  return { ok: true, plan: { from, to, steps } };
}

export interface CarriedAnswer {
  /** The question id in the current version. */
  id: string;
  /** The answer value, with renamed options mapped. */
  value: string;
}

export interface DroppedAnswer {
  /** The id the answer reached before it was dropped. */
  id: string;
  reason: string;
}

/**
 * Maps one answer given to question `id` of the plan's older version onto the current version. The answer follows
 * renames and splits (a split question's answer applies to each part); it is dropped when the question was removed,
 * when it reaches a question marked `changed` in a step (its meaning changed, so the old answer says nothing about
 * it), and when an id that stayed the same is marked `added` (a new question reusing an old id).
 */
export function mapAnswer(
  plan: VersionPlan,
  id: string,
  value: string,
): { carried: CarriedAnswer[]; dropped: DroppedAnswer[] } {
  let current: CarriedAnswer[] = [{ id, value }];
  const dropped: DroppedAnswer[] = [];
  for (const step of plan.steps) {
    const next: CarriedAnswer[] = [];
    for (const c of current) {
      if (step.removed.includes(c.id)) {
        dropped.push({ id: c.id, reason: `${c.id} was removed in ${step.to}` });
        continue;
      }
      const renamed = step.renamed[c.id];
      const targets = renamed ? [renamed] : (step.split[c.id] ?? [c.id]);
      const same = !renamed && !step.split[c.id];
      const how = renamed
        ? `${c.id} became ${renamed} in ${step.to}`
        : same
          ? `${c.id}`
          : `${c.id} was split into ${targets.join(", ")} in ${step.to}`;
      for (const target of targets) {
        if (step.changed.includes(target)) {
          dropped.push({
            id: target,
            reason: `${same ? target : `${how}; ${target}`} changed in ${step.to}, so the answer given to ${step.from} does not carry over`,
          });
        } else if (same && step.added.includes(target)) {
          dropped.push({
            id: target,
            reason: `${target} is a new question in ${step.to}, so the answer given to ${step.from} does not carry over`,
          });
        } else {
          next.push({ id: target, value: step.values[target]?.[c.value] ?? c.value });
        }
      }
    }
    current = next;
  }
  return { carried: current, dropped };
}

/**
 * Maps a whole set of answers (question id -> answer) onto the current version. Answers whose id no mapping names
 * are kept under the same id. Returns the mapped answers, the ones dropped and why, and the current questions
 * that the steps mark as new or changed and that received no answer (they show as unanswered).
 */
export function mapAnswerSet<T extends { answer: string }>(
  plan: VersionPlan,
  answers: Readonly<Record<string, T>>,
): { answers: Record<string, T>; dropped: DroppedAnswer[]; unanswered: string[]; conflicts: string[] } {
  const out: Record<string, T> = {};
  const dropped: DroppedAnswer[] = [];
  const conflicts: string[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    const mapped = mapAnswer(plan, id, answer.answer);
    dropped.push(...mapped.dropped);
    for (const c of mapped.carried) {
      if (out[c.id]) conflicts.push(c.id);
      out[c.id] = { ...answer, answer: c.value };
    }
  }
  const unanswered = [...newOrChanged(plan)].filter((id) => !out[id]);
  return { answers: out, dropped, unanswered, conflicts };
}

/** Questions the plan marks as added or changed on the way to the current version. */
export function newOrChanged(plan: VersionPlan): Set<string> {
  const ids = new Set<string>();
  for (const step of plan.steps) for (const id of [...step.changed, ...step.added]) ids.add(id);
  return ids;
}
