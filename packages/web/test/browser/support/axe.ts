import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's violations inside `selector`, one line each (empty when the part of the page passes). */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not added as a script tag: the app's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(readFileSync(AXE, "utf8"));
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(within);
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes).slice(0, 600)}`);
  }, selector);
}
