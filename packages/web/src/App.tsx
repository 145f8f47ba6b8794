import type { NatterClient } from "@natter/client";
import { lazy, Suspense } from "react";
import { ForgotPasswordScreen } from "./auth/ForgotPasswordScreen";
import { LoginScreen } from "./auth/LoginScreen";
import { ResetPasswordScreen } from "./auth/ResetPasswordScreen";
import { SetupScreen } from "./auth/SetupScreen";
import { useI18n } from "./i18n/I18n";
import { useSession } from "./session/useSession";

// The chat screen is most of the app: a visitor on the log-in screen doesn't download it yet.
const ChatScreen = lazy(() => import("./chat/ChatScreen"));

export function App({ client }: { client: NatterClient }) {
  const { t } = useI18n();
  const { session, signIn, secondFactor, logOut, sessionEnded } = useSession(client);
  const loading = (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
  // The pages of "forgot password" and of the mailed reset link, signed in or not.
  const path = window.location.pathname;
  if (path === "/forgot") return <ForgotPasswordScreen onSend={(email, language) => client.forgotPassword(email, language)} />;
  const resetToken = path === "/reset" ? new URLSearchParams(window.location.search).get("token") : null;
  if (resetToken) return <ResetPasswordScreen token={resetToken} onReset={(token, password) => client.resetPassword(token, password)} />;
  if (session.state === "checking") return loading;
  // The first admin's one-time link (logged by the server when it has no admin).
  const setupToken = window.location.pathname === "/setup" ? new URLSearchParams(window.location.search).get("token") : null;
  if (session.state === "anonymous" && setupToken) return <SetupScreen token={setupToken} onSignIn={signIn} />;
  if (session.state === "anonymous") return <LoginScreen onSignIn={signIn} secondFactor={secondFactor} notice={session.ended ? t.sessionEnded : undefined} />;
  return (
    <Suspense fallback={loading}>
      <ChatScreen client={client} me={session.user} onLogOut={logOut} onSessionEnded={sessionEnded} />
    </Suspense>
  );
}
