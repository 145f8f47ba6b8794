import { PROTOCOL_VERSION } from "@natter/protocol";
import { NatterError } from "./errors.js";
import type { ConnectionStatus } from "./options.js";
import { linkOf, type ClientSocket, type SocketLink } from "./socketLink.js";

export interface ConnectionOptions {
  baseUrl: string;
  transports: ("websocket" | "polling")[];
  token: () => string | null;
  status: (status: ConnectionStatus) => void;
  /** A new socket exists: subscribe to what the server pushes. */
  opened: (link: SocketLink) => void;
  /** Connected again after a drop: catch up before the status says "connected". */
  reconnected: () => Promise<void>;
  /** Closed for good (by close(), or because the server refused the session). */
  closed: () => void;
  /** A session that worked was refused on reconnecting (logged out elsewhere, password changed, deactivated). */
  refused: (error: NatterError) => void;
}

/** The socket's life: opening it, reconnecting after drops Socket.IO would not retry by itself, closing it. */
export class Connection {
  private socket: ClientSocket | null = null;
  private currentLink: SocketLink | null = null;
  private everConnected = false;
  private closed = false;
  private opening: Promise<void> | null = null;

  constructor(private readonly options: ConnectionOptions) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The open socket, or null before connect() and after close(). */
  get link(): SocketLink | null {
    return this.currentLink;
  }

  connect(): Promise<void> {
    if (this.socket) {
      if (this.socket.connected) return Promise.resolve();
      if (!this.socket.active) this.socket.connect();
      return this.waitForConnect(this.socket);
    }
    this.closed = false;
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  disconnect(): void {
    this.socket?.disconnect();
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = null;
    this.currentLink = null;
    this.options.closed();
    this.options.status("disconnected");
  }

  /** Socket.IO's client is loaded on first connect, so a login page does not wait for it. */
  private async open(): Promise<void> {
    this.options.status("connecting");
    const { io } = await import("socket.io-client");
    if (this.closed) throw new NatterError({ code: "UNAVAILABLE", message: "The client was closed while connecting" });
    const socket: ClientSocket = io(this.options.baseUrl, {
      transports: this.options.transports,
      auth: (send) => send({ token: this.options.token() ?? undefined, protocol: PROTOCOL_VERSION }),
      withCredentials: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    this.currentLink = linkOf(socket);
    socket.on("connect", () => void this.onConnect());
    socket.on("disconnect", (reason) => {
      this.options.status("disconnected");
      // The server closed us on purpose (e.g. restart): Socket.IO won't retry by itself then.
      if (reason === "io server disconnect" && !this.closed) setTimeout(() => socket.connect(), 250 + Math.random() * 750);
    });
    socket.on("connect_error", (error) => {
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      // A refusal by our middleware is not retried by Socket.IO; retry the ones that can heal.
      if (code && code !== "UNAUTHORIZED" && code !== "FORBIDDEN" && !this.closed) {
        setTimeout(() => socket.connect(), 500 + Math.random() * 1_500);
      } else if ((code === "UNAUTHORIZED" || code === "FORBIDDEN") && this.everConnected && !this.closed) {
        // The session ended while we were connected: say so once and stop, rather than reconnect forever.
        this.close();
        this.options.refused(new NatterError({ code, message: (error as Error & { data?: { message?: string } }).data?.message ?? error.message }));
      }
    });
    this.options.opened(this.currentLink);
    return this.waitForConnect(socket);
  }

  private waitForConnect(socket: ClientSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        socket.off("connect", onConnect);
        socket.off("connect_error", onError);
      };
      const onConnect = () => (done(), resolve());
      const onError = (error: Error & { data?: { code?: string; message?: string } }) => {
        if (error.data?.code !== "UNAUTHORIZED" && error.data?.code !== "FORBIDDEN") return;
        done();
        this.close();
        reject(new NatterError({ code: error.data.code, message: error.data.message ?? error.message }));
      };
      socket.on("connect", onConnect);
      socket.on("connect_error", onError);
    });
  }

  private async onConnect(): Promise<void> {
    if (!this.everConnected) {
      this.everConnected = true;
      this.options.status("connected");
      return;
    }
    this.options.status("catching-up");
    await this.options.reconnected();
    if (this.socket?.connected) this.options.status("connected");
  }
}
