import "./people.css";
import { usePerson } from "./usePeople";

/** A colour per name, the same everywhere the person appears; at 30% lightness white initials keep 4.5:1 on every hue. */
function hue(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

export function initials(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[1]] : [name];
  return letters
    .map((part) => [...(part ?? "")].slice(0, parts.length > 1 ? 1 : 2).join(""))
    .join("")
    .toUpperCase();
}

/**
 * Someone's picture, or their initials on a colour of their own until they have one. Decorative: the name
 * beside it says who it is. `user.avatarUrl`, when given, wins over what the people directory knows.
 */
export function Avatar({ user, size = "small" }: { user: { id?: number; username: string; avatarUrl?: string | null }; size?: "small" | "large" }) {
  const person = usePerson(user.avatarUrl === undefined ? user.id : undefined);
  const url = user.avatarUrl === undefined ? person?.avatarUrl : user.avatarUrl;
  if (url) return <img className={`avatar avatar-${size}`} src={url} alt="" aria-hidden="true" data-testid="avatar-image" />;
  const name = person?.displayName ?? user.username;
  // Dark enough that white letters keep 4.5:1 on every hue (yellows and greens are the brightest).
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ backgroundColor: `hsl(${hue(user.username)} 55% 30%)` }}
      aria-hidden="true"
      data-testid="avatar-initials"
    >
      {initials(name)}
    </span>
  );
}
