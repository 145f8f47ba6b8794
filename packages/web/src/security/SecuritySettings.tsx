import { useI18n } from "../i18n/I18n";
import "./security.css";
import { SessionsList } from "./SessionsList";
import { TwoFactorSettings } from "./TwoFactorSettings";

/** The "Security" part of one's own profile. */
export function SecuritySettings() {
  const { t } = useI18n();
  return (
    <section className="security-settings" aria-labelledby="security-heading" data-testid="security-settings">
      <h3 id="security-heading">{t.security}</h3>
      <TwoFactorSettings />
      <SessionsList />
    </section>
  );
}
