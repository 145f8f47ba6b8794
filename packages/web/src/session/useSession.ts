import type { NatterClient } from "@natter/client";
import type { SecondFactorStep, TotpSetup, User } from "@natter/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";

/** `ended`: the session was revoked while in use, and the log-in screen says so. */
export type Session = { state: "checking" } | { state: "anonymous"; ended?: boolean } | { state: "ready"; user: User };

export type SignIn =
  | { how: "guest"; username: string }
  | { how: "login" | "register"; username: string; password: string }
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
      const { username } = request;
      if (request.how === "login") {
        const answer = await client.startLogin(username, request.password);
        if ("secondFactor" in answer) return answer.secondFactor;
        setSession({ state: "ready", user: answer.user });
        return undefined;
      }
      const user =
        request.how === "guest"
          ? await client.guest(username)
          : request.how === "setup"
            ? await client.setup(request.token, username, request.password)
            : await client.register(username, request.password);
      setSession({ state: "ready", user });
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
    await client.logout().catch(() => client.close());
    setSession({ state: "anonymous" });
  }, [client]);

  /** The server refused the session (logged out elsewhere, password changed, deactivated): back to log in. */
  const sessionEnded = useCallback(() => {
    client.close();
    setSession({ state: "anonymous", ended: true });
  }, [client]);

  return { session, signIn, secondFactor, logOut, sessionEnded };
}
