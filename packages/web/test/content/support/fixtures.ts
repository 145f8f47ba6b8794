import { readFileSync } from "node:fs";

export interface MarkdownFixture {
  name: string;
  input: string;
  html: string;
}

/** The shared fixture file of markdown inputs and the exact HTML each must render to. */
export function readMarkdownFixtures(): MarkdownFixture[] {
  const parsed: unknown = JSON.parse(readFileSync(new URL("../markdown.fixtures.json", import.meta.url), "utf8"));
  if (!Array.isArray(parsed) || !parsed.every(isFixture)) {
    throw new Error("markdown.fixtures.json must be [{ name, input, html }]");
  }
  return parsed;
}

function isFixture(value: unknown): value is MarkdownFixture {
  if (typeof value !== "object" || value === null) return false;
  const { name, input, html } = value as Record<string, unknown>;
  return typeof name === "string" && typeof input === "string" && typeof html === "string";
}
