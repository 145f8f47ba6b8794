import type { NatterClient } from "@natter/client";
import { lazy, Suspense, useState } from "react";
import { LoginScreen } from "./auth/LoginScreen";
import { SetupScreen } from "./auth/SetupScreen";
import { takeSsoError } from "./auth/ssoError";
import { useI18n } from "./i18n/I18n";
import { useSession } from "./session/useSession";

// The chat screen is most of the app: a visitor on the log-in screen doesn't download it yet.
const ChatScreen = lazy(() => import("./chat/ChatScreen"));

export function App({ client }: { client: NatterClient }) {
  const { t } = useI18n();
  const { session, methods, ssoUrl, signIn, logOut, sessionEnded } = useSession(client);
  const [ssoError] = useState(takeSsoError);
  const loading = (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
  if (session.state === "checking") return loading;
  // The first admin's one-time link (logged by the server when it has no admin).
  const setupToken = window.location.pathname === "/setup" ? new URLSearchParams(window.location.search).get("token") : null;
  if (session.state === "anonymous" && setupToken) return <SetupScreen token={setupToken} onSignIn={signIn} />;
  if (session.state === "anonymous")
    return <LoginScreen onSignIn={signIn} notice={session.ended ? t.sessionEnded : undefined} methods={methods} ssoUrl={ssoUrl} ssoError={ssoError} />;
  return (
    <Suspense fallback={loading}>
      <ChatScreen client={client} me={session.user} onLogOut={logOut} onSessionEnded={sessionEnded} />
    </Suspense>
  );
}
