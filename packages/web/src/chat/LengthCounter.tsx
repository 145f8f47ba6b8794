import { useComposerText } from "./composerText";

/** The counter shows once a message reaches this share of the server's limit: earlier it is only noise. */
const SHOW_FROM = 0.9;

/** Characters left before the server's limit, shown near it; over it, how many too many (the send is refused). */
export function LengthCounter({ length, max, testId }: { length: number; max: number; testId: string }) {
  const text = useComposerText();
  if (length < max * SHOW_FROM) return null;
  const left = max - length;
  return (
    <span className={`length-counter ${left < 0 ? "over" : ""}`} data-testid={testId}>
      {left < 0 ? text.charactersOver(-left) : text.charactersLeft(left)}
    </span>
  );
}
