/** The journal contract on the command line's backend (an LMDB file in a temp dir), and a SIGKILL mid-write. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileJournal } from '@/lib/store/node/journal-file';
import type { Journal } from '@/lib/sync/journal';
import { journalContract } from './journal-contract';

const root = mkdtempSync(join(tmpdir(), 'bvs-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

journalContract('LMDB file', {
  fresh: async (now?: () => number) => new FileJournal(join(root, `j${n++}`), now),
  reopen: async (j: Journal) => {
    await j.close();
    return new FileJournal((j as FileJournal).dir);
  },
}, {
  channel: 'cli',
  unstorable: () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    return cycle;
  },
});

describe('LMDB file journal: a process killed while it writes', () => {
  it('never leaves a job without all its items', async () => {
    const dir = join(root, 'killed');
    const script = `
      const { FileJournal } = await import(${JSON.stringify(new URL('../../../lib/store/node/journal-file.ts', import.meta.url).pathname)});
      const j = new FileJournal(${JSON.stringify(dir)});
      const items = Array.from({ length: 3000 }, (_, i) => ({ key: 'k' + i, label: 'Org ' + i, action: { kind: 'link', orgId: 'o' + i, name: 'x'.repeat(200) } }));
      process.stdout.write('ready\\n');
      for (;;) await j.createJob('import', items, { link: items.length });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const j = new FileJournal(dir);
    const jobs = await j.jobs();
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect((await j.items(job.id)).length).toBe(job.total);
    await j.close();
  }, 30_000);

  it('one command at a time: a second claim is refused while the first lives, and taken over when it is gone', async () => {
    const j = new FileJournal(join(root, 'lock'));
    expect(j.lock('import')).toBeNull();
    expect(j.lock('import')).toBeNull(); // the same process again
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    await j.close();
    const other = new FileJournal(join(root, 'lock'));
    // a claim of a live process (the child), written as that process would
    const pid = child.pid!;
    (other as unknown as { metaDb: { putSync(k: string, v: unknown): void } }).metaDb.putSync('lock', { pid, host: (await import('node:os')).hostname(), since: 1, what: 'assets' });
    expect(other.lock('import')).toMatchObject({ pid, what: 'assets' });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(other.lock('import')).toBeNull();
    other.unlock();
    await other.close();
  });
});

describe('links kept for the command line (LinkMemory in the journal file)', () => {
  it('keeps local links and the BMS field mirror across a reopen; the newest read wins', async () => {
    const { FileLinks } = await import('@/lib/store/node/links-file');
    const dir = join(root, 'links');
    let t = 1;
    const j = new FileJournal(dir);
    const links = new FileLinks(j, () => t++);
    await links.set('o1', 5);
    await links.set('o2', 6);
    await links.set('o2', null);
    await links.setMirror(10, 'o3');
    await links.setMirror(11, 'o3');
    await links.setMirror(12, null);
    await j.close();
    const again = new FileLinks(new FileJournal(dir));
    expect(await again.all()).toEqual(new Map([['o1', { accountId: 5, checkedAt: 1 }]]));
    const m = await again.mirror();
    expect(m.links).toEqual(new Map([['o3', 11]]));
    expect([...m.checkedAt.keys()].sort()).toEqual([10, 11, 12]);
  });
});
