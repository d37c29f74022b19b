import type { z } from "zod";
import { cleanText } from "../load/clean-text.js";
import type { InputIssue } from "../load/input-issue.js";
import type { YamlSource } from "../load/yaml-file.js";
import { didYouMean } from "./did-you-mean.js";

type Path = readonly PropertyKey[];

/** Turns zod's issues into messages a buyer can act on: where, which field, what was found, what is allowed. */
export function zodIssuesToInput(
  schema: z.ZodType,
  error: z.ZodError,
  locate: (path: Path) => Pick<InputIssue, "file" | "line" | "row">,
): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({
          ...locate(path),
          field: fieldName(path),
          message: `unknown field${
            allowed
              ? `${didYouMean(
                  key,
                  allowed.map((value) => ({ value })),
                )}; allowed: ${allowed.join(", ")}`
              : ""
          }`,
        });
      }
      continue;
    }
    if (issue.code === "invalid_union") {
      // A union failing everywhere has a nested issue per branch; the first branch's first issue is the most useful.
      const nested = issue.errors[0]?.[0];
      if (nested) {
        out.push({
          ...locate(issue.path),
          field: fieldName(issue.path),
          message: `${describe(nested, issue.input)} (or one of the other accepted forms)`,
        });
        continue;
      }
    }
    out.push({ ...locate(issue.path), field: fieldName(issue.path), message: describe(issue, issue.input) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const got = show(input);
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return "is required";
      return `expected ${issue.expected}, got ${got}`;
    case "invalid_value": {
      const values = issue.values.map((v) => String(v));
      const near =
        typeof input === "string"
          ? didYouMean(
              input,
              values.map((value) => ({ value })),
            )
          : "";
      return `${got} is not allowed${near}; allowed: ${values.join(", ")}`;
    }
    case "too_small":
      if (issue.origin === "array") return `needs at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      if (issue.origin === "number" || issue.origin === "int")
        return `${got} is too small; must be ${issue.inclusive ? "≥" : ">"} ${issue.minimum}`;
      return issue.message;
    case "too_big":
      if (issue.origin === "number" || issue.origin === "int")
        return `${got} is too large; must be ${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
      return issue.message;
    case "invalid_format":
      return input === undefined ? issue.message : `${got} ${issue.message}`;
    default:
      return issue.message;
  }
}

/** Shows a received value briefly and safely: control characters out, long values cut. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const clean = cleanText(value).replace(/[\t\n]/g, " ");
    return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 57)}...` : clean);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

export function fieldName(path: Path): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out || "(document)";
}

export function yamlLocator(source: YamlSource) {
  return (path: Path) => {
    const line = source.lineOf(path);
    return { file: source.file, ...(line !== undefined ? { line } : {}) };
  };
}

/** Walks a schema along a path to list the keys an object accepts there, for "unknown field" messages. */
function allowedKeys(schema: z.ZodType, path: Path): string[] | undefined {
  let node: unknown = schema;
  for (const key of path) {
    node = unwrap(node);
    const def = defOf(node);
    if (!def) return undefined;
    if (def.type === "object") node = (def.shape as Record<string, unknown>)[String(key)];
    else if (def.type === "record") node = def.valueType;
    else if (def.type === "array") node = def.element;
    else return undefined;
  }
  const def = defOf(unwrap(node));
  if (def?.type !== "object") return undefined;
  return Object.keys(def.shape as Record<string, unknown>).filter((k) => k !== "$schema");
}

function unwrap(node: unknown): unknown {
  for (;;) {
    const def = defOf(node);
    if (!def) return node;
    if (["optional", "default", "nullable", "prefault", "readonly", "catch", "nonoptional"].includes(def.type))
      node = def.innerType;
    else if (def.type === "pipe") node = def.in;
    else return node;
  }
}

function defOf(node: unknown): (Record<string, unknown> & { type: string }) | undefined {
  return (node as { _zod?: { def?: Record<string, unknown> & { type: string } } } | undefined)?._zod?.def;
}
