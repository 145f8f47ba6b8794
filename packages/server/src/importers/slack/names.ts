import { characterCount, NAME_MAX, nameSchema } from "@natter/protocol";

/**
 * Natter names for Slack's: the Slack name when it is a valid Natter name, else its letters and digits
 * with the rest as "-"; then the candidates to try, in order, while a name is taken or reserved.
 */
export function nameCandidates(wanted: string | undefined, fallback: string): string[] {
  const base = validName(wanted) ?? validName(fallback) ?? "imported";
  const trimmed = (suffix: string) => [...base].slice(0, NAME_MAX - characterCount(suffix)).join("") + suffix;
  return [base, ...Array.from({ length: 8 }, (_, i) => trimmed(`-${i + 2}`)), trimmed(`-${fallback.toLowerCase()}`.slice(0, 16))];
}

function validName(wanted: string | undefined): string | undefined {
  if (!wanted) return undefined;
  const cleaned = [
    ...wanted
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, "-")
      .replace(/^[-.]+|[-.]+$/g, ""),
  ]
    .slice(0, NAME_MAX)
    .join("");
  const parsed = nameSchema.safeParse(cleaned.length === 1 ? `${cleaned}_` : cleaned);
  return parsed.success ? parsed.data : undefined;
}
