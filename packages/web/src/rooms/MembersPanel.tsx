import type { Member, RoomSummary } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { PresenceDot, StatusNote } from "../people/AvailabilityMark";
import { UserName } from "../people/UserName";
import { RetentionControl } from "./RetentionControl";
import { RoomSettingsForm } from "./RoomSettingsForm";

/** Who is in the room; owners and admins invite and remove people here. */
export function MembersPanel({ room, onClose }: { room: RoomSummary; onClose(): void }) {
  const { t } = useI18n();
  const { store } = useChat();
  const { me, availability } = useChatState();
  const [members, setMembers] = useState<Member[]>([]);
  const [name, setName] = useState("");
  const refresh = useCallback(() => void store.server.members(room.name).then(setMembers, () => undefined), [store, room.name]);
  useEffect(refresh, [refresh]);
  const manages = room.role === "owner" || room.role === "admin" || me.role === "admin";
  return (
    <aside className="thread" aria-label={t.members} data-testid="members">
      <header>
        <h2>{t.members}</h2>
        <button type="button" className="icon" aria-label={t.close} onClick={onClose}>
          ✕
        </button>
      </header>
      <ul className="member-list">
        {members.map((member) => (
          <li key={member.user.id}>
            {member.online ? (
              <PresenceDot availability={availability[member.user.id] ?? member.availability} />
            ) : (
              <span className="presence off" aria-hidden="true" />
            )}
            <UserName username={member.user.username} /> <StatusNote availability={availability[member.user.id] ?? member.availability} />{" "}
            <span className="meta">{member.role}</span>
            {manages && member.user.id !== me.id && member.role !== "owner" && (
              <button
                type="button"
                className="small"
                onClick={() => void store.removeMember(room.name, member.user.username).then(refresh)}
                data-testid={`remove-${member.user.username}`}
              >
                {t.remove}
              </button>
            )}
          </li>
        ))}
      </ul>
      {manages && (
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            void store.invite(room.name, name.trim()).then(refresh);
            setName("");
          }}
        >
          <input
            aria-label={t.inviteName}
            placeholder={t.inviteName}
            value={name}
            onChange={(event) => setName(event.target.value)}
            data-testid="invite-name"
          />
          <button type="submit" className="small" data-testid="invite">
            {t.invite}
          </button>
        </form>
      )}
      {manages && <RoomSettingsForm key={room.name} room={room} />}
      {me.role === "admin" && room.kind !== "dm" && <RetentionControl key={`retention-${room.name}`} room={room.name} />}
    </aside>
  );
}
