import { fileURLToPath } from "node:url";

/** The repository root, five folders up from here. */
export const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));

/** The built server's command line, as operators run it. */
export const cliPath = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
