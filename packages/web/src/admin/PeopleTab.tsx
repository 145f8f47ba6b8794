import type { AdminUser, ServerRole } from "@natter/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

const ROLES: ServerRole[] = ["user", "moderator", "admin"];

/** Everyone on the server: search, roles, deactivation and one-time reset links. */
export function PeopleTab({ client, me }: TabProps) {
  const text = useConsoleText();
  const errorText = useErrorText();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const [people, setPeople] = useState<AdminUser[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState("");
  const [link, setLink] = useState<{ username: string; url: string } | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      setError("");
      try {
        const page = await client.admin.users({ query, cursor });
        setPeople((shown) => (cursor && shown ? [...shown, ...page.users] : page.users));
        setNext(page.nextCursor);
      } catch (failure) {
        setError(errorText(failure));
      }
    },
    [client, query],
  );
  useEffect(() => void load(), [load]);

  async function act(username: string, change: () => Promise<AdminUser | void>) {
    setError("");
    try {
      const changed = await change();
      if (changed) setPeople((shown) => shown?.map((person) => (person.username === username ? changed : person)) ?? null);
    } catch (failure) {
      setError(errorText(failure));
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery(draft.trim());
  }

  return (
    <section aria-labelledby="people-title" data-testid="people-tab">
      <h2 id="people-title">{text.peopleTitle}</h2>
      <form className="console-filters" onSubmit={submit} role="search">
        <label>
          {text.searchPeople}
          <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} data-testid="people-query" />
        </label>
        <button type="submit">{text.search}</button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="people-error">
          {text.failed(error)}
        </p>
      )}
      {link && (
        <p className="console-secret" role="status">
          <label>
            {text.resetLinkFor(link.username)}
            <input readOnly value={link.url} data-testid="reset-link" onFocus={(event) => event.target.select()} />
          </label>
        </p>
      )}
      {people === null ? (
        <p role="status">{text.loading}</p>
      ) : people.length === 0 ? (
        <p>{text.nobodyFound}</p>
      ) : (
        <table className="console-table" data-testid="people">
          <thead>
            <tr>
              <th scope="col">{text.name}</th>
              <th scope="col">{text.kind}</th>
              <th scope="col">{text.role}</th>
              <th scope="col">{text.state}</th>
              <th scope="col">{text.actions}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id} data-testid={`person-${person.username}`} className={person.deactivated ? "deactivated" : ""}>
                <th scope="row">{person.displayName !== person.username ? `${person.displayName} (@${person.username})` : person.username}</th>
                <td>{person.kind === "guest" ? text.guest : text.memberKind}</td>
                <td>
                  <select
                    aria-label={text.roleOf(person.username)}
                    value={person.role}
                    disabled={person.kind === "guest" || person.id === me.id}
                    onChange={(event) => {
                      const role = ROLES.find((known) => known === event.target.value);
                      if (role) void act(person.username, () => client.admin.updateUser(person.username, { role }));
                    }}
                    data-testid={`role-${person.username}`}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {text.roleNames[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-testid={`state-${person.username}`}>{person.deactivated ? text.deactivated : text.active}</td>
                <td className="row">
                  {person.id !== me.id && (
                    <button
                      type="button"
                      className={`small ${person.deactivated ? "" : "danger"}`}
                      onClick={() => void act(person.username, () => client.admin.updateUser(person.username, { deactivated: !person.deactivated }))}
                      data-testid={`toggle-${person.username}`}
                    >
                      {person.deactivated ? text.reactivate : text.deactivate}
                    </button>
                  )}
                  {person.kind === "member" && (
                    <button
                      type="button"
                      className="small"
                      onClick={() =>
                        void act(person.username, async () => setLink({ username: person.username, url: (await client.admin.resetLink(person.username)).url }))
                      }
                      data-testid={`reset-${person.username}`}
                    >
                      {text.resetLink}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)}>
          {text.more}
        </button>
      )}
    </section>
  );
}
