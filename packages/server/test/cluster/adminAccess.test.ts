import { NatterClient, NatterError } from "@natter/client";
import { expect, it } from "vitest";
import { eventually } from "../support/wait.js";
import { describeCluster, useCluster } from "./support/describeCluster.js";

const PASSWORD = "correct horse battery";

describeCluster("the console's changes reach every node", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });

  async function adminOn(url: string): Promise<NatterClient> {
    const boss = new NatterClient({ url });
    const user = await boss.register(`boss${Date.now()}`, PASSWORD);
    await cluster().database.query("update users set role = 'admin' where id = $1", [user.id]);
    return boss;
  }

  it("deactivating someone on node A closes their sockets on node B within a second", async () => {
    const admin = await adminOn(cluster().node("A").url);
    const dee = new NatterClient({ url: cluster().node("B").url, transports: ["websocket"] });
    await dee.register("dee", PASSWORD);
    await dee.connect();
    const statuses: string[] = [];
    dee.on("status", (status) => statuses.push(status));

    await admin.admin.updateUser("dee", { deactivated: true });
    const changedAt = performance.now();
    await eventually(() => expect(statuses).toContain("disconnected"), { timeoutMs: 1_000, intervalMs: 10 });
    expect(performance.now() - changedAt).toBeLessThan(1_000);
    const again = new NatterClient({ url: cluster().node("B").url });
    await expect(again.login("dee", PASSWORD)).rejects.toSatisfy((error) => error instanceof NatterError && error.code === "ACCOUNT_DISABLED");
    dee.close();
  });

  it("a settings change made on node A applies on node B within a second or so", async () => {
    const admin = await adminOn(cluster().node("A").url);
    const onB = new NatterClient({ url: cluster().node("B").url });
    expect((await onB.signInMethods()).registration).toBe("open");
    await admin.admin.updateSettings({ registration: "closed" });
    await eventually(async () => expect((await onB.signInMethods()).registration).toBe("closed"), { timeoutMs: 2_000 });
    await expect(new NatterClient({ url: cluster().node("B").url }).register("latecomer", PASSWORD)).rejects.toSatisfy(
      (error) => error instanceof NatterError && error.code === "REGISTRATION_CLOSED",
    );
    await admin.admin.updateSettings({ registration: "open" });
    await eventually(async () => expect((await onB.signInMethods()).registration).toBe("open"), { timeoutMs: 2_000 });
  });
});
