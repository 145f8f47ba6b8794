import type Database from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from "kysely";

const CACHED_STATEMENTS = 256;

/**
 * Kysely over better-sqlite3, like Kysely's own SqliteDialect but built for a busy chat server:
 * its one connection is handed out first come, first served (Kysely's lock wakes every waiter on
 * each release, quadratic under a burst of sends), and prepared statements are kept for reuse.
 */
export class BusySqliteDialect implements Dialect {
  constructor(private readonly database: Database.Database) {}

  createDriver(): Driver {
    return new QueuedSqliteDriver(this.database);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class QueuedSqliteDriver implements Driver {
  private readonly connection: CachingSqliteConnection;
  private readonly lock = new FifoLock();

  constructor(private readonly database: Database.Database) {
    this.connection = new CachingSqliteConnection(database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    this.lock.release();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async destroy(): Promise<void> {
    this.database.close();
  }
}

interface PreparedStatement {
  statement: Database.Statement;
  /** For statements that return rows: their column names, as rows are read as arrays. */
  columns: string[] | undefined;
}

class CachingSqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, PreparedStatement>();

  constructor(private readonly database: Database.Database) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, columns } = this.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (columns) return { rows: namedRows(statement.all(parameters) as unknown[][], columns) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // eslint-disable-next-line require-yield -- Natter never streams; the interface asks for the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Natter's SQLite connection does not stream queries");
  }

  private prepare(sql: string): PreparedStatement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const statement = this.database.prepare(sql);
    const columns = statement.reader ? statement.columns().map((column) => column.name) : undefined;
    if (columns) statement.raw(true);
    if (this.statements.size >= CACHED_STATEMENTS) {
      const oldest = this.statements.keys().next();
      if (!oldest.done) this.statements.delete(oldest.value);
    }
    const prepared = { statement, columns };
    this.statements.set(sql, prepared);
    return prepared;
  }
}

/**
 * better-sqlite3 builds each row object one property at a time through V8's C++ API, which took more than
 * half of a 50-message history page; reading rows as arrays and naming them here costs about half as much.
 * As with objects, a later column of the same name wins.
 */
function namedRows(rows: readonly unknown[][], columns: readonly string[]): Record<string, unknown>[] {
  return rows.map((values) => namedRow(values, columns));
}

/** One row read as an array, named by its statement's columns: the caller says which row type those columns make. */
export function namedRow<Row = Record<string, unknown>>(values: readonly unknown[], columns: readonly string[]): Row {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i];
  return row as Row;
}

/** One holder at a time; waiters are woken one by one, in the order they came. */
export class FifoLock {
  private held = false;
  private readonly waiters: Array<() => void> = [];
  private head = 0;

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters[this.head];
    if (!next) {
      this.held = false;
      return;
    }
    this.head += 1;
    if (this.head === this.waiters.length) {
      this.waiters.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      this.waiters.splice(0, this.head);
      this.head = 0;
    }
    next();
  }
}
