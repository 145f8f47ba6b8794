import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const CONTENT_ENTRY = fileURLToPath(new URL("../../src/content/index.ts", import.meta.url));
const LAZY = /node_modules\/(?:emojibase-data|highlight\.js)\//;

/** Which source files end up in the chunk the page loads first, and which only in chunks fetched later. */
async function splitBundle(): Promise<{ first: string[]; later: string[] }> {
  const { metafile } = await build({
    entryPoints: [CONTENT_ENTRY],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    jsx: "automatic",
    outdir: "/virtual-out",
    write: false,
    metafile: true,
    loader: { ".css": "empty" },
    logLevel: "silent",
  });
  const outputs = (metafile as Metafile).outputs;
  // The first download is the entry chunk and every chunk it imports statically; dynamic imports come later.
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint?.endsWith("src/content/index.ts"));
  const firstChunks = new Set<string>();
  const visit = (path: string | undefined) => {
    if (path === undefined || firstChunks.has(path)) return;
    firstChunks.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entry);
  const inputsOf = (paths: string[]) => paths.flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
  const jsChunks = Object.keys(outputs).filter((path) => path.endsWith(".js"));
  return { first: inputsOf([...firstChunks]), later: inputsOf(jsChunks.filter((path) => !firstChunks.has(path))) };
}

describe("what the first page downloads", () => {
  it("leaves emoji data and highlight.js out of the first chunk, loading them only when needed", async () => {
    const { first, later } = await splitBundle();
    expect(first.filter((input) => LAZY.test(input))).toEqual([]);
    expect(first.some((input) => input.includes("node_modules/markdown-it/"))).toBe(true);
    expect(later).toEqual(
      expect.arrayContaining([
        expect.stringContaining("node_modules/emojibase-data/en/data.json"),
        expect.stringContaining("node_modules/emojibase-data/zh/data.json"),
        expect.stringMatching(/node_modules\/highlight\.js\/es\/core\.js$/),
      ]),
    );
  });
});
