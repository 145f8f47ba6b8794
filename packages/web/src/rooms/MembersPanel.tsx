import { X } from "lucide-react";
import type { Ban, Member, Person, RoomSummary } from "@natter/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { BanButton, BannedList, DeleteRoomButton } from "../moderation";
import { PresenceDot, StatusNote } from "../people/AvailabilityMark";
import { Avatar } from "../people/Avatar";
import { PeoplePicker } from "../people/PeoplePicker";
import { UserName } from "../people/UserName";
import { OutgoingHooks } from "../integrations/OutgoingHooks";
import { RoomHooks } from "../integrations/RoomHooks";
import { RetentionControl } from "./RetentionControl";
import { RoomSettingsForm } from "./RoomSettingsForm";

/** Who is in the room; owners and admins invite and remove people here. */
export function MembersPanel({ room, onClose }: { room: RoomSummary; onClose(): void }) {
  const { t } = useI18n();
  const { store } = useChat();
  const { me, availability } = useChatState();
  const [members, setMembers] = useState<Member[]>([]);
  const [chosen, setChosen] = useState<Person[]>([]);
  const [bans, setBans] = useState<Ban[]>([]);
  const manages = room.role === "owner" || room.role === "admin" || me.role === "admin";
  // Moderators remove and ban in the rooms they can see, as the server's access.ts decides; DMs have no bans.
  const moderates = room.kind !== "dm" && (manages || me.role === "moderator");
  const refresh = useCallback(() => {
    void store.server.members(room.name).then(setMembers, () => undefined);
    if (moderates) void store.server.bans(room.name).then(setBans, () => undefined);
  }, [store, room.name, moderates]);
  useEffect(refresh, [refresh]);
  const memberIds = useMemo(() => members.map((member) => member.user.id), [members]);
  return (
    <aside className="thread" aria-label={t.members} data-testid="members">
      <header>
        <h2>{t.members}</h2>
        <button type="button" className="icon" aria-label={t.close} onClick={onClose}>
          <X />
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
            <Avatar user={member.user} /> <UserName user={member.user} /> <StatusNote availability={availability[member.user.id] ?? member.availability} />{" "}
            <span className="meta">{t.roomRoles[member.role]}</span>
            {moderates && member.user.id !== me.id && member.role !== "owner" && (
              <button
                type="button"
                className="small"
                onClick={() => void store.removeMember(room.name, member.user.username).then(refresh)}
                data-testid={`remove-${member.user.username}`}
              >
                {t.remove}
              </button>
            )}
            {moderates && member.user.id !== me.id && member.role !== "owner" && (
              <BanButton room={room.name} username={member.user.username} onDone={refresh} />
            )}
          </li>
        ))}
      </ul>
      {manages && (
        <form
          className="row invite-people"
          onSubmit={(event) => {
            event.preventDefault();
            const names = chosen.map((person) => person.username);
            setChosen([]);
            void (async () => {
              for (const name of names) await store.invite(room.name, name);
              refresh();
            })();
          }}
        >
          <PeoplePicker chosen={chosen} onChange={setChosen} exclude={memberIds} label={t.inviteName} testId="invite-picker" />
          <button type="submit" className="small" data-testid="invite">
            {t.invite}
          </button>
        </form>
      )}
      {moderates && <BannedList bans={bans} onUnban={(username) => void store.unban(room.name, username).then(refresh)} />}
      {manages && <RoomSettingsForm key={room.name} room={room} />}
      {(room.role === "owner" || me.role === "admin") && room.kind !== "dm" && room.name !== "general" && <DeleteRoomButton room={room} />}
      {manages && room.kind !== "dm" && room.joined && <RoomHooks key={`hooks-${room.name}`} room={room.name} />}
      {manages && room.kind !== "dm" && room.joined && <OutgoingHooks key={`outgoing-${room.name}`} room={room.name} isAdmin={me.role === "admin"} />}
      {me.role === "admin" && room.kind !== "dm" && <RetentionControl key={`retention-${room.name}`} room={room.name} />}
    </aside>
  );
}
