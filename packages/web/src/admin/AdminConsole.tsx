import type { NatterClient } from "@natter/client";
import type { User } from "@natter/protocol";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import "./admin.css";
import { navigate, tabInPath, useConsoleNavigation, usePath, CONSOLE_PATH } from "./navigation";
import { tabsFor } from "./tabs";
import { useConsoleText } from "./text";

/** The console: a tab list (WAI-ARIA tabs: arrows, Home and End move between tabs) over the chosen tab's panel. */
export default function AdminConsole({ client, me }: { client: NatterClient; me: User }) {
  const text = useConsoleText();
  const { locale } = useI18n();
  const { leave } = useConsoleNavigation();
  const tabs = tabsFor(me);
  const path = usePath();
  const current = tabs.find((tab) => tab.id === tabInPath(path)) ?? tabs[0];
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  // `/admin` or an unknown tab lands on the first one the viewer may see.
  useEffect(() => {
    if (current && tabInPath(path) !== current.id) navigate(`${CONSOLE_PATH}/${current.id}`, true);
  }, [current, path]);

  function choose(index: number) {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    navigate(`${CONSOLE_PATH}/${tab.id}`);
    buttons.current.get(tab.id)?.focus();
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((tab) => tab.id === current?.id);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: tabs.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    choose(next);
  }

  return (
    <div className="console" data-testid="console">
      <header className="console-header">
        <h1>{text.consoleTitle}</h1>
        <LanguageSwitch />
        <button type="button" className="small" onClick={leave} data-testid="leave-console">
          {text.backToChat}
        </button>
      </header>
      {current ? (
        <main className="console-body">
          <div className="console-tabs" role="tablist" aria-label={text.tabs} aria-orientation="horizontal" onKeyDown={onKeyDown}>
            {tabs.map((tab) => (
              <button
                key={tab.id}
                ref={(element) => void (element ? buttons.current.set(tab.id, element) : buttons.current.delete(tab.id))}
                type="button"
                role="tab"
                id={`console-tab-${tab.id}`}
                aria-selected={tab.id === current.id}
                aria-controls={`console-panel-${tab.id}`}
                tabIndex={tab.id === current.id ? 0 : -1}
                onClick={() => navigate(`${CONSOLE_PATH}/${tab.id}`)}
                data-testid={`console-tab-${tab.id}`}
              >
                {tab.label[locale]}
              </button>
            ))}
          </div>
          <div className="console-panel" role="tabpanel" id={`console-panel-${current.id}`} aria-labelledby={`console-tab-${current.id}`} tabIndex={0}>
            <current.Panel key={current.id} client={client} me={me} />
          </div>
        </main>
      ) : (
        <main className="console-panel">
          <p>{text.nothingForYou}</p>
        </main>
      )}
    </div>
  );
}
