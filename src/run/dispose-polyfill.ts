/**
 * `await using` needs Symbol.asyncDispose and Symbol.dispose, which Node.js defines from version 22 (24 has them
 * natively with AsyncDisposableStack). TypeScript's downlevel helpers look them up at run time; on Node 20 they are
 * the registered symbols below, the same ones Node 22+ and the TC39 proposal's polyfills use.
 */
const symbols = Symbol as { asyncDispose?: symbol; dispose?: symbol };
symbols.asyncDispose ??= Symbol.for("nodejs.asyncDispose");
symbols.dispose ??= Symbol.for("nodejs.dispose");

export {};
