import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where caution's own data lives (questionnaires, templates). Both the compiled `dist/load/` and the source
 * `src/load/` sit two levels below the package root, so the same relative step works for the CLI and the tests.
 */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const QUESTIONNAIRE_DIR = join(PACKAGE_ROOT, "questionnaires");
export const TEMPLATE_DIR = join(PACKAGE_ROOT, "templates");
export const CURRENT_QUESTIONNAIRE = join(QUESTIONNAIRE_DIR, "caution-v1.yaml");
