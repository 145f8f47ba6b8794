import { describe, expect, it } from "vitest";
import { looksLikeRecoveryCode, newRecoveryCodes, recoveryCodeHash } from "../../src/domain/twoFactor/recoveryCodes.js";
import { currentCode, matchingStep, newTotpSecret, totpUri } from "../../src/domain/twoFactor/totp.js";

// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32; its 8-digit codes end in these 6 digits.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP with a clock the test controls", () => {
  it("gives RFC 6238's codes at RFC 6238's times", () => {
    expect(currentCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(currentCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(currentCode(RFC_SECRET, 1_234_567_890_000)).toBe("005924");
  });

  it("takes a code in its own step and one step either side, not two", () => {
    const now = 1_700_000_000_000;
    const code = currentCode(RFC_SECRET, now);
    const step = Math.floor(now / 30_000);
    expect(matchingStep(RFC_SECRET, code, now)).toBe(step);
    expect(matchingStep(RFC_SECRET, code, now + 30_000)).toBe(step);
    expect(matchingStep(RFC_SECRET, code, now - 30_000)).toBe(step);
    expect(matchingStep(RFC_SECRET, code, now + 60_000)).toBeUndefined();
    expect(matchingStep(RFC_SECRET, code, now - 60_000)).toBeUndefined();
  });

  it("refuses what is not six digits", () => {
    const now = 1_700_000_000_000;
    for (const code of ["", "12345", "1234567", "abcdef", `${currentCode(RFC_SECRET, now)} `]) expect(matchingStep(RFC_SECRET, code, now)).toBeUndefined();
  });

  it("makes a fresh secret each time, and a URI an authenticator app reads", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    expect(totpUri(secret, "alice", "Natter")).toBe(`otpauth://totp/Natter:alice?secret=${secret}&issuer=Natter`);
  });
});

describe("recovery codes", () => {
  it("are ten different codes, hashed alike however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [code = ""] = codes;
    expect(recoveryCodeHash(code.toUpperCase().replace("-", ""))).toBe(recoveryCodeHash(code));
    expect(looksLikeRecoveryCode(code)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
