import type { ConnectionStatus } from "@natter/client";
import { useI18n } from "../i18n/I18n";

export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n();
  if (status === "connected" || status === "connecting") return null;
  return (
    <div className="banner" role="status" data-testid="connection-banner">
      {status === "catching-up" ? t.catchingUp : t.disconnected}
    </div>
  );
}
