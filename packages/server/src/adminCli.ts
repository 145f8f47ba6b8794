import { nameKey, passwordSchema, registerBodySchema, type ServerRole } from "@natter/protocol";
import { createAccount, resetPassword, setRole } from "./domain/setup.js";
import { toUser } from "./domain/wire.js";
import { SettingsError, type Settings } from "./settings.js";
import { openStore, type Store } from "./storage/index.js";

export const ADMIN_USAGE = `  admin create-user --username U --password P [--role admin|moderator|member]
  admin set-role U admin|moderator|member
  admin reset-password U --password P   (sets the password and ends every session of U)`;

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
    return await adminCommand(store, input);
  } finally {
    await store.close();
  }
}

async function adminCommand(store: Store, input: AdminInput): Promise<string> {
  const domain = { store, now: Date.now };
  const [, action, name, roleWord] = input.positionals;
  if (action === "create-user") {
    const body = registerBodySchema.safeParse({ username: input.username, password: input.password });
    if (!body.success) throw new SettingsError(`create-user needs a valid --username and --password (${body.error.issues[0]?.message ?? "invalid"})`);
    const user = await createAccount(domain, { ...body.data, role: roleOf(input.role ?? "member") });
    return `created ${user.username} (${input.role ?? "member"})`;
  }
  if (action === "set-role") {
    const target = await userNamed(store, name);
    const role = roleOf(roleWord);
    if (target.kind === "guest" && role !== "user") throw new SettingsError(`${target.username} is a guest; guests cannot be admins or moderators`);
    await setRole(domain, target.id, role);
    // The server is never left without an admin: demoting the last one is undone.
    if (!(await store.hasAdmin())) {
      await setRole(domain, target.id, target.role);
      throw new SettingsError(`${target.username} is the last admin; make another admin first`);
    }
    return `${target.username} is now ${roleWord}`;
  }
  if (action === "reset-password") {
    const target = await userNamed(store, name);
    const password = passwordSchema.safeParse(input.password);
    if (!password.success) throw new SettingsError(`reset-password needs a valid --password (${password.error.issues[0]?.message ?? "invalid"})`);
    const ended = await resetPassword(domain, target.id, password.data);
    return `new password set for ${target.username}; ${ended} session(s) ended`;
  }
  throw new SettingsError(`unknown admin command "${action ?? ""}" (expected create-user, set-role or reset-password)`);
}

/** The CLI says "member" as the issue does; the stored server role for it is "user". */
function roleOf(word: string | undefined): ServerRole {
  if (word === "admin" || word === "moderator") return word;
  if (word === "member") return "user";
  throw new SettingsError(`the role must be admin, moderator or member, not "${word ?? ""}"`);
}

async function userNamed(store: Store, name: string | undefined) {
  if (!name) throw new SettingsError("name the user: natter admin <command> USERNAME");
  const row = await store.userByKey(nameKey(name.trim().normalize("NFC")));
  if (!row) throw new SettingsError(`no user is called "${name}"`);
  return toUser(row);
}
