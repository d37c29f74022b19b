import { cleanText } from "../load/clean-text.js";

/** Words shared by every stage's messages and the reports, so the same thing is always said the same way. */

/** "1 vendor", "2 vendors". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "low" -> "Low". */
export function ratingLabel(r: string): string {
  return capitalise(r);
}

/** The text with its first letter upper-case. */
export function capitalise(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * Untrusted text shown inside a message, quoted: invisible characters removed, on one line, cut at `max`
 * characters with an ellipsis. A pasted document or a hostile value can neither flood a message nor hide in it.
 */
export function quote(value: string, max = 60): string {
  const clean = cleanText(value).replace(/\s+/g, " ");
  return JSON.stringify(clean.length > max ? `${[...clean].slice(0, max - 1).join("")}…` : clean);
}

/** A value of unknown type in a message: strings quoted, numbers and booleans as they are, the rest by kind. */
export function describeValue(value: unknown, max = 60): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return quote(value, max);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

/** A parsed YAML or JSON value as a mapping: anything else reads as an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A share as every document prints it: one decimal ("0.4%", "4.0%"). Scoring's asks and every report use this one
 * function, so the same figure never reads "0%" in one place and "0.4%" in another.
 */
export function sharePercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** English month names, January first: reports and findings write dates as a reader says them. */
export const MONTHS: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
