import type { TotpSetup } from "@natter/protocol";
import { useI18n } from "../i18n/I18n";

/** The QR code (the server's SVG, drawn as an image so no markup of it enters the page) and the key to type instead. */
export function TotpSetupView({ setup, hint }: { setup: TotpSetup; hint: string }) {
  const { t } = useI18n();
  return (
    <div className="totp-setup" data-testid="totp-setup">
      <p className="hint">{hint}</p>
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`} alt={t.qrAlt} width={180} height={180} data-testid="totp-qr" />
      <p>
        {t.manualKey}: <code data-testid="totp-key">{setup.secret}</code>
      </p>
    </div>
  );
}
