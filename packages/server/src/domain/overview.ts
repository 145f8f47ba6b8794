import type { Overview } from "@natter/protocol";
import type { Domain } from "./context.js";

/** The console's first tab: counts read in three queries, and who is online from presence (every node's). */
export async function overview(domain: Domain): Promise<Overview> {
  const [counts, online] = await Promise.all([domain.store.overviewCounts(), domain.presence.online()]);
  return { ...counts, onlineNow: online.length };
}
