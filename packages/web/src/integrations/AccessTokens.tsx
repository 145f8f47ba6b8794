import { tokenScopes, type ApiToken, type TokenScope } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { ShownOnce } from "./ShownOnce";
import { useErrorText } from "../i18n/errorText";

/** The user's personal access tokens, for scripts and bots: make one (shown once), see its last use, revoke it. */
export function AccessTokens() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const { me } = useChatState();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScope[]>(["read"]);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState("");
  const refresh = useCallback(() => void store.server.tokens().then(setTokens, () => undefined), [store]);
  useEffect(refresh, [refresh]);
  const fail = (failure: unknown) => setError(errorText(failure));
  const offered = tokenScopes.filter((scope) => scope !== "admin" || me.role === "admin");

  return (
    <section className="integrations" aria-labelledby="access-tokens" data-testid="access-tokens">
      <h3 id="access-tokens">{t.accessTokens}</h3>
      <ul>
        {tokens
          .filter((token) => token.user.id === me.id)
          .map((token) => (
            <li key={token.id} data-testid="access-token">
              {token.name} <span className="meta">{token.scopes.map(t.scopeLabel).join(", ")}</span>{" "}
              <span className="meta">{token.lastUsedAt ? t.lastUsed(new Date(token.lastUsedAt).toLocaleString(locale)) : t.neverUsed}</span>
              <button type="button" className="small" onClick={() => void store.server.revokeToken(token.id).then(refresh, fail)}>
                {t.revokeToken(token.name)}
              </button>
            </li>
          ))}
      </ul>
      {shown && <ShownOnce label={shown.name} value={shown.token} testId="new-token" />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim() || scopes.length === 0) return;
          void store.server.createToken(name.trim(), scopes).then(({ token, info }) => {
            setShown({ name: info.name, token });
            setError("");
            refresh();
          }, fail);
          setName("");
        }}
      >
        <input
          aria-label={t.tokenName}
          placeholder={t.tokenName}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          data-testid="token-name"
        />
        <fieldset className="row">
          {offered.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => setScopes((current) => (event.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
                data-testid={`scope-${scope}`}
              />
              {t.scopeLabel(scope)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="small" data-testid="add-token">
          {t.addToken}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
