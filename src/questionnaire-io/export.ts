import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../load/input-issue.js";
import type { VendorFile } from "../schema/vendor.js";
import type { ValidQuestionnaire } from "../validate/questionnaire.js";
import { validateVendor } from "../validate/vendor.js";
import { buildForm } from "./columns.js";
import { formToCsv, formToHtml, formToMarkdown } from "./export-text.js";
import { formToXlsx } from "./export-xlsx.js";
import { readWorkspaceInfo, readYamlSource } from "./load.js";

export const EXPORT_FORMATS = ["xlsx", "csv", "html", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The questionnaire as a vendor-facing form in one format, pre-filled with a vendor's answers when given. */
export async function exportForm(
  format: ExportFormat,
  questionnaire: ValidQuestionnaire,
  vendor?: VendorFile,
): Promise<string | Uint8Array> {
  const form = buildForm(questionnaire, vendor);
  switch (format) {
    case "xlsx":
      return formToXlsx(form);
    case "csv":
      return formToCsv(form);
    case "html":
      return formToHtml(form);
    case "md":
      return formToMarkdown(form);
  }
}

/**
 * A vendor's current answers for a re-assessment form: `<ws>/vendors/<id>.yaml`, checked as `caution validate`
 * checks it (dates against the workspace as-of date, or today without a workspace).
 */
export async function loadVendorAnswers(
  ws: string,
  id: string,
  questionnaire: ValidQuestionnaire,
  today: string,
): Promise<VendorFile> {
  const path = join(ws, "vendors", `${id}.yaml`);
  if (!existsSync(path)) {
    throw new InputError([
      {
        file: path,
        message: `not found: ${id} has no answers in ${ws}; export without --vendor for a blank form, or pass the workspace with --ws`,
      },
    ]);
  }
  const info = await readWorkspaceInfo(ws);
  const read = await readYamlSource(path);
  if (!read.source) throw new InputError(read.issues);
  const valid = validateVendor(read.source, id, questionnaire, info.asOf ?? today);
  if (!valid.vendor) throw new InputError(valid.issues);
  return valid.vendor;
}
