import { describe, expect, it } from "vitest";
import { moveInGrid, type GridMove } from "../../src/content/emojiGrid";

// Recently used: 5 emoji (one short row); all emoji: 20 (rows of 8, 8, 4). Flat positions 0–4, then 5–24.
const SECTIONS = [5, 20];
const COLUMNS = 8;
const move = (from: number, direction: GridMove) => moveInGrid(SECTIONS, COLUMNS, from, direction);

describe("arrow keys in the emoji grid", () => {
  it("left and right step through the emoji and stop at either end", () => {
    expect(move(0, "left")).toBe(0);
    expect(move(0, "right")).toBe(1);
    expect(move(4, "right")).toBe(5);
    expect(move(24, "right")).toBe(24);
  });

  it("down keeps the column, from the recent row into the first row of all emoji", () => {
    expect(move(2, "down")).toBe(5 + 2);
    expect(move(5 + 3, "down")).toBe(5 + 11);
  });

  it("down from a column the short last row lacks lands on the last emoji, then stays", () => {
    expect(move(5 + 14, "down")).toBe(24);
    expect(move(24, "down")).toBe(24);
  });

  it("up keeps the column, into the recent row's nearest emoji", () => {
    expect(move(5 + 11, "up")).toBe(5 + 3);
    expect(move(5 + 2, "up")).toBe(2);
    expect(move(5 + 7, "up")).toBe(4);
    expect(move(3, "up")).toBe(3);
  });

  it("skips an empty recent section and copes with an empty grid", () => {
    expect(moveInGrid([0, 20], COLUMNS, 3, "up")).toBe(3);
    expect(moveInGrid([0, 0], COLUMNS, 0, "down")).toBe(0);
  });
});
