import type { z } from "zod";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One REST route: what it takes and what it answers on success. Refusals are `errorResponseSchema` (errors.ts). */
export interface Route {
  method: Method;
  /** Fastify's syntax: `:name` is a path parameter. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** 302: the route answers with a redirect (single sign-on's legs through the provider). */
  status: 200 | 201 | 302;
  /** The success body; null for a file's bytes, a page or a redirect. */
  response: z.ZodType | null;
}

export const route = <const R extends Route>(spec: R): R => spec;
