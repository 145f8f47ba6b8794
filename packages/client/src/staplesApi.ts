import { routes, type DirectoryQuery, type DirectoryRoom } from "@natter/protocol";
import { call, type HttpOptions } from "./http.js";

/** Issue 19's conversation staples (`client.staples.…`): the room directory. */
export class StaplesApi {
  constructor(private readonly http: HttpOptions) {}

  /** Public rooms one may join (and those one is in), by part of the name or topic, the most recently active first. */
  async directory(query: DirectoryQuery = {}): Promise<DirectoryRoom[]> {
    return (await call(this.http, routes.roomDirectory, { query })).rooms;
  }
}
