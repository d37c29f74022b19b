import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { Evidence } from "../schema/vendor.js";
import type { ImportedAnswer } from "./check-rows.js";

export interface MergeInput {
  /** The vendor file as it is on disk; undefined to create a new one. */
  existingText: string | undefined;
  vendorId: string;
  /** Name for a new file. */
  name: string;
  /** The vendor's contact from the form, written when given. */
  contact: string | undefined;
  /** The questionnaire version the merged answers are to (the current one). */
  version: string;
  /** The file-level answer date from the sheet, when it gives one. */
  answeredAt: string | undefined;
  /** The file-level date of a new file when the sheet gives none. */
  defaultAnsweredAt: string;
  answers: readonly ImportedAnswer[];
  /** Question ids in questionnaire order: new answers are inserted where they belong. */
  order: readonly string[];
  /** Answers to delete (questions whose meaning changed since the version the file answered). */
  remove: readonly string[];
}

export interface MergeResult {
  text: string;
  changed: boolean;
}

/** YAML 1.1 readers take these as booleans or null; quoting keeps them strings everywhere. */
const AMBIGUOUS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

/**
 * Writes imported answers into a vendor file through the `yaml` Document API, so comments, blank lines, key order,
 * quoting and every key the import does not touch survive. A field is written only when its value changes.
 *
 * Per answer: the answer value is set; evidence is replaced when the row gives evidence and kept when it gives none;
 * reason and comment likewise; the answer's own date is set when the row gives one (removed when it equals the
 * file's date, which then applies) and, when the row gives none, kept if the answer is unchanged and removed if it
 * changed (the file's date then applies). Answers the sheet does not hold stay as they are.
 */
export function mergeVendorYaml(input: MergeInput): MergeResult {
  const isNew = input.existingText === undefined;
  const doc: Document = isNew ? newDocument(input) : parseDocument(input.existingText!);
  if (!isMap(doc.contents)) throw new Error("vendor file is not a YAML mapping");
  const root = doc.contents;

  setScalar(root, "questionnaireVersion", input.version, false);
  if (input.answeredAt !== undefined) setScalar(root, "answeredAt", input.answeredAt, true);
  if (input.contact !== undefined) {
    if (root.has("contact")) setScalar(root, "contact", input.contact, true);
    else insertAfter(root, "name", new Pair("contact", quoted(input.contact)));
  }
  const fileDate = scalarString(root.get("answeredAt", true));

  const found: unknown = root.get("answers", true);
  let map: YAMLMap;
  if (isMap(found)) map = found;
  else {
    map = new YAMLMap();
    root.set("answers", map);
  }
  const rank = new Map(input.order.map((id, i) => [id, i]));

  for (const id of input.remove) if (map.has(id)) map.delete(id);

  for (const a of input.answers) {
    const existing = map.get(a.id, true);
    if (!isMap(existing)) {
      insertInOrder(map, a.id, newAnswerNode(a, fileDate), rank);
      continue;
    }
    const previous = scalarString(existing.get("answer", true));
    const changed = previous !== a.answer;
    setScalar(existing, "answer", a.answer, AMBIGUOUS.test(a.answer));
    if (a.evidence !== undefined && !sameEvidence(existing.get("evidence", true), a.evidence))
      existing.set("evidence", evidenceNode(a.evidence));
    if (a.answeredAt !== undefined) {
      if (a.answeredAt === fileDate) existing.delete("answeredAt");
      else setScalar(existing, "answeredAt", a.answeredAt, true);
    } else if (changed) {
      existing.delete("answeredAt");
    }
    if (a.reason !== undefined) setScalar(existing, "reason", a.reason, true);
    if (a.comment !== undefined) setScalar(existing, "comment", a.comment, true);
  }
  if (map.flow && map.items.length > 0) map.flow = false;

  const text = doc.toString({ lineWidth: 0 });
  // Only a change of content counts: re-rendering alone (e.g. spacing inside a flow list) is no reason to write.
  const changed = isNew || JSON.stringify(parseDocument(input.existingText!).toJS()) !== JSON.stringify(doc.toJS());
  return { text, changed };
}

function newDocument(input: MergeInput): Document {
  const doc = new Document(new YAMLMap());
  const root = doc.contents as YAMLMap;
  doc.commentBefore = ` Answers of ${input.vendorId} to the caution questionnaire, imported with caution answers import.`;
  root.set("id", input.vendorId);
  root.set("name", quoted(input.name));
  root.set("questionnaireVersion", input.version);
  root.set("answeredAt", quoted(input.answeredAt ?? input.defaultAnsweredAt));
  root.set("answers", new YAMLMap());
  return doc;
}

function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === "string" ? node.value : undefined;
}

/** Sets a string value, keeping the existing node (and its comments and quoting) when there is one. */
function setScalar(map: YAMLMap, key: string, value: string, quote: boolean): void {
  const node = map.get(key, true);
  if (isScalar(node)) {
    if (node.value === value) return;
    node.value = value;
    if (quote && node.type !== Scalar.QUOTE_SINGLE) node.type = Scalar.QUOTE_DOUBLE;
    return;
  }
  map.set(key, quote ? quoted(value) : value);
}

function newAnswerNode(a: ImportedAnswer, fileDate: string | undefined): YAMLMap {
  const node = new YAMLMap();
  node.set("answer", AMBIGUOUS.test(a.answer) ? quoted(a.answer) : a.answer);
  if (a.evidence && a.evidence.length > 0) node.set("evidence", evidenceNode(a.evidence));
  if (a.answeredAt !== undefined && a.answeredAt !== fileDate) node.set("answeredAt", quoted(a.answeredAt));
  if (a.reason !== undefined) node.set("reason", quoted(a.reason));
  if (a.comment !== undefined) node.set("comment", quoted(a.comment));
  return node;
}

/** Evidence as the demo files write it: a block list of one-line flow maps. */
function evidenceNode(evidence: readonly Evidence[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const e of evidence) {
    const item = new YAMLMap();
    item.flow = true;
    item.set("document", quoted(e.document));
    if (e.section !== undefined) item.set("section", quoted(e.section));
    if (e.url !== undefined) item.set("url", quoted(e.url));
    if (e.date !== undefined) item.set("date", quoted(e.date));
    seq.items.push(item);
  }
  return seq;
}

function sameEvidence(node: unknown, evidence: readonly Evidence[]): boolean {
  const current = isSeq(node) ? (node.toJSON() as unknown[]) : [];
  const normal = (e: unknown) => {
    const r = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
    return JSON.stringify([r.document, r.section, r.url, r.date]);
  };
  return current.length === evidence.length && current.every((e, i) => normal(e) === normal(evidence[i]));
}

/** Inserts a top-level pair right after `key` (or at the end when the key is missing). */
function insertAfter(map: YAMLMap, key: string, pair: Pair): void {
  const index = map.items.findIndex((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  if (index === -1) map.items.push(pair);
  else map.items.splice(index + 1, 0, pair);
}

/** Inserts a new answer before the first existing answer that comes later in the questionnaire. */
function insertInOrder(map: YAMLMap, id: string, value: YAMLMap, rank: ReadonlyMap<string, number>): void {
  const mine = rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  const pair = new Pair(id, value);
  const index = map.items.findIndex((p) => {
    const key = isScalar(p.key) ? p.key.value : p.key;
    return (rank.get(String(key)) ?? Number.MAX_SAFE_INTEGER) > mine;
  });
  if (index === -1) map.items.push(pair);
  else map.items.splice(index, 0, pair);
}
