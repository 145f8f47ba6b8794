import { useCallback, useEffect, useState } from "react";

export interface Pages<Item> {
  items: Item[];
  hasMore: boolean;
  status: "loading" | "done" | "failed";
  more(): void;
}

/**
 * A list read page by page, newest first: `fetch(before)` answers a page continuing below `before`
 * (undefined for the first), and `cursor` names where the next page continues.
 */
export function usePages<Item>(
  fetch: (before: number | undefined) => Promise<{ items: Item[]; hasMore: boolean }>,
  cursor: (item: Item) => number,
): Pages<Item> {
  const [items, setItems] = useState<Item[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [status, setStatus] = useState<Pages<Item>["status"]>("loading");

  const load = useCallback(
    (before: number | undefined) => {
      setStatus("loading");
      fetch(before).then(
        (page) => {
          setItems((shown) => (before === undefined ? page.items : [...shown, ...page.items]));
          setHasMore(page.hasMore);
          setStatus("done");
        },
        () => setStatus("failed"),
      );
    },
    [fetch],
  );

  useEffect(() => load(undefined), [load]);
  const last = items.at(-1);
  const more = useCallback(() => load(last === undefined ? undefined : cursor(last)), [load, last, cursor]);
  return { items, hasMore, status, more };
}
