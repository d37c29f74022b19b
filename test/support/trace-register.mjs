// `node --import ./test/support/trace-register.mjs dist/cli.js ...`: records every module the CLI loads.
import { register } from "node:module";

register("./trace-hooks.mjs", import.meta.url);
