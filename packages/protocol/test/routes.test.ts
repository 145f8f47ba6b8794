import { pathOf, routes, type Route } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatter, type RunningNatter } from "../../server/test/support/server.js";

interface Operation {
  responses?: Record<string, unknown>;
}

/** "GET /api/rooms/{name}": OpenAPI spells a parameter `{name}` where the table (and Fastify) spell `:name`. */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`;

describe("the route table and the OpenAPI document the server serves", () => {
  let server: RunningNatter;
  let operations: Map<string, Operation>;

  beforeAll(async () => {
    server = await startNatter();
    const response = await fetch(`${server.url}/api/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, Operation>> };
    operations = new Map();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) operations.set(key(method, path), operation);
    }
  });
  afterAll(() => server.cleanup());

  const table: [string, Route][] = Object.entries(routes);

  it.each(table)("%s is served with the table's method and path", (_name, route) => {
    expect(operations.has(key(route.method, route.path))).toBe(true);
  });

  it.each(table)("%s answers success with the table's status", (_name, route) => {
    const responses = operations.get(key(route.method, route.path))?.responses ?? {};
    const success = Object.keys(responses).filter((status) => status.startsWith("2"));
    // A file download declares no body schema, so the document lists no success for it.
    expect(success).toEqual(route.response ? [String(route.status)] : []);
  });

  it("every /api route the server documents is in the table", () => {
    // Webhooks' secret URLs live outside /api (as Slack's do), so they are compared apart.
    const inTable = new Set(table.filter(([, route]) => route.path.startsWith("/api/")).map(([, route]) => key(route.method, route.path)));
    const documented = [...operations.keys()].filter((operation) => operation.split(" ")[1]?.startsWith("/api/"));
    expect(documented.filter((operation) => !inTable.has(operation))).toEqual([]);
    expect(documented.length).toBe(inTable.size);
  });

  it("no two entries share a method and path", () => {
    const keys = table.map(([, route]) => key(route.method, route.path));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("pathOf", () => {
  it("fills each :name part, encoded, so a name cannot reach another path", () => {
    expect(pathOf(routes.file, { id: "f_1", name: "plan ü/../x.pdf" })).toBe("/api/files/f_1/plan%20%C3%BC%2F..%2Fx.pdf");
    expect(pathOf(routes.rooms)).toBe("/api/rooms");
  });

  it("refuses to leave a part unfilled", () => {
    expect(() => pathOf(routes.roomInfo, {})).toThrow(/needs the parameter name/);
  });
});
