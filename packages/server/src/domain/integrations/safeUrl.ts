import { checkUrl, UnsafeUrl } from "../../notify/webhookSender.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";

/** An outgoing URL that names a private address is refused when it is set, not only when it is called. */
export function refuseUnsafe(domain: Domain, url: string): void {
  try {
    checkUrl(url, domain.settings.webhookAllowPrivate);
  } catch (error) {
    if (error instanceof UnsafeUrl) throw new Refusal("UNSAFE_URL", `That URL is refused: ${error.message}`);
    throw error;
  }
}
