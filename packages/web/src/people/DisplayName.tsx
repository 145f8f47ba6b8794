import { usePerson } from "./usePeople";

/** A person's display name as plain text (inside another control), the username on hover. */
export function DisplayName({ user }: { user: { id: number; username: string } }) {
  const person = usePerson(user.id);
  return <span title={`@${user.username}`}>{person?.displayName ?? user.username}</span>;
}
