import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tempDir } from "../support/cli.js";
import type { Fill } from "./fill-plan.js";

/**
 * Real spreadsheet programs as test clients. Each gets its own temporary LibreOffice profile, so parallel runs never
 * share one (a shared profile makes a second soffice hand its work to the first and return at once).
 */
export const SOFFICE = "soffice";
export const SYSTEM_PYTHON = "/usr/bin/python3";

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 90_000 });
  if (r.error) throw new Error(`${what}: ${cmd} could not run (${r.error.message}); install it (see .ci/run)`);
  if (r.status !== 0) throw new Error(`${what}: ${cmd} exited ${r.status}: ${r.stderr}`);
}

export function libreOfficeProfile(): string {
  const dir = join(tempDir("caution-lo-"), "profile");
  run(SOFFICE, ["--headless", `-env:UserInstallation=${pathToFileURL(dir).href}`, "--terminate_after_init"], "profile");
  return dir;
}

/** Converts with LibreOffice headless, e.g. to "pdf" or "xlsx"; returns the path of the result. */
export function libreOfficeConvert(input: string, to: string, outDir: string, profile = libreOfficeProfile()): string {
  run(
    SOFFICE,
    [
      "--headless",
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--convert-to",
      to,
      "--outdir",
      outDir,
      input,
    ],
    "convert",
  );
  const out = join(outDir, input.replace(/^.*\//, "").replace(/\.[^.]+$/, `.${to.split(":")[0]}`));
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

/**
 * Opens the form in LibreOffice Calc, enters the fills as a person would (a list pick or text with setString, a
 * date typed with setFormula, which parses it as typed input, so it is stored as a date serial) and saves it as
 * .xlsx with Calc's own filter, all in one headless run of a Basic macro installed in a fresh profile.
 */
export function libreOfficeFill(input: string, output: string, fills: readonly Fill[]): void {
  const profile = libreOfficeProfile();
  const basic = join(profile, "user", "basic", "Standard");
  mkdirSync(basic, { recursive: true });
  writeFileSync(join(basic, "Module1.xba"), MACRO);
  const plan = join(tempDir(), "fills.tsv");
  // One fill per line; a line break inside a value travels as the two characters \n.
  writeFileSync(
    plan,
    fills.map((f) => [f.sheet, f.cell, f.kind, f.value.replace(/\n/g, "\\n"), ""].join("\t")).join("\n"),
  );
  const call = `macro:///Standard.Module1.Fill("${input}","${output}","${plan}")`;
  run(SOFFICE, ["--headless", `-env:UserInstallation=${pathToFileURL(profile).href}`, call], "fill");
  if (!existsSync(output)) throw new Error(`LibreOffice wrote no ${output}`);
}

/** Fills the form with openpyxl (python3-openpyxl, for the system Python) and saves it with openpyxl. */
export function openpyxlFill(input: string, output: string, fills: readonly Fill[]): void {
  const plan = join(tempDir(), "fills.json");
  writeFileSync(plan, JSON.stringify(fills));
  run(SYSTEM_PYTHON, [join(import.meta.dirname, "fill_openpyxl.py"), input, output, plan], "openpyxl");
}

const MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Fill(inPath As String, outPath As String, planPath As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, load())
  files = createUnoService(&quot;com.sun.star.ucb.SimpleFileAccess&quot;)
  stream = createUnoService(&quot;com.sun.star.io.TextInputStream&quot;)
  stream.setInputStream(files.openFileRead(ConvertToURL(planPath)))
  stream.setEncoding(&quot;UTF-8&quot;)
  Do While Not stream.isEOF()
    line = stream.readLine()
    If Len(line) &gt; 0 Then
      parts = Split(line, Chr(9))
      cell = doc.Sheets.getByName(parts(0)).getCellRangeByName(parts(1))
      value = Join(Split(parts(3), &quot;\\n&quot;), Chr(10))
      If parts(2) = &quot;date&quot; Then
        cell.setFormula(value)
      Else
        cell.setString(value)
      End If
    End If
  Loop
  stream.closeInput()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(outPath), store())
  doc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
`;
