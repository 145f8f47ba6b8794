import { errorResponseSchema, type Route } from "@natter/protocol";
import type { z } from "zod";

/** The refusals a route lists in the OpenAPI document; each is answered as `errorResponseSchema`. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

type Refusals<S extends RefusalStatus> = { [K in S]: typeof errorResponseSchema };
type Success<R extends Route> = R["response"] extends z.ZodType ? { [K in R["status"]]: R["response"] } : unknown;

export interface TableSchema<R extends Route, S extends RefusalStatus> {
  tags: string[];
  params: R["params"];
  querystring: R["query"];
  body: R["body"];
  response: Success<R> & Refusals<S>;
}

/**
 * Fastify's method, url and schemas for a route of the protocol's table, so a path or a reply's shape is
 * written once, in `routes` (packages/protocol/src/routes.ts).
 */
export function fromTable<R extends Route, S extends RefusalStatus = never>(
  route: R,
  tags: string[],
  refusals: readonly S[] = [],
): { method: R["method"]; url: string; schema: TableSchema<R, S> } {
  const response: Record<number, z.ZodType> = {};
  if (route.response) response[route.status] = route.response;
  for (const status of refusals) response[status] = errorResponseSchema;
  const schema: Record<string, unknown> = { tags, response };
  if (route.params) schema.params = route.params;
  if (route.query) schema.querystring = route.query;
  if (route.body) schema.body = route.body;
  return { method: route.method, url: route.path, schema: schema as unknown as TableSchema<R, S> };
}
