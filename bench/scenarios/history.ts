import { dataset } from "../lib/datasets.js";
import { NatterApi } from "../lib/natterApi.js";
import { startNatter } from "../lib/servers.js";
import { latencySummary } from "../lib/stats.js";

export interface HistoryResult {
  messages: number;
  builtSeconds?: number;
  inProcessMs: { p50: number; p99: number; count: number };
  /** CPU per in-process page: unlike latency, it does not follow what the page cache happens to hold. */
  inProcessCpuUs: number;
  httpMs: { p50: number; p99: number; count: number };
}

const PAGE = 50;

/** A page of 50 before a random seq, from a room of `messages` messages: in process (ChatAPI) and over HTTP. */
export async function runHistory(messages: number, samples: number): Promise<HistoryResult> {
  const data = dataset("history", messages);
  const befores = Array.from({ length: samples }, () => PAGE + 1 + Math.floor(Math.random() * (messages - PAGE)));

  // Imported here so that a missing build is reported by run.ts instead of failing every scenario's import.
  const { createNatter } = await import("../../packages/server/dist/index.js");
  const natter = await createNatter({ dataDir: data.dataDir, logLevel: "silent" });
  const inProcess: number[] = [];
  let inProcessCpuUs = 0;
  try {
    for (const before of befores.slice(0, 50)) await natter.chat.getMessages({ room: "general", limit: PAGE, before });
    const cpuBefore = process.cpuUsage();
    for (const before of befores) {
      const started = performance.now();
      const page = await natter.chat.getMessages({ room: "general", limit: PAGE, before });
      inProcess.push(performance.now() - started);
      if (page.length !== PAGE) throw new Error(`history page before ${before} had ${page.length} messages`);
    }
    const cpu = process.cpuUsage(cpuBefore);
    inProcessCpuUs = Math.round((cpu.user + cpu.system) / befores.length);
  } finally {
    await natter.close();
  }

  const server = await startNatter({ dataDir: data.dataDir });
  const overHttp: number[] = [];
  try {
    const api = new NatterApi(server.port);
    const token = await api.guest(`reader${Date.now() % 1_000_000}`);
    const get = (before: number) =>
      fetch(`${api.base}/api/messages?room=general&limit=${PAGE}&before=${before}`, { headers: { authorization: `Bearer ${token}` } });
    for (const before of befores.slice(0, 50)) await (await get(before)).arrayBuffer();
    for (const before of befores) {
      const started = performance.now();
      const response = await get(before);
      await response.arrayBuffer();
      overHttp.push(performance.now() - started);
      if (!response.ok) throw new Error(`GET /api/messages answered ${response.status}`);
    }
  } finally {
    await server.stop();
  }
  return { messages, builtSeconds: data.builtSeconds, inProcessMs: latencySummary(inProcess), inProcessCpuUs, httpMs: latencySummary(overHttp) };
}
