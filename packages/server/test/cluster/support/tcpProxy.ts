import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A load balancer in miniature between clients and a node: it can be pointed at another node, cut every
 * connection, or refuse all traffic for a while (the network is down for the clients behind it).
 */
export class TcpProxy {
  private readonly connections = new Set<Socket>();
  private refusing = false;
  private silent = false;

  private constructor(
    private readonly server: Server,
    private targetPort: number,
    private readonly targetHost: string,
  ) {
    server.on("connection", (client) => this.relay(client));
  }

  static async start(targetPort: number, targetHost = "127.0.0.1"): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return new TcpProxy(server, targetPort, targetHost);
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get target(): number {
    return this.targetPort;
  }

  /** New connections go to this port; open ones stay where they are. */
  retarget(port: number): void {
    this.targetPort = port;
  }

  /** Drops every open connection; clients reconnect (to the current target). */
  cut(): void {
    for (const socket of this.connections) socket.destroy();
    this.connections.clear();
  }

  /** The network is down: open connections drop and new ones are refused until `up`. */
  down(): void {
    this.refusing = true;
    this.cut();
  }

  up(): void {
    this.refusing = false;
    if (this.silent) this.cut();
    this.silent = false;
  }

  /**
   * The network drops every packet without a word: open connections stall, new ones are accepted but never reach
   * the target. On `up` the stalled connections are dropped, as they would be once their peers give up.
   */
  partition(): void {
    this.silent = true;
    for (const socket of this.connections) {
      socket.unpipe();
      socket.pause();
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    if (this.refusing) return void client.destroy();
    if (this.silent) {
      this.connections.add(client);
      client.pause();
      client.on("error", () => undefined).on("close", () => this.connections.delete(client));
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    this.connections.add(client);
    this.connections.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.connections.delete(client);
      this.connections.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
