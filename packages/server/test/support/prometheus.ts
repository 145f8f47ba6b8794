import { createRequire } from "node:module";

/** One family as parse-prometheus-text-format reads it: a counter's or gauge's value, or a histogram's buckets. */
export interface Family {
  name: string;
  help: string;
  type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
  metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string }[];
}

const parse = createRequire(import.meta.url)("parse-prometheus-text-format") as (text: string) => Family[];

/** Scrapes a /metrics URL and parses it with a Prometheus text-format parser (not ours). */
export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const text = await response.text();
  return new Scrape(text, parse(text));
}

export class Scrape {
  private readonly byName: Map<string, Family>;

  constructor(
    readonly text: string,
    families: Family[],
  ) {
    this.byName = new Map(families.map((family) => [family.name, family]));
  }

  family(name: string): Family {
    const found = this.byName.get(name);
    if (!found) throw new Error(`no ${name} in the scrape`);
    return found;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** A counter's or gauge's value for exactly these labels; 0 when the series does not exist yet. */
  value(name: string, labels: Record<string, string> = {}): number {
    const series = this.family(name).metrics.find((metric) => sameLabels(metric.labels ?? {}, labels));
    return series ? Number(series.value ?? series.count) : 0;
  }

  /** A histogram's count and sum (no labels). */
  histogram(name: string): { count: number; sum: number } {
    const series = this.family(name).metrics[0];
    return { count: Number(series?.count ?? 0), sum: Number(series?.sum ?? 0) };
  }

  /** Every label value in the scrape. */
  labelValues(): string[] {
    return [...this.byName.values()].flatMap((family) => family.metrics.flatMap((metric) => Object.values(metric.labels ?? {})));
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
