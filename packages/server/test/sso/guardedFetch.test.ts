import { describe, expect, it } from "vitest";
import { guardedFetch } from "../../src/sso/guardedFetch.js";
import { candidateNames, roleFromClaim, usernameFrom } from "../../src/domain/sso/ssoAccounts.js";

const request = { method: "GET", headers: {}, body: undefined, redirect: "manual" as const };

describe("the requests to an OpenID provider", () => {
  it("go only over https to public addresses unless OIDC_ALLOW_PRIVATE is set", async () => {
    const fetchPublic = guardedFetch(false);
    await expect(fetchPublic("http://example.com/.well-known/openid-configuration", request)).rejects.toThrow(/not public https/);
    await expect(fetchPublic("https://127.0.0.1/.well-known/openid-configuration", request)).rejects.toThrow(/not public https/);
    await expect(fetchPublic("https://[::1]/.well-known/openid-configuration", request)).rejects.toThrow(/not public https/);
    // A name is checked by what it resolves to, as the connection is made.
    await expect(fetchPublic("https://localhost/.well-known/openid-configuration", request)).rejects.toThrow(/resolves to a private address/);
  });
});

describe("names and roles from a provider's claims", () => {
  it("a claim becomes a valid username, or nothing when too little of it is left", () => {
    expect(usernameFrom("Ada Lovelace")).toBe("Ada_Lovelace");
    expect(usernameFrom("  --grace--  ")).toBe("grace");
    expect(usernameFrom("李雷")).toBe("李雷");
    expect(usernameFrom("x".repeat(60))).toBe("x".repeat(28));
    expect(usernameFrom("!")).toBeUndefined();
    expect(usernameFrom("a\u202Eb")).toBe("a_b");
  });

  it("candidates are the name, then numbered ones", () => {
    const names = [...candidateNames("alice")];
    expect(names.slice(0, 3)).toEqual(["alice", "alice2", "alice3"]);
    expect(names.every((name) => [...name].length <= 32)).toBe(true);
  });

  it("admin wins over moderator; one value or a list; anything else is a user", () => {
    const mapping = { adminValues: ["ops"], moderatorValues: ["mods", "helpers"] };
    expect(roleFromClaim(["helpers", "ops"], mapping)).toBe("admin");
    expect(roleFromClaim("mods", mapping)).toBe("moderator");
    expect(roleFromClaim(["staff"], mapping)).toBe("user");
    expect(roleFromClaim(undefined, mapping)).toBe("user");
    expect(roleFromClaim([{ name: "ops" }], mapping)).toBe("user");
  });
});
