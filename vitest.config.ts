import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Slow fault and corpus tests run with `npm run test:slow` (vitest.slow.config.ts).
    exclude: [...configDefaults.exclude, "test/slow/**"],
    // PDF rendering launches Chromium; on 2 cores more workers only contend.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
