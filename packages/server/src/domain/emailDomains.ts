import { accessSettings } from "./accessSettings.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";

/** With a list of allowed email domains set, an address must end in one of them (a subdomain does not count). */
export async function requireAllowedDomain(domain: Domain, email: string): Promise<void> {
  const { allowedEmailDomains } = await accessSettings(domain);
  if (allowedEmailDomains.length === 0) return;
  const at = email.lastIndexOf("@");
  const host = email.slice(at + 1).toLowerCase();
  if (!allowedEmailDomains.includes(host)) {
    throw new Refusal("EMAIL_DOMAIN_NOT_ALLOWED", `Addresses must be at ${allowedEmailDomains.join(", ")}`);
  }
}
