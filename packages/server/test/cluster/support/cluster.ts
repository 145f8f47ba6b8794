import { NatterClient } from "@natter/client";
import { ensureBuilt } from "./build.js";
import { checkEnvironment, type ClusterEnvironment } from "./environment.js";
import { NatterNode } from "./natterNode.js";
import { OutputTail } from "./processes.js";
import { RedisServer } from "./redisServer.js";
import { TcpProxy } from "./tcpProxy.js";
import { TestDatabase } from "./testDatabase.js";

export interface ClusterOptions {
  /** How many nodes start with the cluster, named A, B, C…; default 2. */
  nodes?: number;
  /**
   * Start them all at the same moment on the empty database, as operators do (default); false lets the first
   * migrate it alone before the others start.
   */
  together?: boolean;
  /** Nodes reach PostgreSQL through a proxy the test can take down (`databaseNetwork`). */
  databaseThroughProxy?: boolean;
}

export interface ClientOptions {
  /** How long one attempt of a send waits for its ack; default 3 s. */
  sendTimeoutMs?: number;
}

const NODE_NAMES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Several Natter nodes as separate processes, sharing one fresh PostgreSQL database and one Redis that belong to
 * this cluster alone; plus the people connected to them.
 */
export class Cluster {
  readonly nodes: NatterNode[] = [];
  private readonly clients: NatterClient[] = [];
  private readonly proxies: TcpProxy[] = [];
  private readonly tokens = new Map<string, string>();
  private nodeCount = 0;
  /** Between the nodes and PostgreSQL, with databaseThroughProxy. */
  databaseNetwork: TcpProxy | undefined;

  private constructor(
    readonly environment: ClusterEnvironment,
    readonly database: TestDatabase,
    readonly redis: RedisServer,
    readonly tail: OutputTail,
  ) {}

  static async start(environment: ClusterEnvironment, options: ClusterOptions = {}): Promise<Cluster> {
    await checkEnvironment(environment);
    await ensureBuilt();
    const tail = new OutputTail(800);
    const database = await TestDatabase.create(environment.databaseUrl);
    let redis: RedisServer | undefined;
    try {
      redis = await RedisServer.start(tail);
      const cluster = new Cluster(environment, database, redis, tail);
      try {
        if (options.databaseThroughProxy) {
          const { hostname, port } = new URL(database.url);
          cluster.databaseNetwork = await TcpProxy.start(Number(port || 5432), hostname || "127.0.0.1");
        }
        const count = options.nodes ?? 2;
        const together = options.together ?? true;
        if (count > 0 && !together) await cluster.addNode();
        const rest = together ? count : count - 1;
        await Promise.all(Array.from({ length: rest }, () => cluster.addNode()));
        return cluster;
      } catch (error) {
        await cluster.stop();
        throw error;
      }
    } catch (error) {
      await redis?.close();
      await database.drop().catch(() => undefined);
      throw error;
    }
  }

  /** The node of that name (A, B, …). */
  node(name: string): NatterNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`there is no node ${name}`);
    return node;
  }

  /** Starts one more node on a free port, or on the given one; names go on A, B, C… */
  async addNode(port?: number): Promise<NatterNode> {
    const name = NODE_NAMES[this.nodeCount++] ?? `N${this.nodeCount}`;
    const node = await NatterNode.start(name, { databaseUrl: this.nodesDatabaseUrl(), redisUrl: this.redis.url }, this.tail, port);
    this.nodes.push(node);
    return node;
  }

  /** A TCP proxy in front of a node, closed with the cluster. */
  async proxyTo(node: NatterNode): Promise<TcpProxy> {
    const proxy = await TcpProxy.start(node.port);
    this.proxies.push(proxy);
    return proxy;
  }

  /**
   * Someone connected through `via` (a node or a proxy): signed up as a guest the first time, and with the same
   * session afterwards (a session works on every node).
   */
  async person(username: string, via: { url: string }, options: ClientOptions = {}): Promise<NatterClient> {
    const token = this.tokens.get(username);
    const client = this.track(new NatterClient({ url: via.url, token, transports: ["websocket"], sendTimeoutMs: options.sendTimeoutMs ?? 3_000 }));
    if (token) await client.me();
    else await client.guest(username);
    this.tokens.set(username, client.token ?? "");
    await client.connect();
    return client;
  }

  closeClients(): void {
    for (const client of this.clients.splice(0)) client.close();
  }

  /** Nodes or Redis that exited without the test stopping them. */
  unexpectedExits(): string[] {
    return [...this.nodes.map((node) => node.unexpectedExit), this.redis.unexpectedExit].filter((exit): exit is string => exit !== undefined);
  }

  /** What the nodes and Redis printed, for a failing test's report. */
  report(): string {
    return this.tail.toString();
  }

  async stop(): Promise<void> {
    this.closeClients();
    await Promise.all(this.proxies.splice(0).map((proxy) => proxy.close()));
    await Promise.all(this.nodes.map((node) => node.stop()));
    await this.databaseNetwork?.close();
    await this.redis.close();
    await this.database.drop();
  }

  private nodesDatabaseUrl(): string {
    if (!this.databaseNetwork) return this.database.url;
    const url = new URL(this.database.url);
    url.hostname = "127.0.0.1";
    url.port = String(this.databaseNetwork.port);
    return url.toString();
  }

  private track(client: NatterClient): NatterClient {
    this.clients.push(client);
    return client;
  }
}
