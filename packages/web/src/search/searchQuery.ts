import type { SearchQuery } from "@natter/protocol";

export interface SearchForm {
  q: string;
  room: string;
  author: string;
  /** Dates as `<input type="date">` gives them, YYYY-MM-DD, in the user's time zone. */
  from: string;
  to: string;
  hasFile: boolean;
}

export const emptySearchForm: SearchForm = { q: "", room: "", author: "", from: "", to: "", hasFile: false };

/** The API query for a filled-in form: empty fields are left out, and "before" a day includes that day. */
export function toSearchQuery(form: SearchForm, before?: number): SearchQuery {
  const query: SearchQuery = { q: form.q.trim() };
  if (form.room) query.room = form.room;
  if (form.author.trim()) query.author = form.author.trim().replace(/^@/, "");
  if (form.from) query.from = startOfLocalDay(form.from, 0);
  if (form.to) query.to = startOfLocalDay(form.to, 1);
  if (form.hasFile) query.hasFile = "true";
  if (before !== undefined) query.before = before;
  return query;
}

function startOfLocalDay(date: string, plusDays: number): string {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return day.toISOString();
}
