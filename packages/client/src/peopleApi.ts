import { routes, type AvatarCrop, type PeopleQuery, type PeopleResponse, type Person, type User } from "@natter/protocol";
import { call, type HttpOptions } from "./http.js";

/** The people directory and avatars (`client.people.…`). */
export class PeopleApi {
  constructor(private readonly http: HttpOptions) {}

  /** Active people in name order, matching part of a name or display name; pass `nextCursor` as `cursor` for more. */
  directory(query: PeopleQuery = {}): Promise<PeopleResponse> {
    return call(this.http, routes.people, { query });
  }

  /** The people behind up to 100 ids (authors, members), deactivated and deleted accounts included. */
  async byIds(ids: readonly number[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    return (await call(this.http, routes.peopleById, { query: { ids: ids.join(",") } })).people;
  }

  /** Sets the signed-in person's picture: the square `crop` of it (in its upright pixels), else its centre. */
  async setAvatar(data: Blob | Uint8Array, crop: AvatarCrop = {}): Promise<User> {
    const body = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
    return (await call(this.http, routes.setAvatar, { query: crop, body })).user;
  }

  /** Back to initials. */
  async removeAvatar(): Promise<User> {
    return (await call(this.http, routes.removeAvatar)).user;
  }
}
