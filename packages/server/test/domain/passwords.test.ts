import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "../../src/domain/passwords.js";

describe("password hashing", () => {
  it("passwords are hashed with argon2id at OWASP's parameters, read back from the stored hash", async () => {
    const stored = await hashPassword("correct horse battery");
    const [, algorithm, version, parameters, salt, digest] = stored.split("$");
    expect(algorithm).toBe("argon2id");
    expect(version).toBe("v=19");
    expect(Object.fromEntries((parameters ?? "").split(",").map((pair) => pair.split("=")))).toEqual({ m: "19456", t: "2", p: "1" });
    expect(Buffer.from(salt ?? "", "base64").length).toBeGreaterThanOrEqual(16);
    expect(digest?.length).toBeGreaterThan(0);
    expect(stored).not.toContain("correct horse battery");
  });

  it("the same password gets a different salt each time, and both hashes verify", async () => {
    const [first, second] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse battery")).toBe(true);
    expect(await verifyPassword(second, "correct horse battery")).toBe(true);
  });

  it("a wrong password, a broken hash and the decoy all answer false", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword(stored, "Correct horse battery")).toBe(false);
    expect(await verifyPassword("not a hash", "correct horse battery")).toBe(false);
    expect(await verifyAgainstDecoy("correct horse battery")).toBe(false);
  });
});
