import { errorBodySchema, errorCatalogue, errorCodes, httpStatusOf, isErrorBody, isRetryable } from "@natter/protocol";
import { describe, expect, it } from "vitest";

describe("the error catalogue", () => {
  it("lists every code once, and the schema accepts exactly those", () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    expect(errorCodes).toEqual(Object.keys(errorCatalogue));
    for (const code of errorCodes) expect(errorBodySchema.safeParse({ code, message: "m" }).success).toBe(true);
    expect(errorBodySchema.safeParse({ code: "TEAPOT", message: "m" }).success).toBe(false);
  });

  it("answers a refusal of the request with a 4xx and a failure of the server with a 5xx", () => {
    for (const code of errorCodes) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
    expect(httpStatusOf("NOT_FOUND")).toBe(404);
    expect(httpStatusOf("RATE_LIMITED")).toBe(429);
    expect(httpStatusOf("STORAGE_FULL")).toBe(507);
  });

  it("lets a client retry only what may heal by itself: rate limits, an unavailable or failing server, an archive still being made, a command's own server", () => {
    expect(errorCodes.filter(isRetryable).sort()).toEqual(["COMMAND_FAILED", "INTERNAL", "NOT_READY", "RATE_LIMITED", "UNAVAILABLE"]);
  });

  it("recognises an error body without zod, and nothing that merely looks like one", () => {
    expect(isErrorBody({ code: "FORBIDDEN", message: "no" })).toBe(true);
    expect(isErrorBody({ code: "toString", message: "no" })).toBe(false);
    expect(isErrorBody({ code: "FORBIDDEN" })).toBe(false);
    expect(isErrorBody(null)).toBe(false);
  });
});
