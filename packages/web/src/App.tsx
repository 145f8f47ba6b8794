import type { NatterClient } from "@natter/client";
import { lazy, Suspense, useEffect, useState } from "react";
import { isConsolePath, mayOpenConsole, navigate, usePath } from "./admin";
import { ForgotPasswordScreen } from "./auth/ForgotPasswordScreen";
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
  const { session, methods, ssoUrl, signIn, secondFactor, logOut, sessionEnded } = useSession(client);
  const [ssoError] = useState(takeSsoError);
  const path = usePath();
  const inConsole = session.state === "ready" && isConsolePath(path) && mayOpenConsole(session.user);
  // Anyone else asking for the console's address gets the chat, at the chat's address.
  // So does an invite's page once it has signed someone in.
  useEffect(() => {
    const leftBehind = (isConsolePath(path) && !inConsole) || path.startsWith("/invite/");
    if (session.state === "ready" && leftBehind) navigate("/", true);
  }, [session.state, path, inConsole]);
  const loading = (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
  // The pages of "forgot password" and of a one-time reset link (mailed or an admin's), signed in or not.
  if (path === "/forgot") return <ForgotPasswordScreen onSend={(email, language) => client.forgotPassword(email, language)} />;
  const resetToken = path === "/reset-password" ? new URLSearchParams(window.location.search).get("token") : null;
  if (resetToken) return <ResetPasswordScreen token={resetToken} onReset={(token, password) => client.resetPassword(token, password)} />;
  if (session.state === "checking") return loading;
  // The first admin's one-time link (logged by the server when it has no admin).
  const setupToken = path === "/setup" ? new URLSearchParams(window.location.search).get("token") : null;
  if (session.state === "anonymous" && setupToken) return <SetupScreen token={setupToken} onSignIn={signIn} />;
  if (session.state === "anonymous") {
    const inviteCode = path.startsWith("/invite/") ? decodeURIComponent(path.slice("/invite/".length)) : undefined;
    return (
      <LoginScreen
        onSignIn={signIn}
        secondFactor={secondFactor}
        notice={session.ended ? t.sessionEnded : undefined}
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
