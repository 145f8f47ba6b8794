import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { settingSpecs } from "../../src/settings.js";
import { sampleExport } from "./support/sampleExport.js";
import { writeSlackExport } from "./support/slackExport.js";

const cli = join(resolve(import.meta.dirname, "../../../.."), "packages/server/dist/cli.js");
const folder = mkdtempSync(join(tmpdir(), "natter-slack-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** `natter …` as an operator runs it: stdin and stderr are not terminals here, so no progress bar is drawn. */
function natter(args: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const spec of Object.values(settingSpecs)) delete env[spec.env];
  return spawnSync(process.execPath, [cli, ...args], { env: { ...env, DATA_DIR: dataDir }, encoding: "utf8", timeout: 60_000 });
}

describe("natter import slack EXPORT.zip", () => {
  it("--dry-run reports what it would bring and writes no message; the real run brings it, and a rerun nothing", async () => {
    const path = join(folder, "export.zip");
    await writeSlackExport(path, sampleExport());
    const dataDir = join(folder, "data");

    const dry = natter(["import", "slack", path, "--dry-run"], dataDir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("Dry run: nothing was written");
    expect(dry.stdout).toContain("14 messages and 2 thread replies");
    expect(dry.stderr).toBe("");
    const count = () => {
      const db = new Database(join(dataDir, "natter.db"), { readonly: true });
      try {
        return (db.prepare("select count(*) as n from messages").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count()).toBe(0);

    const real = natter(["import", "slack", path], dataDir);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/^Imported:/);
    expect(real.stdout).toContain("general/2024-03-02.json: not readable JSON");
    expect(count()).toBe(16);

    const again = natter(["import", "slack", path], dataDir);
    expect(again.stdout).toContain("16 messages were there already");
    expect(count()).toBe(16);
  });

  it("refuses an unknown format and a missing file, with a message and no stack", () => {
    const dataDir = join(folder, "refusals");
    const format = natter(["import", "hipchat", "x.zip"], dataDir);
    expect([format.status, format.stderr]).toEqual([2, expect.stringContaining('unknown import format "hipchat"')]);
    const missing = natter(["import", "slack", join(folder, "nothing.zip")], dataDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^natter: .*nothing\.zip/);
  });
});
