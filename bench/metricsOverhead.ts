import { writeFileSync } from "node:fs";
import { freePort, startNatter } from "./lib/servers.js";
import { runFanout, type FanoutResult } from "./scenarios/fanout.js";
import { sizes } from "./sizes.js";

/**
 * `npx tsx bench/metricsOverhead.ts [rounds] [scrape seconds]`: load A (500 members, 100 msg/s, 10 s) against
 * Natter with and without METRICS_PORT, in alternating rounds of one run, each with a fresh server; with metrics
 * on, /metrics is scraped every `scrape seconds` (default 15, a common Prometheus interval; the first scrape comes
 * at once, so each run has at least one). Reports the server's CPU of each, as the median of the rounds.
 */
const rounds = Number(process.argv[2] ?? 3);
const scrapeMs = Number(process.argv[3] ?? 15) * 1000;
const loadA = sizes.full.fanout[0];
if (!loadA) throw new Error("no load A in bench/sizes.ts");

interface Round {
  metrics: boolean;
  result: FanoutResult;
  scrapes: number;
}

const results: Round[] = [];
for (let round = 0; round < rounds; round++) {
  // Alternate which goes first, so a drift in the machine's load favours neither.
  for (const metrics of round % 2 === 0 ? [false, true] : [true, false]) {
    const metricsPort = await freePort();
    const server = await startNatter({ env: metrics ? { METRICS_PORT: String(metricsPort) } : {} });
    let scrapes = 0;
    const scrape = () =>
      void fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(async (response) => {
        await response.text();
        if (response.ok) scrapes++;
      });
    const scraper = metrics ? setInterval(scrape, scrapeMs) : undefined;
    if (metrics) setTimeout(scrape, 2_000);
    try {
      const result = await runFanout(server, loadA, `o${round}${metrics ? "m" : "n"}`);
      results.push({ metrics, result, scrapes });
      const perDelivery = (result.serverCpuSeconds / Math.max(1, result.deliveries)) * 1e6;
      console.log(
        `round ${round + 1} ${metrics ? "with   " : "without"} metrics: ${result.deliveries}/${result.expected} delivered, server CPU ${result.serverCpuSeconds} s (${perDelivery.toFixed(2)} µs per delivery), ack p99 ${result.ackLatencyMs.p99} ms${metrics ? `, ${scrapes} scrapes` : ""}`,
      );
    } finally {
      clearInterval(scraper);
      await server.stop();
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const cpu = (metrics: boolean) => median(results.filter((r) => r.metrics === metrics).map((r) => r.result.serverCpuSeconds));
const [off, on] = [cpu(false), cpu(true)];
const summary = {
  load: loadA.name,
  rounds,
  scrapeSeconds: scrapeMs / 1000,
  serverCpuSecondsMedian: { without: off, with: on },
  overheadPercent: Math.round(((on - off) / off) * 1000) / 10,
  results,
};
console.log(`load A (${loadA.name}): median server CPU ${off} s without metrics, ${on} s with: ${summary.overheadPercent}%`);
writeFileSync(`bench/results/${new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)}Z-metrics-overhead.json`, `${JSON.stringify(summary, null, 2)}\n`);
