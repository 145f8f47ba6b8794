import { errorCatalogue, type ErrorCode, type ValidationRule } from "@natter/protocol";
import { useCallback } from "react";
import type { Locale } from "./dictionary";
import { errorTexts, fieldNames, ruleTexts } from "./errorTexts";
import { useI18n } from "./I18n";

/** What a failure says about itself: a NatterError's code and field, or nothing known. */
interface Described {
  code?: unknown;
  field?: unknown;
  rule?: unknown;
  limit?: unknown;
}

const isCode = (code: unknown): code is ErrorCode => typeof code === "string" && Object.hasOwn(errorCatalogue, code);
const isRule = (rule: unknown): rule is ValidationRule => typeof rule === "string" && Object.hasOwn(ruleTexts, rule);

/**
 * Any failure in the reader's language, from its code: a refused field reads "Password: needs at least 8
 * characters", never the validator's path. A failure without a code (the network, a bug) reads as the server's
 * INTERNAL or UNAVAILABLE would, rather than in English.
 */
export function errorText(locale: Locale, failure: unknown): string {
  const described: Described = typeof failure === "object" && failure !== null ? failure : {};
  const code = isCode(described.code) ? described.code : failure instanceof TypeError ? "UNAVAILABLE" : "INTERNAL";
  if (code === "BAD_REQUEST" && typeof described.field === "string" && isRule(described.rule)) {
    return `${fieldName(locale, described.field)}${locale === "zh-CN" ? "" : ": "}${ruleTexts[described.rule][locale](
      typeof described.limit === "number" ? described.limit : undefined,
    )}`;
  }
  return errorTexts[code][locale];
}

/** The field's label; a nested or unknown field is named by its last part (`members.0` → the members). */
export function fieldName(locale: Locale, field: string): string {
  const parts = field.split(".").filter((part) => !/^\d+$/.test(part));
  const last = parts.at(-1) ?? field;
  return fieldNames[last]?.[locale] ?? last;
}

/** The refused field of a failure, if the server named one: a form shows the text beside that field. */
export function refusedField(failure: unknown): string | undefined {
  if (typeof failure !== "object" || failure === null) return undefined;
  const { code, field } = failure as Described;
  return code === "BAD_REQUEST" && typeof field === "string" ? (field.split(".").at(-1) ?? field) : undefined;
}

/** `errorText` bound to the reader's language, for a component's catch. */
export function useErrorText(): (failure: unknown) => string {
  const { locale } = useI18n();
  return useCallback((failure: unknown) => errorText(locale, failure), [locale]);
}
