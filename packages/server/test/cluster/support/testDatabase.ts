import { randomBytes } from "node:crypto";
import pg from "pg";

/** One message as the database holds it. */
export interface StoredMessage {
  id: number;
  seq: number;
  authorId: number;
  author: string;
  clientMsgId: string;
  text: string;
}

/** A PostgreSQL database created for one test file and dropped at its end. */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly adminUrl: string,
    private readonly reader: pg.Client,
  ) {}

  /** Creates `natter_cluster_<random>` on the server of `adminUrl`. */
  static async create(adminUrl: string, prefix = "natter_cluster"): Promise<TestDatabase> {
    const name = `${prefix}_${randomBytes(6).toString("hex")}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const reader = new pg.Client({ connectionString: url.toString() });
    reader.on("error", () => undefined);
    await reader.connect();
    return new TestDatabase(name, url.toString(), adminUrl, reader);
  }

  async query<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.reader.query<T>(text, values)).rows;
  }

  /** A room's messages in seq order, straight from the tables. */
  roomMessages(room: string): Promise<StoredMessage[]> {
    return this.query<StoredMessage>(
      `select m.id::int as id, m.seq::int as seq, m.author_id::int as "authorId", u.username as author,
              m.client_msg_id as "clientMsgId", m.text
         from messages m join rooms r on r.id = m.room_id join users u on u.id = m.author_id
        where r.name = $1 order by m.seq`,
      [room],
    );
  }

  /** Ends every other session on this database, as a failover or an administrator would. */
  async terminateConnections(): Promise<number> {
    const rows = await this.query<{ pid: number }>(
      "select pg_terminate_backend(pid), pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [this.name],
    );
    return rows.length;
  }

  async drop(): Promise<void> {
    await this.reader.end().catch(() => undefined);
    await withClient(this.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }
}

async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws a message naming the URL when PostgreSQL does not answer. */
export async function checkPostgres(url: string): Promise<void> {
  try {
    await withClient(url, (client) => client.query("select 1"));
  } catch (error) {
    throw new Error(`DATABASE_URL ${url} is unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
