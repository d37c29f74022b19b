#!/usr/bin/env node
import { Command, type CommanderError } from "commander";
import { registerAnswers } from "./cli/commands/answers.js";
import { registerCatalogue } from "./cli/commands/catalogue.js";
import { registerDiff } from "./cli/commands/diff.js";
import { registerDoctor } from "./cli/commands/doctor.js";
import { registerFindings } from "./cli/commands/findings.js";
import { registerIncidents } from "./cli/commands/incidents.js";
import { registerInit } from "./cli/commands/init.js";
import { registerQuestionnaire } from "./cli/commands/questionnaire.js";
import { registerReport } from "./cli/commands/report.js";
import { registerSchema } from "./cli/commands/schema.js";
import { registerScore } from "./cli/commands/score.js";
import { registerValidate } from "./cli/commands/validate.js";
import { registerVerify } from "./cli/commands/verify.js";
import { EXIT } from "./run/exit-codes.js";
import { VERSION } from "./version.js";

const program = new Command()
  .name("caution")
  .description("How much outage risk a cloud provider's AI agents put on you, and how little of it the SLA covers.")
  .version(VERSION)
  // Given before or after the command's name: `caution -q score ws` and `caution score ws -q` both work.
  .option("-q, --quiet", "no progress on stderr (warnings and errors still show)")
  .configureHelp({ showGlobalOptions: true })
  // One line pointing at the help, not the whole help under the error, which pushed the error off the screen.
  .showHelpAfterError("(caution --help lists the commands; caution <command> --help, its options and examples)")
  // A wrong flag or a missing argument is invalid input (exit 2), like a wrong field in a file.
  .exitOverride((err: CommanderError) => {
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.invalidInput);
  });

registerInit(program);
registerValidate(program);
registerScore(program);
registerReport(program);
registerFindings(program);
registerDiff(program);
registerIncidents(program);
registerSchema(program);
registerCatalogue(program);
registerQuestionnaire(program);
registerAnswers(program);
registerVerify(program);
registerDoctor(program);

await program.parseAsync(process.argv);
