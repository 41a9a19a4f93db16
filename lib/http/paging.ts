/**
 * Streams every record of a paged list, one page in flight at a time, without loading everything
 * first. Stops on TotalRecords when the server reports it, else on an empty page; copes with a
 * server that caps the page size below what was asked.
 */
export interface Page<T> {
  rows: T[];
  total?: number | null;
}

export async function* paginate<T>(fetchPage: (offset: number, index: number) => Promise<Page<T>>, signal?: AbortSignal): AsyncGenerator<T> {
  let offset = 0;
  for (let index = 0; ; index++) {
    signal?.throwIfAborted();
    const page = await fetchPage(offset, index);
    for (const row of page.rows) yield row;
    offset += page.rows.length;
    if (page.rows.length === 0) return;
    if (typeof page.total === 'number' && offset >= page.total) return;
  }
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
