import { accessSettingsSchema, type AccessSettings, type AccessSettingsPatch, type User } from "@natter/protocol";
import { recordAudit } from "./audit.js";
import type { Domain, DomainSettings } from "./context.js";

/**
 * How long a node trusts the settings it read. Every node reads the one row again once this has passed, so a
 * change made on any node applies everywhere within this time; the node that made it applies it at once.
 * One primary-key read a second per node costs nothing, and works the same with or without Redis.
 */
export const SETTINGS_TTL_MS = 1_000;

/** The first value, before an admin changes anything: from the environment (ALLOW_GUESTS, REGISTRATION…). */
export function initialAccessSettings(settings: DomainSettings): AccessSettings {
  return {
    registration: settings.registration ?? "open",
    guests: settings.allowGuests,
    guestPowers: { joinPublicRooms: true, createRooms: false, directMessages: false },
    allowedEmailDomains: [...(settings.allowedEmailDomains ?? [])],
    personalTokens: true,
  };
}

interface Cached {
  value: AccessSettings;
  readAt: number;
  reading?: Promise<AccessSettings> | undefined;
}

// Per domain (one per server), so two servers in one test process keep apart as two nodes would.
const caches = new WeakMap<Domain, Cached>();

/** The settings now in force (at most SETTINGS_TTL_MS old). */
export async function accessSettings(domain: Domain): Promise<AccessSettings> {
  const cached = caches.get(domain);
  if (cached && performance.now() - cached.readAt < SETTINGS_TTL_MS) return cached.value;
  // One read at a time per node, however many requests arrive as the cache lapses.
  if (cached?.reading) return cached.reading;
  const reading = readStored(domain).then(
    (value) => {
      caches.set(domain, { value, readAt: performance.now() });
      return value;
    },
    (error: unknown) => {
      if (cached) cached.reading = undefined;
      throw error;
    },
  );
  if (cached) cached.reading = reading;
  return reading;
}

async function readStored(domain: Domain): Promise<AccessSettings> {
  const initial = initialAccessSettings(domain.settings);
  const row = await domain.store.readAccessSettings();
  if (!row) return initial;
  // Stored as JSON: a setting added since is missing from it and takes its first value.
  const stored = accessSettingsSchema.partial().safeParse(JSON.parse(row.value));
  if (!stored.success) return initial;
  return { ...initial, ...stored.data, guestPowers: { ...initial.guestPowers, ...stored.data.guestPowers } };
}

/** An admin's change: stored, applied on this node at once, and written to the audit log with what changed. */
export async function changeAccessSettings(domain: Domain, admin: User, patch: AccessSettingsPatch, address: string): Promise<AccessSettings> {
  const before = await readStored(domain);
  const next = accessSettingsSchema.parse({ ...before, ...patch, guestPowers: { ...before.guestPowers, ...patch.guestPowers } });
  await domain.store.writeAccessSettings(JSON.stringify(next), domain.now());
  caches.set(domain, { value: next, readAt: performance.now() });
  await recordAudit(domain, { actor: admin, action: "settings.change", address, details: changes(before, next) });
  return next;
}

function changes(before: AccessSettings, after: AccessSettings): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof AccessSettings)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key];
  }
  return changed;
}
