/**
 * What the hot paths report, when metrics are on. Each caller holds an `Instruments | undefined` and
 * calls it with `?.`, reading the clock only when it is defined: with METRICS_PORT unset a send pays
 * for one `undefined` check per hook and nothing else.
 */
export interface Instruments {
  /** One group commit: its wall time, how many messages it carried, and how many of them were new. */
  committed(seconds: number, batchSize: number, created: number): void;
  /** One socket event answered: `result` is "ok" or the refusal's catalogued code. */
  socketEvent(event: string, result: string, seconds: number): void;
  pushSent(result: PushResult): void;
  emailSent(result: EmailResult): void;
}

/** sent: the push service took it; gone: the subscription has expired; failed: tried again later (or dropped). */
export type PushResult = "sent" | "gone" | "failed";
export type EmailResult = "sent" | "failed";

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
