/** The journal contract on the browser's backend (IndexedDB, here fake-indexeddb). */
import { IdbJournal } from '@/lib/store/journal-idb';
import type { Journal } from '@/lib/sync/journal';
import { journalContract } from './journal-contract';

journalContract('IndexedDB', {
  fresh: async (now?: () => number) => new IdbJournal(`contract-${Math.random()}`, now),
  reopen: async (j: Journal) => {
    await j.close();
    return new IdbJournal((j as IdbJournal).name);
  },
}, { channel: 'extension', unstorable: () => () => 1 });
