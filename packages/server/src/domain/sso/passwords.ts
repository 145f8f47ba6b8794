import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";

/** With OIDC_ONLY, accounts come from the provider alone: every other way in is refused with one code. */
export function refuseUnlessPasswordsAllowed(domain: Pick<Domain, "sso">, what: string): void {
  if (domain.sso?.only) throw new Refusal("PASSWORD_LOGIN_DISABLED", `${what} is turned off: this server signs in through ${domain.sso.provider.name} only`);
}
