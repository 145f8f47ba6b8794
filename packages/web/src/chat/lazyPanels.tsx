import { lazy, Suspense, type ReactNode } from "react";
import { useI18n } from "../i18n/I18n";

// Panels and the profile card load when first opened, so opening the chat downloads only the room itself
// (issue 7's first-load budget). Each is imported from its own file: an index module the chat already
// imports would keep it in the chat's chunk.
export const SearchPanel = lazy(() => import("../search/SearchPanel").then((module) => ({ default: module.SearchPanel })));
export const MentionsPanel = lazy(() => import("../catchUp/MentionsPanel").then((module) => ({ default: module.MentionsPanel })));
export const ThreadsPanel = lazy(() => import("../catchUp/ThreadsPanel").then((module) => ({ default: module.ThreadsPanel })));
export const PeoplePanel = lazy(() => import("../people/PeoplePanel").then((module) => ({ default: module.PeoplePanel })));
export const PinsPanel = lazy(() => import("../pins/PinsPanel").then((module) => ({ default: module.PinsPanel })));
export const SavedPanel = lazy(() => import("../pins/SavedPanel").then((module) => ({ default: module.SavedPanel })));
export const DirectoryPanel = lazy(() => import("../directory/DirectoryPanel").then((module) => ({ default: module.DirectoryPanel })));
export const MembersPanel = lazy(() => import("../rooms/MembersPanel").then((module) => ({ default: module.MembersPanel })));
export const ProfileCard = lazy(() => import("../people/ProfileCard").then((module) => ({ default: module.ProfileCard })));

/** A side panel while its code loads: the panel's place, marked busy, saying so to a screen reader. */
export function LazyPanel({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const loading = (
    <aside className="thread" aria-label={t.loading} aria-busy="true" data-testid="panel-loading">
      <p className="meta" role="status">
        {t.loading}
      </p>
    </aside>
  );
  return <Suspense fallback={loading}>{children}</Suspense>;
}

/** The profile card while its code loads: the same modal dialog, busy. */
export function LazyDialog({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  const loading = (
    <div className="overlay">
      <div className="card" role="dialog" aria-modal="true" aria-label={label} aria-busy="true">
        <p className="meta" role="status">
          {t.loading}
        </p>
      </div>
    </div>
  );
  return <Suspense fallback={loading}>{children}</Suspense>;
}
