import { z } from "zod";
import { registrationModeSchema } from "./access.js";

/** How one may sign in to this server: the log-in screen shows only these. Public. */
export const signInMethodsResponseSchema = z.object({
  /** Username and password (log in, register); false when the server is single-sign-on only. */
  password: z.boolean(),
  /** Joining with only a name. */
  guests: z.boolean(),
  /** Who may register: anyone, with an invite only, or nobody (always closed when the server is single-sign-on only). */
  registration: registrationModeSchema,
  /** The OpenID Connect provider, named as the button says ("Sign in with …"); null when none is set. */
  sso: z.object({ name: z.string() }).nullable(),
});
export type SignInMethods = z.infer<typeof signInMethodsResponseSchema>;

/**
 * What the provider sends back to the callback (OpenID Connect Core 3.1.2.5 and 3.1.2.6, RFC 9207's `iss`).
 * All optional here: openid-client checks the combination, and a missing part is a refusal, not a 400.
 */
const param = z.string().max(4096).optional();
export const ssoCallbackQuerySchema = z.object({
  code: param,
  state: param,
  iss: param,
  session_state: param,
  error: param,
  error_description: param,
  error_uri: param,
});

/** Logging out: when the session came from the provider and it offers RP-initiated logout, where to go next. */
export const logoutResponseSchema = z.object({ ok: z.literal(true), endSessionUrl: z.url().optional() });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;

/** The web app's address a failed single sign-on returns to, with the refusal's code: `/?sso_error=CODE`. */
export const SSO_ERROR_PARAM = "sso_error";
