import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashToken, newSessionToken } from "../../src/domain/tokens.js";

describe("session tokens", () => {
  it("a token carries 256 random bits and is never repeated", () => {
    const tokens = Array.from({ length: 200 }, newSessionToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("only the SHA-256 of a token is stored, the same every time and different from the token", () => {
    const token = newSessionToken();
    const stored = hashToken(token);
    expect(stored).toBe(createHash("sha256").update(token).digest("base64url"));
    expect(hashToken(token)).toBe(stored);
    expect(stored).not.toBe(token);
    expect(hashToken(newSessionToken())).not.toBe(stored);
  });
});
