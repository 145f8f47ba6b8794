import type { Ban } from "@natter/protocol";
import { useI18n } from "../i18n/I18n";
import { UserName } from "../people/UserName";

/** Who is banned from the room, each with Unban. */
export function BannedList({ bans, onUnban }: { bans: Ban[]; onUnban(username: string): void }) {
  const { t } = useI18n();
  if (bans.length === 0) return null;
  return (
    <section aria-labelledby="banned-title" data-testid="banned">
      <h3 id="banned-title">{t.banned}</h3>
      <ul className="member-list">
        {bans.map((ban) => (
          <li key={ban.user.id}>
            <UserName user={ban.user} />{" "}
            <button type="button" className="small" onClick={() => onUnban(ban.user.username)} data-testid={`unban-${ban.user.username}`}>
              {t.unban}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
