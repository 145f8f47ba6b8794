import { passwordSchema, registerBodySchema, type ServerRole } from "@natter/protocol";
import { recordAudit } from "./domain/audit.js";
import { Refusal } from "./domain/errors.js";
import { createResetLink } from "./domain/passwordResets.js";
import { changeRole, setDeactivated } from "./domain/people.js";
import { createAccount, resetPassword } from "./domain/setup.js";
import { usernameKey } from "./domain/usernames.js";
import { SettingsError, type Settings } from "./settings.js";
import { openStore, type Store } from "./storage/index.js";

export const ADMIN_USAGE = `  admin create-user --username U --password P [--role admin|moderator|member]
  admin set-role U admin|moderator|member
  admin reset-password U                 (prints a one-time link, valid 24 h, where U sets a new password)
  admin reset-password U --password P    (sets the password and ends every session of U)
  admin deactivate U                     (ends every session of U and refuses their log-in; messages stay)
  admin reactivate U`;

export interface AdminInput {
  positionals: string[];
  username?: string;
  password?: string;
  role?: string;
}

/** `natter admin …`: works on the same database as a running server (SQLite's WAL lets both write). */
export async function runAdmin(settings: Settings, input: AdminInput): Promise<string> {
  const store = openStore(settings);
  try {
    await store.migrate();
    // The domain's refusals (last admin, guests, taken names) read as the CLI's one-line errors.
    return await adminCommand(store, settings, input).catch((error: unknown) => {
      throw error instanceof Refusal ? new SettingsError(error.message) : error;
    });
  } finally {
    await store.close();
  }
}

async function adminCommand(store: Store, settings: Settings, input: AdminInput): Promise<string> {
  // The CLI reaches no running server's sockets: sessions it ends are refused at the next request or reconnect.
  const domain = { store, now: Date.now, publicUrl: () => (settings.publicUrl ?? `http://127.0.0.1:${settings.port}`).replace(/\/+$/, "") };
  const [, action, name, roleWord] = input.positionals;
  if (action === "create-user") {
    const body = registerBodySchema.safeParse({ username: input.username, password: input.password });
    if (!body.success) throw new SettingsError(`create-user needs a valid --username and --password (${body.error.issues[0]?.message ?? "invalid"})`);
    const user = await createAccount(domain, { ...body.data, role: roleOf(input.role ?? "member") });
    await recordAudit(domain, { actor: "cli", action: "user.create", target: user.username, details: { role: user.role } });
    return `created ${user.username} (${input.role ?? "member"})`;
  }
  if (action === "set-role") {
    const target = await userNamed(store, name);
    await changeRole(domain, "cli", target, roleOf(roleWord));
    return `${target.username} is now ${roleWord ?? ""}`;
  }
  if (action === "reset-password" && input.password === undefined) {
    const target = await userNamed(store, name);
    const link = await createResetLink(domain, "cli", target);
    return `one-time link for ${target.username}, valid until ${link.expiresAt}: ${link.url}`;
  }
  if (action === "reset-password") {
    const target = await userNamed(store, name);
    const password = passwordSchema.safeParse(input.password);
    if (!password.success) throw new SettingsError(`reset-password needs a valid --password (${password.error.issues[0]?.message ?? "invalid"})`);
    const ended = await resetPassword(domain, target.id, password.data);
    await recordAudit(domain, { actor: "cli", action: "user.password_set", target: target.username });
    return `new password set for ${target.username}; ${ended} session(s) ended`;
  }
  if (action === "deactivate" || action === "reactivate") {
    const target = await userNamed(store, name);
    await setDeactivated(domain, "cli", target, action === "deactivate");
    return `${target.username} is ${action}d`;
  }
  throw new SettingsError(`unknown admin command "${action ?? ""}" (expected create-user, set-role, reset-password, deactivate or reactivate)`);
}

/** The CLI says "member" as the issue does; the stored server role for it is "user". */
function roleOf(word: string | undefined): ServerRole {
  if (word === "admin" || word === "moderator") return word;
  if (word === "member") return "user";
  throw new SettingsError(`the role must be admin, moderator or member, not "${word ?? ""}"`);
}

async function userNamed(store: Store, name: string | undefined) {
  if (!name) throw new SettingsError("name the user: natter admin <command> USERNAME");
  const row = await store.userByKey(usernameKey(name.trim().normalize("NFC")));
  if (!row) throw new SettingsError(`no user is called "${name}"`);
  return row;
}
