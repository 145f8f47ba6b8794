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

export function Avatar({ name, size = "small" }: { name: string; size?: "small" | "large" }) {
  return (
    <span className={`avatar avatar-${size}`} style={{ backgroundColor: `hsl(${hue(name)} 55% 30%)` }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
