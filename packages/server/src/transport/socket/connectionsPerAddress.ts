import type { IncomingMessage } from "node:http";

/**
 * Open connections per client address, so one address cannot hold the server's sockets hostage. Past the cap
 * a new handshake is refused until one of that address's connections closes. 0 means no cap.
 */
export class ConnectionsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly trustProxy: boolean,
  ) {}

  admits(request: IncomingMessage): boolean {
    return this.max <= 0 || (this.open.get(this.addressOf(request)) ?? 0) < this.max;
  }

  /** Counts a connection until `onClose` fires. */
  track(request: IncomingMessage, onClose: (listener: () => void) => void): void {
    if (this.max <= 0) return;
    const address = this.addressOf(request);
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    onClose(() => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
  }

  /** Behind a trusted load balancer the client is the first X-Forwarded-For entry; otherwise the peer. */
  private addressOf(request: IncomingMessage): string {
    const forwarded = this.trustProxy ? request.headers["x-forwarded-for"] : undefined;
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    return first || request.socket.remoteAddress || "unknown";
  }
}
