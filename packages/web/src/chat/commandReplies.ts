/** What this tab tells itself about a command (its refusal): shown with the server's ephemeral answers. */
type Reply = { room: string; command: string; text: string };

const listeners = new Set<(reply: Reply) => void>();

export function showLocalReply(reply: Reply): void {
  for (const listener of listeners) listener(reply);
}

export function onLocalReply(listener: (reply: Reply) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
