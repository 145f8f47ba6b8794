import type { OutgoingHook } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { DeliveryLog } from "./DeliveryLog";
import { IntegrationList } from "./IntegrationList";
import { OutgoingHookForm, type OutgoingHookInput } from "./OutgoingHookForm";
import { ShownOnce } from "./ShownOnce";
import { useIntegrationText } from "./text";
import { useFailure } from "./useFailure";

/**
 * A room's outgoing webhooks, for its owners and admins: add one (for the room's messages, or for a bot's mentions
 * when a server admin), read its delivery log, give it a new signing secret, delete it.
 */
export function OutgoingHooks({ room, isAdmin }: { room: string; isAdmin: boolean }) {
  const text = useIntegrationText();
  const { store } = useChat();
  const [hooks, setHooks] = useState<OutgoingHook[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [shown, setShown] = useState<{ url: string; secret: string } | null>(null);
  const refresh = useCallback(() => void store.server.outgoingHooks().then(setHooks, () => undefined), [store]);
  useEffect(refresh, [refresh]);
  const { fail, clear, note } = useFailure();
  const show = ({ hook, secret }: { hook: OutgoingHook; secret: string }) => {
    setShown({ url: hook.url, secret });
    clear();
    refresh();
  };
  // A server admin's list holds every hook: this room's, and the bots' (which answer in any room, so they are set up here too).
  const listed = hooks.filter((hook) => hook.room === room || (isAdmin && hook.bot !== null));

  return (
    <section className="integrations" aria-labelledby={`outgoing-${room}`} data-testid="outgoing-hooks">
      <h3 id={`outgoing-${room}`}>{text.outgoingHooks}</h3>
      <IntegrationList
        label={text.outgoingHooks}
        empty={text.noOutgoingHooks}
        testId="outgoing-hook"
        rows={listed.map((hook) => ({
          key: hook.id,
          title: hook.url,
          facts: [
            hook.bot ? text.mentionsOf(hook.bot.username) : text.inRoom(room),
            hook.triggerWords.length > 0 ? text.triggeredBy(hook.triggerWords.join(" ")) : text.everyMessage,
          ],
          actions: (
            <>
              <button type="button" className="small" aria-expanded={open === hook.id} onClick={() => setOpen(open === hook.id ? null : hook.id)}>
                {open === hook.id ? text.hideDeliveries : text.showDeliveries(hook.url)}
              </button>
              <button type="button" className="small" onClick={() => void store.server.rotateOutgoingHook(hook.id).then(show, fail)}>
                {text.rotateSecret(hook.url)}
              </button>
              <button type="button" className="small" onClick={() => void store.server.deleteOutgoingHook(hook.id).then(refresh, fail)}>
                {text.deleteOutgoing(hook.url)}
              </button>
            </>
          ),
          details: open === hook.id && <DeliveryLog hookId={hook.id} label={text.showDeliveries(hook.url)} />,
        }))}
      />
      {shown && <ShownOnce label={text.signingSecret(shown.url)} value={shown.secret} testId="outgoing-secret" />}
      <OutgoingHookForm room={room} offerBots={isAdmin} onSubmit={(input: OutgoingHookInput) => void store.server.createOutgoingHook(input).then(show, fail)} />
      {note}
    </section>
  );
}
