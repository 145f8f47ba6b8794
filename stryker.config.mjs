// Mutation testing (`npm run mutate`): do the tests notice when the domain or the message writers are
// changed? Too slow for CI (hours over the whole scope); run it by hand, or narrow it, e.g.
//   npm run mutate -- --mutate packages/server/src/domain/mentions.ts
// With DATABASE_URL set, the PostgreSQL writer is tested too; without it its mutants survive.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.config.ts", related: true },
  mutate: [
    "packages/server/src/domain/**/*.ts",
    "packages/server/src/storage/messageWriter.ts",
    "packages/server/src/storage/sqliteMessageWriter.ts",
    "packages/server/src/storage/postgresMessageWriter.ts",
  ],
  coverageAnalysis: "perTest",
  // The machine is shared: one mutant at a time.
  concurrency: 1,
  // A mutant that hangs (a loop that never ends) fails after this much longer than the tests took unmutated.
  timeoutMS: 10_000,
  // Reuses the results for code and tests that did not change since the last run (reports/stryker-incremental.json).
  incremental: true,
  ignorePatterns: ["bench/results", "packages/web/dist", "packages/*/dist", "data", "test-results", "reports"],
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
