#!/usr/bin/env node
import { parseArgs } from "node:util";
import { ADMIN_USAGE, runAdmin, type AdminInput } from "./adminCli.js";
import { IMPORT_USAGE, runImport } from "./importers/importCli.js";
import { BACKUP_USAGE, runBackupCommand } from "./backup/backupCli.js";
import { BackupError } from "./backup/manifest.js";
import { ARCHIVE_USAGE, runExport, runImport as runNatterImport, type ExportFlags } from "./archiveCli.js";
import { createNatter } from "./natter.js";
import { kebab, resolveSettings, settingSpecs, settingsHelp, SettingsError, type SettingsInput } from "./settings.js";
import { openStore } from "./storage/index.js";

const SHUTDOWN_LIMIT_MS = 10_000;
const adminFlags = { username: { type: "string" }, password: { type: "string" }, role: { type: "string" } } as const;
const importFlags = { "dry-run": { type: "boolean" } } as const;
const exportFlags = { room: { type: "string" }, all: { type: "boolean" }, to: { type: "string" } } as const;

const USAGE = `Usage: natter [serve|migrate|admin|import|export|backup|restore] [options]

  serve     start the server (the default)
  migrate   bring the database schema up to date, then exit
${ADMIN_USAGE}
${IMPORT_USAGE}
${BACKUP_USAGE}
${ARCHIVE_USAGE}

Each option is also an environment variable:
${settingsHelp()}
`;

async function main(argv: string[]): Promise<void> {
  const { command, options, help, admin, dryRun, positionals, force, archive } = parseCommandLine(argv);
  if (help) return void process.stdout.write(USAGE);
  const settings = resolveSettings(options, process.env);
  if (command === "admin") return void process.stdout.write(`natter: ${await runAdmin(settings, admin)}\n`);
  // Two formats come in: a Slack workspace export, and Natter's own archive (docs/export.md).
  if (command === "import" && positionals[1] === "natter") return void process.stdout.write(`natter: ${await runNatterImport(settings, positionals)}\n`);
  if (command === "import") return runImport(settings, positionals, { dryRun, out: process.stdout, err: process.stderr });
  if (command === "backup" || command === "restore")
    return void process.stdout.write(`natter: ${await runBackupCommand(settings, command, admin.positionals, force)}\n`);
  if (command === "export") return void process.stdout.write(`natter: ${await runExport(settings, archive)}\n`);
  if (command === "migrate") {
    const store = openStore(settings);
    await store.migrate();
    await store.close();
    process.stdout.write(`natter: the ${store.dialect} database is up to date\n`);
    return;
  }
  const natter = await createNatter(settings);
  const { url } = await natter.listen();
  natter.http.log.info(`Natter is serving ${url} (${settings.databaseUrl ? "PostgreSQL" : `SQLite in ${settings.dataDir}`})`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      natter.http.log.info(`${signal}: shutting down`);
      setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
      natter.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

function parseCommandLine(argv: string[]): {
  command: string;
  options: SettingsInput;
  help: boolean;
  admin: AdminInput;
  dryRun: boolean;
  positionals: string[];
  force: boolean;
  archive: ExportFlags;
} {
  const flags = Object.fromEntries(Object.keys(settingSpecs).map((key) => [kebab(key), { type: "string" as const }]));
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...flags, ...adminFlags, ...importFlags, ...exportFlags, force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0] ?? "serve";
  if (!["serve", "migrate", "admin", "import", "export", "backup", "restore"].includes(command))
    throw new SettingsError(`unknown command "${command}" (expected serve, migrate, admin, import, export, backup or restore)`);
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(settingSpecs)) {
    const value = (values as Record<string, unknown>)[kebab(key)];
    if (typeof value === "string") options[key] = value;
  }
  const admin: AdminInput = { positionals, username: values.username, password: values.password, role: values.role };
  const archive: ExportFlags = { room: values.room, all: values.all, to: values.to };
  return {
    command,
    options: options as SettingsInput,
    help: values.help === true,
    admin,
    dryRun: values["dry-run"] === true,
    positionals,
    force: values.force === true,
    archive,
  };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`natter: ${message}\n`);
  process.exit(error instanceof SettingsError || error instanceof BackupError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? 2 : 1);
});
