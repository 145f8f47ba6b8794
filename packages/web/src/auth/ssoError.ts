import { SSO_ERROR_PARAM } from "@natter/protocol";
import type { Dictionary } from "../i18n/dictionary";

/**
 * The code a failed single sign-on came back with (`/?sso_error=CODE`, set by the server's callback), taken out
 * of the address bar so a reload does not show it again.
 */
export function takeSsoError(): string | undefined {
  const url = new URL(window.location.href);
  const code = url.searchParams.get(SSO_ERROR_PARAM);
  if (code === null) return undefined;
  url.searchParams.delete(SSO_ERROR_PARAM);
  window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  return code;
}

/** The refusal in the reader's language; the code is the server's, so an unknown one gets the general sentence. */
export function ssoErrorText(code: string, t: Dictionary): string {
  switch (code) {
    case "SSO_REFUSED":
      return t.ssoRefused;
    case "UNAVAILABLE":
      return t.ssoUnavailable;
    case "RATE_LIMITED":
      return t.ssoTooFast;
    case "USERNAME_TAKEN":
      return t.ssoNameTaken;
    case "ACCOUNT_DISABLED":
      return t.ssoAccountDisabled;
    default:
      return t.ssoFailed;
  }
}
