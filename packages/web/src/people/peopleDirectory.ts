import type { NatterClient } from "@natter/client";
import type { AvatarCrop, PeopleQuery, PeopleResponse, Person, User } from "@natter/protocol";

/** Ids asked for within this many milliseconds go out as one lookup. */
const BATCH_MS = 30;
const BATCH_MAX = 100;

/**
 * Everyone the app has drawn, by id: display name, picture, kind. Messages and lists carry only ids and
 * usernames; what is missing is looked up in batches, and profile_updated keeps what is known current.
 */
export class PeopleDirectory {
  private known: Readonly<Record<number, Person>> = {};
  private readonly asked = new Set<number>();
  private readonly queue = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly off: () => void;

  constructor(private readonly client: NatterClient) {
    this.off = client.on("profile_updated", (user) => this.learnUser(user));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): Readonly<Record<number, Person>> => this.known;

  /** Looks the person up unless they are known or already asked for. */
  want(id: number): void {
    if (id <= 0 || this.known[id] || this.asked.has(id)) return;
    this.asked.add(id);
    this.queue.add(id);
    this.timer ??= setTimeout(() => void this.flush(), BATCH_MS);
  }

  async search(query: PeopleQuery): Promise<PeopleResponse> {
    const page = await this.client.people.directory(query);
    this.learn(page.people);
    return page;
  }

  async setAvatar(picture: Blob, crop: AvatarCrop): Promise<User> {
    return this.learnUser(await this.client.people.setAvatar(picture, crop));
  }

  async removeAvatar(): Promise<User> {
    return this.learnUser(await this.client.people.removeAvatar());
  }

  stop(): void {
    this.off();
    if (this.timer) clearTimeout(this.timer);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const ids = [...this.queue].slice(0, BATCH_MAX);
    for (const id of ids) this.queue.delete(id);
    if (this.queue.size > 0) this.timer = setTimeout(() => void this.flush(), BATCH_MS);
    // Not found now is asked again on the next page load, not in a loop.
    this.learn(await this.client.people.byIds(ids).catch(() => []));
  }

  /** A profile change keeps presence and kind as they were known. */
  private learnUser(user: User): User {
    const before = this.known[user.id];
    const { displayName, avatarUrl } = user;
    this.learn([
      { online: false, bot: false, ...before, id: user.id, username: user.username, kind: user.kind, deactivated: user.deactivated, displayName, avatarUrl },
    ]);
    return user;
  }

  private learn(people: readonly Person[]): void {
    if (people.length === 0) return;
    this.known = { ...this.known, ...Object.fromEntries(people.map((person) => [person.id, person])) };
    for (const listener of this.listeners) listener();
  }
}
