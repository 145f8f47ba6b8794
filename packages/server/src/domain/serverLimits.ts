import type { ServerLimits } from "@natter/protocol";
import type { Domain } from "./context.js";
import { maxUploadBytes } from "./files.js";

/** The limits the actions enforce, told to clients from the same settings so the two cannot drift. */
export function serverLimits(domain: Domain): ServerLimits {
  const { maxMessageLength, maxAttachments } = domain.settings;
  return { maxMessageLength, maxAttachments, maxUploadBytes: maxUploadBytes(domain) };
}
