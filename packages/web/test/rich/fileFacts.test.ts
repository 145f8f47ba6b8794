import { describe, expect, it } from "vitest";
import { fileIcon, humanSize, thumbnailSize } from "../../src/attachments/fileFacts.js";

const UNITS = ["B", "KB", "MB", "GB"];

describe("file cards and thumbnails", () => {
  it("shows sizes the way file managers do", () => {
    expect(humanSize(0, UNITS)).toBe("0 B");
    expect(humanSize(1023, UNITS)).toBe("1023 B");
    expect(humanSize(1536, UNITS)).toBe("1.5 KB");
    expect(humanSize(25 * 1024 * 1024, UNITS)).toBe("25 MB");
    expect(humanSize(5 * 1024 ** 4, UNITS)).toBe("5120 GB");
  });

  it("gives a PDF, an archive and an unknown type different icons", () => {
    const icons = new Set(["application/pdf", "application/zip", "application/octet-stream"].map(fileIcon));
    expect(icons.size).toBe(3);
  });

  it("draws a thumbnail at its final size before it loads, keeping the image's shape", () => {
    expect(thumbnailSize(4000, 3000)).toEqual({ width: 240, height: 180 });
    expect(thumbnailSize(1000, 4000)).toEqual({ width: 45, height: 180 });
    expect(thumbnailSize(100, 50)).toEqual({ width: 100, height: 50 });
    expect(thumbnailSize(null, null)).toEqual({ width: 240, height: 180 });
  });
});
