import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a stale build can never hide a change.
    alias: { "@natter/protocol": source("protocol"), "@natter/client": source("client") },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // Type tests (`*.test-d.ts`): a wrong payload must not compile. tsc checks them against the sources.
    typecheck: { enabled: true, include: ["packages/*/test/**/*.test-d.ts"], tsconfig: "tsconfig.tests.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
  },
});
