import { NatterClient } from "@natter/client";
import type { User } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";

export type Session = { state: "checking" } | { state: "anonymous" } | { state: "ready"; user: User };

/** The page's one client: same origin, so the httpOnly session cookie carries the session across reloads. */
export const client = new NatterClient({ url: window.location.origin });

export function useSession() {
  const [session, setSession] = useState<Session>({ state: "checking" });

  useEffect(() => {
    let live = true;
    client.me().then(
      (user) => live && setSession(user ? { state: "ready", user } : { state: "anonymous" }),
      () => live && setSession({ state: "anonymous" }),
    );
    return () => void (live = false);
  }, []);

  const signedIn = useCallback((user: User) => setSession({ state: "ready", user }), []);
  const logOut = useCallback(async () => {
    await client.logout().catch(() => client.close());
    setSession({ state: "anonymous" });
  }, []);

  return { session, signedIn, logOut };
}
