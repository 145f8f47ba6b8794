import unhomoglyph from "unhomoglyph";

/**
 * Names nobody may take: they would pass for the server, its staff or a room-wide mention (@here, @all…).
 * Compared by key, so "ADMIN", "ａｄｍｉｎ" and "аdmin" (Cyrillic а) are reserved too.
 */
export const RESERVED_USERNAMES = ["admin", "system", "natter", "root", "here", "room", "all", "everyone"] as const;

/**
 * The key that makes usernames unique: the Unicode TR39 skeleton of the NFKC-casefolded name, so that names
 * that differ only by case ("ALICE"), width ("ａｌｉｃｅ") or confusable characters ("аlice" with a Cyrillic а,
 * "rn" for "m") are one name. The key is for comparing only, never for showing. unhomoglyph ships the
 * mapping of Unicode's confusables.txt; the skeleton wraps it in NFD as TR39 says. Upper- then lower-casing
 * is JavaScript's nearest to case folding ("ß" and "SS" meet); lower-casing again after the mapping folds
 * targets that the table writes in capitals ("0" → "O").
 * Stored in users.username_key (migration 012 recomputed it); changing it needs a migration too.
 */
export function usernameKey(name: string): string {
  const folded = name.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC");
  return unhomoglyph(folded.normalize("NFD")).normalize("NFD").toLowerCase();
}

const reservedKeys = new Set<string>(RESERVED_USERNAMES.map(usernameKey));

export function isReservedUsername(name: string): boolean {
  return reservedKeys.has(usernameKey(name));
}
