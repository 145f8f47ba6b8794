import type { User } from "@natter/protocol";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";

/**
 * What anyone without the role hears from an admin route or event: the answer of an address with no route,
 * so the console's routes give away nothing about themselves. The HTTP transport words it exactly as its
 * not-found handler does.
 */
export class HiddenRoute extends Refusal {
  constructor() {
    super("NOT_FOUND", "No such route");
    this.name = "HiddenRoute";
  }
}

export const isAdmin = (user: User): boolean => user.role === "admin";
/** Admins and moderators: who sees reports and acts on messages and bans. */
export const isStaff = (user: User): boolean => user.role === "admin" || user.role === "moderator";

/** An admin's action: refused to everyone else as if it did not exist, and counted against the admin budget. */
export async function requireAdmin(domain: Domain, user: User | null): Promise<User> {
  if (!user || !isAdmin(user)) throw new HiddenRoute();
  await spend(domain.limits, "admin", user.id);
  return user;
}

/** An admin's or moderator's action, likewise. */
export async function requireStaff(domain: Domain, user: User | null): Promise<User> {
  if (!user || !isStaff(user)) throw new HiddenRoute();
  await spend(domain.limits, "admin", user.id);
  return user;
}
