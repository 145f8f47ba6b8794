import type { User } from "@natter/protocol";
import type { FastifyRequest } from "fastify";
import { HiddenRoute, isAdmin, isStaff } from "../../domain/adminAccess.js";

/**
 * A route-level `onRequest` hook for the console's routes: anyone else is answered before the body is read
 * or validated, so a malformed body cannot tell them the route exists either. The domain checks the role
 * again (requireAdmin / requireStaff); this only makes the refusal indistinguishable.
 */
function hiddenUnless(allowed: (user: User) => boolean) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.user || !allowed(request.user)) throw new HiddenRoute();
  };
}

export const adminsOnly = { onRequest: hiddenUnless(isAdmin) };
export const staffOnly = { onRequest: hiddenUnless(isStaff) };
