import type { Delivery } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useIntegrationText } from "./text";

/** An outgoing webhook's last deliveries, newest first: how each went, how often it was tried, what went wrong. */
export function DeliveryLog({ hookId, label }: { hookId: number; label: string }) {
  const { locale } = useI18n();
  const text = useIntegrationText();
  const { store } = useChat();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const refresh = useCallback(() => void store.server.deliveries(hookId).then(setDeliveries, () => setDeliveries([])), [store, hookId]);
  useEffect(refresh, [refresh]);
  const when = (at: string) => new Date(at).toLocaleString(locale);

  return (
    <section className="delivery-log" aria-label={label} data-testid="delivery-log">
      <div className="integration-row">
        <h4>{text.deliveries}</h4>
        <button type="button" className="small" onClick={refresh} data-testid="refresh-deliveries">
          {text.refresh}
        </button>
      </div>
      {deliveries === null ? null : deliveries.length === 0 ? (
        <p className="meta">{text.noDeliveries}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{text.deliveryTime}</th>
              <th scope="col">{text.deliveryState}</th>
              <th scope="col">{text.deliveryAttempts}</th>
              <th scope="col">{text.deliveryAnswer}</th>
              <th scope="col">{text.deliveryError}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-testid="delivery">
                <td>
                  <time dateTime={delivery.createdAt}>{when(delivery.createdAt)}</time>
                </td>
                <td data-testid="delivery-status">
                  {text.deliveryStatus[delivery.status]}
                  {delivery.nextAttemptAt && <span className="meta"> ({text.nextTry(when(delivery.nextAttemptAt))})</span>}
                </td>
                <td data-testid="delivery-attempts">{delivery.attempts}</td>
                <td>{delivery.responseStatus ?? "—"}</td>
                <td>{delivery.error ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
