/** The q-th quantile (0..1) of the samples, nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function latencySummary(samples: readonly number[]): { p50: number; p99: number; count: number } {
  return { p50: round(quantile(samples, 0.5)), p99: round(quantile(samples, 0.99)), count: samples.length };
}
