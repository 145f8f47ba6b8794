import type { Invite } from "@natter/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

/** Invites to register: made with a number of uses and a lifetime, listed, revoked. */
export function InvitesTab({ client }: TabProps) {
  const text = useConsoleText();
  const errorText = useErrorText();
  const [maxUses, setMaxUses] = useState(1);
  const [hours, setHours] = useState(72);
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [made, setMade] = useState("");
  const [error, setError] = useState("");

  const load = useCallback(async () => {
    try {
      setInvites(await client.admin.invites());
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [client]);
  useEffect(() => void load(), [load]);

  async function run(action: () => Promise<void>) {
    setError("");
    try {
      await action();
      await load();
    } catch (failure) {
      setError(errorText(failure));
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => setMade((await client.admin.createInvite({ maxUses, expiresInHours: hours })).url));
  }
  const stateOf = (invite: Invite) =>
    invite.revoked ? text.revoked : Date.parse(invite.expiresAt) <= Date.now() ? text.expired : invite.uses >= invite.maxUses ? text.usedUp : text.active;

  return (
    <section aria-labelledby="invites-title" data-testid="invites-tab">
      <h2 id="invites-title">{text.invitesTitle}</h2>
      <form className="console-form" onSubmit={submit} data-testid="invite-form">
        <label>
          {text.maxUses}
          <input type="number" min={1} max={1000} value={maxUses} onChange={(event) => setMaxUses(Number(event.target.value))} data-testid="invite-uses" />
        </label>
        <label>
          {text.expiresInHours}
          <input type="number" min={1} max={2160} value={hours} onChange={(event) => setHours(Number(event.target.value))} data-testid="invite-hours" />
        </label>
        <button type="submit" data-testid="create-invite">
          {text.createInvite}
        </button>
      </form>
      {made && (
        <p className="console-secret" role="status">
          <label>
            {text.inviteMade}
            <input readOnly value={made} data-testid="invite-url" onFocus={(event) => event.target.select()} />
          </label>
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="invites-error">
          {text.failed(error)}
        </p>
      )}
      {invites === null ? (
        <p role="status">{text.loading}</p>
      ) : invites.length === 0 ? (
        <p>{text.noInvites}</p>
      ) : (
        <table className="console-table" data-testid="invites">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{text.by}</th>
              <th scope="col">{text.created}</th>
              <th scope="col">{text.expires}</th>
              <th scope="col">{text.used}</th>
              <th scope="col">{text.state}</th>
              <th scope="col">{text.actions}</th>
            </tr>
          </thead>
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.id} data-testid={`invite-${invite.id}`}>
                <th scope="row">{invite.id}</th>
                <td>{invite.createdBy}</td>
                <td>
                  <time dateTime={invite.createdAt}>{new Date(invite.createdAt).toLocaleString()}</time>
                </td>
                <td>
                  <time dateTime={invite.expiresAt}>{new Date(invite.expiresAt).toLocaleString()}</time>
                </td>
                <td>
                  {invite.uses} / {invite.maxUses}
                </td>
                <td data-testid={`invite-state-${invite.id}`}>{stateOf(invite)}</td>
                <td>
                  {!invite.revoked && (
                    <button
                      type="button"
                      className="small danger"
                      onClick={() => void run(() => client.admin.revokeInvite(invite.id))}
                      data-testid={`revoke-${invite.id}`}
                    >
                      {text.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
