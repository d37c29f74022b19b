import { CautionError } from "../run/errors.js";
import { EXIT } from "../run/exit-codes.js";

/**
 * A problem with the user's input, located as precisely as the file format allows. Every stage that reads input
 * reports these instead of throwing, so one run can list every error at once.
 */
export interface InputIssue {
  /** Path as the user would type it: relative to the workspace when inside it. */
  file: string;
  /** 1-based line in a YAML or JSON file. */
  line?: number;
  /** 1-based CSV row, counting the header as row 1 (what a spreadsheet shows). */
  row?: number;
  /** Dotted path of the field, or the CSV column. */
  field?: string;
  message: string;
}

export function formatIssue(issue: InputIssue): string {
  const where = [issue.file];
  if (issue.row !== undefined) {
    where.push(`row ${issue.row}`);
    // Quoted line breaks make rows and lines differ; then both help to find the record.
    if (issue.line !== undefined && issue.line !== issue.row) where.push(`(line ${issue.line})`);
  } else if (issue.line !== undefined) {
    where.push(`line ${issue.line}`);
  }
  const field = issue.field ? ` ${issue.field}:` : "";
  return `${where.join(" ")}:${field} ${issue.message}`;
}

/** Thrown once, at the end of loading and validation, when any issue was found. Exit code 2. */
export class InputError extends CautionError {
  readonly exitCode = EXIT.invalidInput;
  override readonly name = "InputError";
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(`${issues.length} input error${issues.length === 1 ? "" : "s"}`);
    this.issues = issues;
  }

  /** Every issue on a line of its own, then the count and the promise that nothing was written. */
  override lines(): string[] {
    const n = this.issues.length;
    return [
      ...this.issues.map(formatIssue),
      `caution: ${n} error${n === 1 ? "" : "s"} in the input; nothing was written.`,
    ];
  }
}

export function compareIssues(a: InputIssue, b: InputIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0);
}
