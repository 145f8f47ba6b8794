import { dataset } from "../lib/datasets.js";
import { NatterApi } from "../lib/natterApi.js";
import { startNatter } from "../lib/servers.js";
import { latencySummary } from "../lib/stats.js";

export interface SearchResult {
  messages: number;
  builtSeconds?: number;
  queries: Record<string, { p50: number; p99: number; count: number; hits: number }>;
}

/** Issue 5 promises answers in under 100 ms: GET /api/search over a SQLite room of `messages` messages. */
export const SEARCH_QUERIES = { english: "pull request", chinese: "数据库迁移" };

export async function runSearch(messages: number, samples: number): Promise<SearchResult> {
  const data = dataset("search", messages);
  const server = await startNatter({ dataDir: data.dataDir });
  const queries: SearchResult["queries"] = {};
  try {
    const api = new NatterApi(server.port);
    const token = await api.guest(`seeker${Date.now() % 1_000_000}`);
    for (const [language, q] of Object.entries(SEARCH_QUERIES)) {
      const url = `${api.base}/api/search?q=${encodeURIComponent(q)}`;
      const timings: number[] = [];
      let hits = 0;
      for (let i = 0; i < samples + 3; i++) {
        const started = performance.now();
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { results?: unknown[] };
        if (!response.ok) throw new Error(`search answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
        if (i >= 3) timings.push(performance.now() - started);
        hits = body.results?.length ?? 0;
      }
      queries[language] = { ...latencySummary(timings), hits };
    }
  } finally {
    await server.stop();
  }
  return { messages, builtSeconds: data.builtSeconds, queries };
}
