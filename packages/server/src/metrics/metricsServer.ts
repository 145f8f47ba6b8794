import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

/**
 * The second listener: only GET /metrics, on METRICS_HOST (loopback by default), so the series are not
 * served to the world on the chat's own port.
 */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics is served here\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500, { "content-type": "text/plain" }).end(`${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return { server, url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/metrics` };
}
