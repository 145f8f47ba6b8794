/** 0 is the default (yellow); 1–5 are Fitzpatrick types 1–2 to 6, light to dark. */
export type SkinTone = 0 | 1 | 2 | 3 | 4 | 5;
export const SKIN_TONES: readonly SkinTone[] = [0, 1, 2, 3, 4, 5];

export type PreferenceStore = Pick<Storage, "getItem" | "setItem">;

const RECENT_KEY = "natter.emoji.recent";
const TONE_KEY = "natter.emoji.skinTone";
export const RECENT_LIMIT = 24;

/** The emoji this browser picked most recently, most recent first. */
export function recentEmoji(store: PreferenceStore = browserStore()): string[] {
  const stored = readJson(store, RECENT_KEY);
  return Array.isArray(stored) ? stored.filter((item): item is string => typeof item === "string") : [];
}

/** Moves `emoji` to the front of the recent list (without duplicates) and returns the new list. */
export function rememberEmoji(emoji: string, store: PreferenceStore = browserStore()): string[] {
  const recent = [emoji, ...recentEmoji(store).filter((item) => item !== emoji)].slice(0, RECENT_LIMIT);
  writeJson(store, RECENT_KEY, recent);
  return recent;
}

export function preferredSkinTone(store: PreferenceStore = browserStore()): SkinTone {
  const stored = readJson(store, TONE_KEY);
  return SKIN_TONES.find((tone) => tone === stored) ?? 0;
}

export function setPreferredSkinTone(tone: SkinTone, store: PreferenceStore = browserStore()): void {
  writeJson(store, TONE_KEY, tone);
}

function readJson(store: PreferenceStore, key: string): unknown {
  try {
    return JSON.parse(store.getItem(key) ?? "null");
  } catch {
    // Corrupt or blocked storage only costs the user their recent list, never the picker.
    return null;
  }
}

function writeJson(store: PreferenceStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked storage (private browsing): the pick still goes through, it just isn't remembered.
  }
}

const memoryStore = new Map<string, string>();
const inMemory: PreferenceStore = {
  getItem: (key) => memoryStore.get(key) ?? null,
  setItem: (key, value) => void memoryStore.set(key, value),
};

function browserStore(): PreferenceStore {
  try {
    return globalThis.localStorage ?? inMemory;
  } catch {
    // Some browsers throw on merely reading localStorage when storage is disabled.
    return inMemory;
  }
}
