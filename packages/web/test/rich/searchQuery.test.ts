import { searchQuerySchema } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { emptySearchForm, toSearchQuery } from "../../src/search/searchQuery.js";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("the search form", () => {
  it("sends only the filters the user filled in", () => {
    expect(toSearchQuery({ ...emptySearchForm, q: "  数据库 " })).toEqual({ q: "数据库" });
    expect(toSearchQuery({ ...emptySearchForm, q: "deploy", room: "design", author: "@bob", hasFile: true }, 42)).toEqual({
      q: "deploy",
      room: "design",
      author: "bob",
      hasFile: "true",
      before: 42,
    });
  });

  it("includes the whole of the 'before' day, and the server accepts both dates", () => {
    const query = toSearchQuery({ ...emptySearchForm, q: "x", from: "2026-03-01", to: "2026-03-01" });
    const parsed = searchQuerySchema.parse(query);
    expect(parsed.from).toBe(query.from);
    expect(Date.parse(String(query.to)) - Date.parse(String(query.from))).toBe(DAY_MS);
  });
});
