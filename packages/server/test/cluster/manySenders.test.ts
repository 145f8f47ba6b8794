import type { NatterClient } from "@natter/client";
import type { HistoryPage, Message } from "@natter/protocol";
import { expect, it } from "vitest";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { CAST } from "./support/cast.js";
import { History } from "./support/history.js";
import { waitFor } from "../support/wait.js";

const EACH = 100;
const TOTAL = CAST.length * EACH;
const IN_FLIGHT = 4;

/** The whole room as the REST API pages it out: `after` the last seq, 100 at a time. */
async function pagedThroughApi(client: NatterClient, room: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (let page: HistoryPage | undefined; !page || page.hasNewer;) {
    page = await client.history(room, { after: messages.at(-1)?.seq ?? 0, limit: 100 });
    messages.push(...page.messages);
  }
  return messages;
}

describeCluster("twenty people sending at once on two nodes", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });

  it("everyone sees the same 2,000 messages as the database, numbered 1 to 2,000 with no gaps or repeats", async () => {
    const [nodeA, nodeB] = [cluster().node("A"), cluster().node("B")];
    const history = new History();
    const people = await Promise.all(CAST.map((name, i) => cluster().person(name, i % 2 === 0 ? nodeA : nodeB)));
    await people[0]?.createRoom("design");
    for (const [i, person] of people.entries()) history.watch(CAST[i] ?? "", person);
    await Promise.all(people.map((person, i) => history.join(CAST[i] ?? "", person, "design")));

    // Each person keeps a few sends in flight, as someone pasting lines or a bot would.
    await Promise.all(
      people.flatMap((person, i) =>
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let n = 0; n < EACH / IN_FLIGHT; n++) await history.send(CAST[i] ?? "", person, "design");
        }),
      ),
    );
    await waitFor("everyone has been shown all 2,000", () => {
      for (const name of CAST) expect(history.view(name, "design"), name).toHaveLength(TOTAL);
    });

    const stored = await cluster().database.roomMessages("design");
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    const throughA = await pagedThroughApi(people[0] as NatterClient, "design");
    const throughB = await pagedThroughApi(people[1] as NatterClient, "design");
    expect(throughA.map((m) => [m.seq, m.id])).toEqual(stored.map((m) => [m.seq, m.id]));
    expect(throughB.map((m) => [m.seq, m.id])).toEqual(stored.map((m) => [m.seq, m.id]));
    for (const name of CAST) expect(history.view(name, "design"), name).toEqual(stored.map((m) => ({ seq: m.seq, id: m.id })));
    const audit = await history.audit(cluster().database, ["design"]);
    expect(audit.problems).toEqual([]);
    expect(audit).toMatchObject({ acked: TOTAL, stored: TOTAL });
  }, 90_000);
});
