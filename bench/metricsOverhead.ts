import { writeFileSync } from "node:fs";
import { freePort, startNatter } from "./lib/servers.js";
import { runFanout, type FanoutResult } from "./scenarios/fanout.js";
import { sizes } from "./sizes.js";

/**
 * `npx tsx bench/metricsOverhead.ts [rounds] [scrape seconds]`: load A (500 members, 100 msg/s, 10 s) against two
 * fresh Natter servers at once, one with METRICS_PORT and one without, each with its own load generator. Run side
 * by side, both meet the same contention from whatever else the machine runs (a starved server batches more and
 * so spends less CPU per delivery: rounds run one after the other differed by 3× on a busy machine). The one with
 * metrics is scraped every `scrape seconds` (default 15, a common Prometheus interval), and once at the start.
 * Reports each round's server CPU and the median of the per-round ratios.
 */
const rounds = Number(process.argv[2] ?? 5);
const scrapeMs = Number(process.argv[3] ?? 15) * 1000;
const loadA = sizes.full.fanout[0];
if (!loadA) throw new Error("no load A in bench/sizes.ts");

interface Round {
  without: FanoutResult;
  with: FanoutResult;
  scrapes: number;
  overheadPercent: number;
}

const results: Round[] = [];
for (let round = 0; round < rounds; round++) {
  const metricsPort = await freePort();
  const [plain, measured] = await Promise.all([startNatter(), startNatter({ env: { METRICS_PORT: String(metricsPort) } })]);
  let scrapes = 0;
  const scrape = () =>
    void fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(async (response) => {
      await response.text();
      if (response.ok) scrapes++;
    });
  const scraper = setInterval(scrape, scrapeMs);
  setTimeout(scrape, 2_000);
  try {
    const [without, withMetrics] = await Promise.all([runFanout(plain, loadA, `o${round}n`), runFanout(measured, loadA, `o${round}m`)]);
    const overheadPercent = Math.round(((withMetrics.serverCpuSeconds - without.serverCpuSeconds) / without.serverCpuSeconds) * 1000) / 10;
    results.push({ without, with: withMetrics, scrapes, overheadPercent });
    console.log(
      `round ${round + 1}: server CPU ${without.serverCpuSeconds} s without metrics, ${withMetrics.serverCpuSeconds} s with (${overheadPercent}%); delivered ${without.deliveries} and ${withMetrics.deliveries} of ${without.expected}; ${scrapes} scrapes`,
    );
  } finally {
    clearInterval(scraper);
    await Promise.all([plain.stop(), measured.stop()]);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ratios = results.map((r) => r.overheadPercent);
const summary = { load: loadA.name, rounds, scrapeSeconds: scrapeMs / 1000, medianOverheadPercent: median(ratios), overheadPercentByRound: ratios, results };
console.log(`load A (${loadA.name}): median overhead of metrics ${summary.medianOverheadPercent}% of server CPU (rounds: ${ratios.join(", ")})`);
writeFileSync(`bench/results/${new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)}Z-metrics-overhead.json`, `${JSON.stringify(summary, null, 2)}\n`);
