import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NatterError } from "@natter/client";
import { afterAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../support/people.js";
import { startNatter } from "../support/server.js";

describe("when SQLite's space runs out", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "natter-full-"));
  afterAll(() => {
    closeAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends answer STORAGE_FULL with nothing half-written, reads go on, and sends work again once there is room", async () => {
    const small = await startNatter({ dataDir, sqliteMaxMb: 1 });
    const alice = await member(small.url, "alice");
    await alice.join("general");

    const acked: number[] = [];
    let refusal: unknown;
    const text = "数据".repeat(1_500);
    for (let i = 0; i < 2_000 && refusal === undefined; i++) {
      await alice.send("general", text, { clientMsgId: `fill-${i}`, giveUpAfterMs: 5_000 }).then(
        (message) => acked.push(message.seq),
        (error: unknown) => void (refusal = error),
      );
    }
    expect(refusal).toBeInstanceOf(NatterError);
    expect((refusal as NatterError).code).toBe("STORAGE_FULL");
    expect(acked.length).toBeGreaterThan(10);

    const history = await alice.history("general", { limit: 100 });
    const seqs = history.messages.map((message) => message.seq);
    expect(seqs.at(-1)).toBe(acked.at(-1));
    expect(seqs).toEqual(acked.slice(-seqs.length));
    await small.stop();

    const roomier = await startNatter({ dataDir, sqliteMaxMb: 64 });
    const again = await member(roomier.url, "bob");
    await again.join("general");
    const next = await again.send("general", "there is room again");
    expect(next.seq).toBe((acked.at(-1) ?? 0) + 1);
    again.close();
    await roomier.stop();
  }, 120_000);
});
