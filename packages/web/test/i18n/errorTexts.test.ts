import { errorCodes, validationRules } from "@natter/protocol";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorText } from "../../src/i18n/errorText.js";
import { errorTexts, ruleTexts } from "../../src/i18n/errorTexts.js";

const HAN = /\p{Script=Han}/u;

describe("the server's refusals, in the reader's language", () => {
  it("words every code of the catalogue in English and in Chinese", () => {
    expect(Object.keys(errorTexts).sort()).toEqual([...errorCodes].sort());
    for (const code of errorCodes) {
      const { en, "zh-CN": zh } = errorTexts[code];
      expect(en.trim(), code).not.toBe("");
      expect(HAN.test(en), code).toBe(false);
      expect(HAN.test(zh), code).toBe(true);
    }
    for (const rule of validationRules) expect(HAN.test(ruleTexts[rule]["zh-CN"](8)), rule).toBe(true);
  });

  it("shows a wrong password in Chinese, not as the server's English", () => {
    const failure = Object.assign(new Error("Wrong username or password"), { code: "INVALID_CREDENTIALS" });
    expect(errorText("zh-CN", failure)).toBe("名字或密码错误。");
    expect(errorText("en", failure)).toBe("Wrong name or password.");
  });

  it("says a refused field by its label and rule, never the validator's path", () => {
    const failure = Object.assign(new Error("body.password: Too small: expected string to have >=8 characters"), {
      code: "BAD_REQUEST",
      field: "password",
      rule: "too_short",
      limit: 8,
    });
    expect(errorText("en", failure)).toBe("Password: needs at least 8 characters");
    expect(errorText("zh-CN", failure)).toBe("密码至少需要 8 个字符");
    expect(errorText("en", { code: "BAD_REQUEST", field: "members.2", rule: "required" })).toBe("members: is required");
  });

  it("reads a failure without a code (the network, a bug) as the server being down or failing, in the language", () => {
    expect(errorText("zh-CN", new TypeError("Failed to fetch"))).toBe(errorTexts.UNAVAILABLE["zh-CN"]);
    expect(errorText("en", new Error("boom"))).toBe(errorTexts.INTERNAL.en);
  });

  it("uses one word for a room in Chinese (聊天室) across every text of the app", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    const offenders = sources(join(import.meta.dirname, "../../src")).filter((path) => readFileSync(path, "utf8").includes("房间"));
    expect(offenders).toEqual([]);
  });
});
