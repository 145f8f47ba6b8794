import { displayNameSchema } from "@natter/protocol";
import { createUser } from "../../domain/accounts.js";
import { Refusal } from "../../domain/errors.js";
import { ADDRESS } from "../../domain/notifications/email.js";
import { SOURCE, type ImportContext } from "./context.js";
import { nameCandidates } from "./names.js";
import type { SlackUser } from "./slackSchemas.js";

/**
 * Slack users as Natter accounts that cannot log in until claimed: no password, and the Slack email kept
 * as verified, so an admin's one-time link or an SSO login with that email claims them. A user named in
 * messages but missing from users.json, and each bot, get an account of their own too, so no message
 * loses its author.
 */
export class SlackPeople {
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private nextDryId = -1;

  constructor(private readonly context: ImportContext) {}

  async load(users: readonly SlackUser[]): Promise<void> {
    await this.recall(users.map((user) => `user:${user.id}`));
    for (const user of users) {
      if (this.ids.has(`user:${user.id}`)) continue;
      const display = displayNameSchema.safeParse(user.profile?.display_name || user.profile?.real_name || user.real_name || "");
      const email = user.profile?.email?.trim().toLowerCase();
      await this.create(`user:${user.id}`, nameCandidates(user.name, user.id), {
        displayName: display.success ? display.data : "",
        email: email && ADDRESS.test(email) ? email : undefined,
      });
    }
  }

  /** The account of a Slack user id; one not in users.json gets a placeholder account, reported once. */
  async user(slackId: string): Promise<number> {
    const known = this.ids.get(`user:${slackId}`);
    if (known !== undefined) return known;
    await this.recall([`user:${slackId}`]);
    const recalled = this.ids.get(`user:${slackId}`);
    if (recalled !== undefined) return recalled;
    const id = await this.create(`user:${slackId}`, nameCandidates(`slack-${slackId}`, slackId), {});
    this.context.report.skip(`user ${slackId}`, `not in users.json: their messages are kept under the account "${this.names.get(`user:${slackId}`) ?? ""}"`);
    return id;
  }

  /** The account of a bot that posted without a user (an integration's `bot_message`). */
  async bot(botId: string, name: string | undefined): Promise<number> {
    const key = `bot:${botId}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    await this.recall([key]);
    return this.ids.get(key) ?? this.create(key, nameCandidates(name ? `${name}-bot` : undefined, `bot-${botId}`), {});
  }

  /** The Natter id of a user already loaded or created; undefined for one never seen. */
  known(slackId: string): number | undefined {
    return this.ids.get(`user:${slackId}`);
  }

  /** The Natter username, for `<@U123>` in text. */
  nameOf(slackId: string): string | undefined {
    return this.names.get(`user:${slackId}`);
  }

  private async recall(keys: readonly string[]): Promise<void> {
    const targets = await this.context.domain.store.importTargets(SOURCE, keys);
    if (targets.size === 0) return;
    const rows = await this.context.domain.store.usersByIds([...targets.values()]);
    const byId = new Map(rows.map((row) => [row.id, row.username]));
    for (const [key, id] of targets) {
      const name = byId.get(id);
      if (name === undefined) continue;
      this.ids.set(key, id);
      this.names.set(key, name);
    }
  }

  private async create(key: string, candidates: readonly string[], profile: { displayName?: string; email?: string | undefined }): Promise<number> {
    const { domain, dryRun, report } = this.context;
    report.counts.users++;
    if (dryRun) return this.remember(key, this.nextDryId--, candidates[0] ?? key);
    for (const name of candidates) {
      const row = await createUser(domain, name, null, "member").catch((error: unknown) => {
        if (error instanceof Refusal && (error.code === "USERNAME_TAKEN" || error.code === "USERNAME_RESERVED")) return undefined;
        throw error;
      });
      if (!row) continue;
      // The key first: a crash after it leaves an account the next run reuses, never a second one.
      await domain.store.saveImportKey(SOURCE, "user", key, row.id);
      const change = {
        ...(profile.displayName ? { display_name: profile.displayName } : {}),
        ...(profile.email ? { email: profile.email, email_verified_at: domain.now() } : {}),
      };
      await domain.store.updateUser(row.id, change);
      return this.remember(key, row.id, row.username);
    }
    throw new Error(`no free name for ${key} (tried ${candidates.join(", ")})`);
  }

  private remember(key: string, id: number, name: string): number {
    this.ids.set(key, id);
    this.names.set(key, name);
    return id;
  }
}
