import type { NatterClient } from "@natter/client";
import type { SignInMethods, User } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";

/** `ended`: the session was revoked while in use, and the log-in screen says so. */
export type Session = { state: "checking" } | { state: "anonymous"; ended?: boolean } | { state: "ready"; user: User };

export type SignIn =
  | { how: "guest"; username: string }
  | { how: "login"; username: string; password: string }
  | { how: "register"; username: string; password: string; invite?: string | undefined }
  | { how: "setup"; token: string; username: string; password: string }
  | { how: "reset"; token: string; password: string };

/** Who is signed in; the page's one client (made in main.tsx) is reached here for accounts, else through the ChatStore. */
export function useSession(client: NatterClient) {
  const [session, setSession] = useState<Session>({ state: "checking" });
  // Which ways in the log-in screen offers; undefined until known (or when the server cannot say: all of them).
  const [methods, setMethods] = useState<SignInMethods | undefined>();

  useEffect(() => {
    let live = true;
    client.signInMethods().then(
      (answer) => live && setMethods(answer),
      () => undefined,
    );
    return () => void (live = false);
  }, [client]);

  useEffect(() => {
    let live = true;
    client.me().then(
      (user) => live && setSession(user ? { state: "ready", user } : { state: "anonymous" }),
      () => live && setSession({ state: "anonymous" }),
    );
    return () => void (live = false);
  }, [client]);

  const signIn = useCallback(
    async (request: SignIn) => {
      setSession({ state: "ready", user: await signedIn(client, request) });
    },
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

  return { session, methods, ssoUrl: client.ssoStartUrl(), signIn, logOut, sessionEnded };
}

function signedIn(client: NatterClient, request: SignIn): Promise<User> {
  switch (request.how) {
    case "guest":
      return client.guest(request.username);
    case "login":
      return client.login(request.username, request.password);
    case "setup":
      return client.setup(request.token, request.username, request.password);
    case "reset":
      return client.resetPassword(request.token, request.password);
    case "register":
      return client.register(request.username, request.password, request.invite);
  }
}
