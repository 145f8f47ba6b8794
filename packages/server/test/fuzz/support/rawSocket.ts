import WebSocket from "ws";

/** A Socket.IO connection spoken by hand over a plain websocket, so anything at all can be sent. */
export interface RawConnection {
  send(frame: string | Buffer): void;
  /** The next text frame matching the test, or "closed" when the server closes first, or "silent" after the wait. */
  next(matches: (frame: string) => boolean, waitMs?: number): Promise<string>;
  readonly open: boolean;
  close(): void;
}

export async function openRawConnection(url: string, token: string): Promise<RawConnection> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  const waiters: (() => void)[] = [];
  let closed = false;
  const wake = () => waiters.splice(0).forEach((w) => w());
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    const text = isBinary ? "<binary>" : data.toString("utf8");
    if (text === "2") ws.send("3"); // Engine.IO ping
    frames.push(text);
    wake();
  });
  ws.on("close", () => {
    closed = true;
    wake();
  });
  ws.on("error", () => undefined);

  const connection: RawConnection = {
    send: (frame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    async next(matches, waitMs = 3_000) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const index = frames.findIndex(matches);
        if (index >= 0) return frames.splice(index, 1)[0] ?? "";
        if (closed) return "closed";
        const left = deadline - Date.now();
        if (left <= 0) return "silent";
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    get open() {
      return !closed;
    },
    close: () => ws.close(),
  };
  const opened = await connection.next((frame) => frame.startsWith("0{"));
  if (!opened.startsWith("0{")) throw new Error(`no Engine.IO open: ${opened}`);
  connection.send(`40${JSON.stringify({ token })}`);
  const accepted = await connection.next((frame) => frame.startsWith("40") || frame.startsWith("44"));
  if (!accepted.startsWith("40")) throw new Error(`Socket.IO connect refused: ${accepted}`);
  return connection;
}
