export type GridMove = "left" | "right" | "up" | "down";

/**
 * Arrow-key movement in a grid made of sections (recently used, then all), each starting on a new row:
 * up and down keep the column, crossing into the previous or next section's nearest row.
 */
export function moveInGrid(sectionSizes: readonly number[], columns: number, current: number, move: GridMove): number {
  const total = sectionSizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return 0;
  if (move === "left") return Math.max(0, current - 1);
  if (move === "right") return Math.min(total - 1, current + 1);
  const { section, offset, start } = locate(sectionSizes, current);
  const size = sectionSizes[section] ?? 0;
  const column = offset % columns;
  if (move === "down") {
    if (offset + columns < size) return current + columns;
    const lastRowStart = Math.floor((size - 1) / columns) * columns;
    if (offset < lastRowStart) return start + size - 1;
    const next = nextNonEmpty(sectionSizes, section, 1);
    if (next === undefined) return current;
    return sectionStart(sectionSizes, next) + Math.min(column, (sectionSizes[next] ?? 1) - 1);
  }
  if (offset - columns >= 0) return current - columns;
  const previous = nextNonEmpty(sectionSizes, section, -1);
  if (previous === undefined) return current;
  const previousSize = sectionSizes[previous] ?? 1;
  const previousLastRow = Math.floor((previousSize - 1) / columns) * columns;
  return sectionStart(sectionSizes, previous) + Math.min(previousLastRow + column, previousSize - 1);
}

interface GridPosition {
  section: number;
  offset: number;
  start: number;
}

function locate(sectionSizes: readonly number[], flatIndex: number): GridPosition {
  let start = 0;
  for (const [section, size] of sectionSizes.entries()) {
    if (flatIndex < start + size) return { section, offset: flatIndex - start, start };
    start += size;
  }
  const last = sectionSizes.length - 1;
  const lastSize = sectionSizes[last] ?? 0;
  return { section: last, offset: lastSize - 1, start: start - lastSize };
}

function sectionStart(sectionSizes: readonly number[], section: number): number {
  return sectionSizes.slice(0, section).reduce((sum, size) => sum + size, 0);
}

function nextNonEmpty(sectionSizes: readonly number[], from: number, step: 1 | -1): number | undefined {
  for (let section = from + step; section >= 0 && section < sectionSizes.length; section += step) {
    if ((sectionSizes[section] ?? 0) > 0) return section;
  }
  return undefined;
}
