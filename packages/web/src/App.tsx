import type { NatterClient } from "@natter/client";
import type { SignupOptions } from "@natter/protocol";
import { lazy, Suspense, useEffect, useState } from "react";
import { isConsolePath, mayOpenConsole, navigate, usePath } from "./admin";
import { LoginScreen } from "./auth/LoginScreen";
import { ResetPasswordScreen } from "./auth/ResetPasswordScreen";
import { SetupScreen } from "./auth/SetupScreen";
import { takeSsoError } from "./auth/ssoError";
import { useI18n } from "./i18n/I18n";
import { useSession } from "./session/useSession";

// The chat screen is most of the app: a visitor on the log-in screen doesn't download it yet.
const ChatScreen = lazy(() => import("./chat/ChatScreen"));
const AdminConsole = lazy(() => import("./admin/AdminConsole"));

export function App({ client }: { client: NatterClient }) {
  const { t } = useI18n();
  const { session, methods, ssoUrl, signIn, logOut, sessionEnded } = useSession(client);
  const [ssoError] = useState(takeSsoError);
  const path = usePath();
  const [options, setOptions] = useState<SignupOptions>();
  const anonymous = session.state === "anonymous";
  // What the log-in page offers (registration open, by invite or closed; guests): asked when it shows.
  useEffect(() => {
    if (anonymous) client.signupOptions().then(setOptions, () => undefined);
  }, [client, anonymous]);
  const inConsole = session.state === "ready" && isConsolePath(path) && mayOpenConsole(session.user);
  // Anyone else asking for the console's address gets the chat, at the chat's address.
  // So do the one-time pages (an invite, a reset link) once they have signed someone in.
  useEffect(() => {
    const leftBehind = (isConsolePath(path) && !inConsole) || path.startsWith("/invite/") || path === "/reset-password";
    if (session.state === "ready" && leftBehind) navigate("/", true);
  }, [session.state, path, inConsole]);
  const loading = (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
  if (session.state === "checking") return loading;
  // The first admin's one-time link (logged by the server when it has no admin).
  const setupToken = path === "/setup" ? new URLSearchParams(window.location.search).get("token") : null;
  if (session.state === "anonymous" && setupToken) return <SetupScreen token={setupToken} onSignIn={signIn} />;
  // An admin's one-time reset link.
  const resetToken = path === "/reset-password" ? new URLSearchParams(window.location.search).get("token") : null;
  if (session.state === "anonymous" && resetToken) return <ResetPasswordScreen token={resetToken} onSignIn={signIn} />;
  if (session.state === "anonymous") {
    const inviteCode = path.startsWith("/invite/") ? decodeURIComponent(path.slice("/invite/".length)) : undefined;
    return (
      <LoginScreen
        onSignIn={signIn}
        notice={session.ended ? t.sessionEnded : undefined}
        options={options}
        inviteCode={inviteCode}
        methods={methods}
        ssoUrl={ssoUrl}
        ssoError={ssoError}
      />
    );
  }
  if (inConsole) {
    return (
      <Suspense fallback={loading}>
        <AdminConsole client={client} me={session.user} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={loading}>
      <ChatScreen client={client} me={session.user} onLogOut={logOut} onSessionEnded={sessionEnded} />
    </Suspense>
  );
}
