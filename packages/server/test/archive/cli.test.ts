import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { settingSpecs } from "../../src/settings.js";
import { startNatter } from "../support/server.js";
import { populate } from "./support.js";

const cli = resolve(import.meta.dirname, "../../dist/cli.js");
const folder = mkdtempSync(join(tmpdir(), "natter-archive-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function natter(args: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const spec of Object.values(settingSpecs)) delete env[spec.env];
  return spawnSync(process.execPath, [cli, ...args], { env: { ...env, DATA_DIR: dataDir }, encoding: "utf8", timeout: 60_000 });
}

describe("natter export and natter import natter", { timeout: 120_000 }, () => {
  it("exports a room of a running server and imports it elsewhere, saying what it did in one line", async () => {
    const source = await startNatter({ dataDir: join(folder, "source") });
    try {
      await populate(source.url);
      const archive = join(folder, "design.zip");
      const exported = natter(["export", "--room", "design", "--to", archive], source.dataDir);
      expect(exported.stderr).toBe("");
      expect(exported.stdout).toBe(`natter: exported 1 room(s), 7 message(s), 2 file(s) and 2 user(s) to ${archive}\n`);
      expect(existsSync(`${archive}.part`)).toBe(false);

      const target = join(folder, "target");
      const imported = natter(["import", "natter", archive], target);
      expect(imported.status).toBe(0);
      expect(imported.stdout).toBe("natter: imported 7 message(s) into 1 room(s) for 2 user(s); 0 were already here\n");
      const again = natter(["import", "natter", archive], target);
      expect(again.stdout).toBe("natter: imported 0 message(s) into 1 room(s) for 2 user(s); 7 were already here\n");
    } finally {
      await source.cleanup();
      rmSync(join(folder, "source"), { recursive: true, force: true });
    }
  });

  it("refuses a bad archive, an unknown format word and a missing room with one line and exit status 2", () => {
    const junk = join(folder, "junk.zip");
    writeFileSync(junk, "not a zip");
    const dataDir = join(folder, "empty");
    const refused = natter(["import", "natter", junk], dataDir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^natter: refused .*junk\.zip: not a readable zip archive \(.+\)\n$/);

    const unknown = natter(["import", "mbox", junk], dataDir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('natter: unknown import format "mbox" (expected slack or natter)\n');

    const missing = natter(["export", "--room", "nowhere", "--to", join(folder, "nowhere.zip")], dataDir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('natter: no room is called "nowhere"\n');
    expect(existsSync(join(folder, "nowhere.zip"))).toBe(false);
    expect(existsSync(join(folder, "nowhere.zip.part"))).toBe(false);

    const both = natter(["export", "--room", "general", "--all", "--to", join(folder, "x.zip")], dataDir);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe("natter: export needs either --room NAME or --all\n");
  });
});
