import { useChat } from "../chat/ChatContext";
import { usePerson } from "./usePeople";

/** A person's display name that opens their profile card; the username shows on hover. */
export function UserName({ user, className = "" }: { user: { id: number; username: string }; className?: string }) {
  const { openProfile } = useChat();
  const person = usePerson(user.id);
  return (
    <button
      type="button"
      className={`link user-name ${className}`}
      onClick={() => openProfile(user.username)}
      title={`@${user.username}`}
      data-testid="user-name"
      data-username={user.username}
    >
      {person?.displayName ?? user.username}
    </button>
  );
}
