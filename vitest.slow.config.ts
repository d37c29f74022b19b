import { defineConfig } from "vitest/config";

/**
 * `npm run test:slow`: browser faults (killed, hung, interrupted mid-batch) and the naughty-strings corpus through
 * whole workspace runs. Each test starts the real CLI and Chromium, so they take seconds each; CI runs them after
 * `npm test`.
 */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    // Two files at a time on two cores; each test watches its own CLI's process tree, so they do not interfere.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
