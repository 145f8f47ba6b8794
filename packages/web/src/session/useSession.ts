import type { NatterClient } from "@natter/client";
import type { SecondFactorStep, SignInMethods, TotpSetup, User } from "@natter/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";

/** `ended`: the session was revoked while in use, and the log-in screen says so. */
export type Session = { state: "checking" } | { state: "anonymous"; ended?: boolean } | { state: "ready"; user: User };

export type SignIn =
  | { how: "guest"; username: string }
  | { how: "login"; username: string; password: string }
  | { how: "register"; username: string; password: string; invite?: string | undefined }
  | { how: "setup"; token: string; username: string; password: string };

/** The second step of a log-in: set 2FA up when the server requires it, send the code, then enter the app. */
export interface SecondFactorCalls {
  enroll(ticket: string): Promise<TotpSetup>;
  finish(ticket: string, code: string): Promise<{ user: User; recoveryCodes?: string[] }>;
  enter(user: User): void;
}

/** Who is signed in; the page's one client (made in main.tsx) is reached here for accounts, else through the ChatStore. */
export function useSession(client: NatterClient) {
  const [session, setSession] = useState<Session>({ state: "checking" });
  // Which ways in the log-in screen offers; undefined until known (or when the server cannot say: all of them).
  const [methods, setMethods] = useState<SignInMethods | undefined>();

  // Asked each time the log-in page shows: an admin may have changed registration or guests since.
  const anonymous = session.state === "anonymous";
  useEffect(() => {
    if (!anonymous) return;
    let live = true;
    client.signInMethods().then(
      (answer) => live && setMethods(answer),
      () => undefined,
    );
    return () => void (live = false);
  }, [client, anonymous]);

  useEffect(() => {
    let live = true;
    client.me().then(
      (user) => live && setSession(user ? { state: "ready", user } : { state: "anonymous" }),
      () => live && setSession({ state: "anonymous" }),
    );
    return () => void (live = false);
  }, [client]);

  /** Signs in, or answers the second step a log-in with two-factor authentication still needs. */
  const signIn = useCallback(
    async (request: SignIn): Promise<SecondFactorStep | undefined> => {
      if (request.how === "login") {
        const answer = await client.startLogin(request.username, request.password);
        if ("secondFactor" in answer) return answer.secondFactor;
        setSession({ state: "ready", user: answer.user });
        return undefined;
      }
      setSession({ state: "ready", user: await signedIn(client, request) });
      return undefined;
    },
    [client],
  );

  const secondFactor: SecondFactorCalls = useMemo(
    () => ({
      enroll: (ticket) => client.enrollAtLogin(ticket),
      finish: (ticket, code) => client.finishLogin(ticket, code),
      enter: (user) => setSession({ state: "ready", user }),
    }),
    [client],
  );

  const logOut = useCallback(async () => {
    const endSessionUrl = await client.logout().catch(() => void client.close());
    setSession({ state: "anonymous" });
    // A single sign-on session ends at the provider too (RP-initiated logout), which sends the browser back here.
    if (endSessionUrl) window.location.assign(endSessionUrl);
  }, [client]);

  /** The server refused the session (logged out elsewhere, password changed, deactivated): back to log in. */
  const sessionEnded = useCallback(() => {
    client.close();
    setSession({ state: "anonymous", ended: true });
  }, [client]);

  return { session, methods, ssoUrl: client.ssoStartUrl(), signIn, secondFactor, logOut, sessionEnded };
}

function signedIn(client: NatterClient, request: Exclude<SignIn, { how: "login" }>): Promise<User> {
  switch (request.how) {
    case "guest":
      return client.guest(request.username);
    case "setup":
      return client.setup(request.token, request.username, request.password);
    case "register":
      return client.register(request.username, request.password, request.invite);
  }
}
