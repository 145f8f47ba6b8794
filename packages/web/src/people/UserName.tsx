import { useChat } from "../chat/ChatContext";

/** A name that opens the person's profile card. */
export function UserName({ username, className = "" }: { username: string; className?: string }) {
  const { openProfile } = useChat();
  return (
    <button type="button" className={`link user-name ${className}`} onClick={() => openProfile(username)} data-testid="user-name">
      {username}
    </button>
  );
}
