import type { Logger } from "pino";
import type { SingleSignOn } from "../domain/sso/provider.js";
import type { Settings } from "../settings.js";
import { OpenIdProvider } from "./openIdProvider.js";

/** Single sign-on as the settings describe it, or undefined when no provider is set. */
export function singleSignOn(settings: Settings, logger: Logger): SingleSignOn | undefined {
  const { oidcIssuer, oidcClientId } = settings;
  if (!oidcIssuer || !oidcClientId) return undefined;
  const provider = new OpenIdProvider({ ...settings, oidcIssuer, oidcClientId }, logger);
  provider.warmUp();
  return {
    provider,
    only: settings.oidcOnly,
    usernameClaim: settings.oidcUsernameClaim,
    rolesClaim: settings.oidcRolesClaim,
    adminValues: settings.oidcAdminValues,
    moderatorValues: settings.oidcModeratorValues,
  };
}
