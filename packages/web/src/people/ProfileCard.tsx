import type { Availability, Profile } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useAccessText } from "../auth/accessText";
import { useI18n } from "../i18n/I18n";
import { shownState } from "./availability";
import { PresenceDot, StatusNote } from "./AvailabilityMark";
import { Avatar } from "./Avatar";
import { AvatarEditor } from "./AvatarEditor";
import { PasswordForm } from "./PasswordForm";
import { NotificationSettings } from "./NotificationSettings";
import { AccessTokens } from "../integrations/AccessTokens";
import { OwnData } from "./OwnData";
import { ProfileEditor } from "./ProfileEditor";
import { SecuritySettings } from "../security/SecuritySettings";
import { useErrorText } from "../i18n/errorText";

export function ProfileCard({ username, onClose }: { username: string; onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const accessText = useAccessText();
  const { store } = useChat();
  const { me, availability } = useChatState();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let live = true;
    store.server.profile(username).then(
      (found) => live && setProfile(found),
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => void (live = false);
  }, [store, username]);
  const isMe = username === me.username;
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="card"
        role="dialog"
        aria-modal="true"
        aria-label={t.profile}
        data-testid="profile-card"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.key === "Escape" && onClose()}
      >
        <Avatar user={profile ?? { username }} size="large" />
        <h2>{profile?.displayName || username}</h2>
        <p className="meta">
          @{username}
          {profile?.deactivated && (
            <span className="deactivated-mark" data-testid="profile-deactivated">
              {" "}
              · {accessText.deactivated}
            </span>
          )}
        </p>
        {profile && <PresenceLine profile={profile} live={availability[profile.id]} />}
        {profile && <StatusNote availability={availability[profile.id] ?? profile.availability} withText />}
        {error && <p className="error">{error}</p>}
        {isMe && profile && <ProfileEditor profile={profile} onSaved={setProfile} />}
        {isMe && profile && <AvatarEditor profile={profile} onSaved={setProfile} />}
        {isMe && profile?.kind === "member" && <PasswordForm />}
        {isMe && profile && <NotificationSettings />}
        {isMe && profile && me.kind !== "guest" && <SecuritySettings />}
        {isMe && profile?.kind === "member" && <AccessTokens />}
        {isMe && profile && <OwnData />}
        <div className="row">
          {!isMe && (
            <button
              type="button"
              data-testid="send-direct"
              onClick={() => {
                onClose();
                void store.openDirect([username]);
              }}
            >
              {t.sendDirect}
            </button>
          )}
          <button type="button" onClick={onClose} autoFocus data-testid="close-profile">
            {t.close}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Online (active, away or do-not-disturb) or offline; what the room heard since the card opened wins. */
function PresenceLine({ profile, live }: { profile: Profile; live: Availability | undefined }) {
  const { t } = useI18n();
  const availability = live ?? profile.availability;
  if (!profile.online) return <p className="presence-text">{t.offline}</p>;
  return (
    <p className="presence-text on" data-testid="profile-presence">
      <PresenceDot availability={availability} /> {{ dnd: t.doNotDisturb, away: t.away, active: t.online }[shownState(availability)]}
    </p>
  );
}
