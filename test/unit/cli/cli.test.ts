/**
 * The command line against the sandbox (in this process): bad input and bad connections are exit 2
 * in plain words; dry runs and probe write nothing; assets twice writes nothing the second time;
 * Ctrl-C stops between items and the rerun resumes; the extension and the command line agree.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileJournal } from '@/lib/store/node/journal-file';
import { IdbJournal } from '@/lib/store/journal-idb';
import { LocalLinks } from '@/lib/store/links-idb';
import { withCapabilities } from '@/lib/sync/capable';
import { resolveLinkStore } from '@/lib/sync/link-store';
import { JobManager } from '@/lib/sync/manager';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, probeFor } from '../sync/helpers';
import { teamLinks } from '../../e2e/links';
import { cliFor, resetStats, writeCalls } from './helpers';

let sb: Sandbox;
const { bms, vsa, faults } = clientsFor(() => sb);
/** links as the tenant keeps them (the mapping store or the VSA org field), read from the sandbox's data */
const linkCount = () => teamLinks(sb).size;

beforeAll(async () => {
  sb = await startSandbox({ orgs: 60, agents: 120, seed: 61, faults: { jobDelayMs: 10 }, capabilities: { departments: true, mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  await faults({ reset: true });
  await faults({ target: 'bms', jobDelayMs: 10 });
});

describe('command line: bad input and connections (exit 2, nothing read or written)', () => {
  it.each([
    [['import', '--password', 'hunter2'], /never given on the command line/],
    [['frobnicate'], /"frobnicate" is not a job/],
    [['import', '--org', '12;drop'], /--org 12;drop: an org id is digits only/],
    [['export', '--agent', '5'], /--agent does not apply to export/],
    [['import', '--select', '/no/such/file'], /--select \/no\/such\/file: cannot read it \(ENOENT\)/],
    [['push-new', '--since', 'yesterday'], /--since yesterday: not a date/],
  ])('%j', async (argv, message) => {
    const cli = cliFor(() => sb);
    await resetStats(sb);
    const r = await cli.run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect((await writeCalls(sb)).count).toBe(0);
  });

  it('names the config file and field, refuses secrets in it, and asks for the environment variables', async () => {
    const bad = await cliFor(() => sb, (c) => ({ ...c, vsa: { url: 'vsa.example.com', user: '', method: 'token' } })).run(['status']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bms-vsa-sync\.json is not right: vsa\.url: Enter a full address starting with https:\/\/.*vsa\.user: Enter the VSA user name/);
    const secret = await cliFor(() => sb, (c) => ({ ...c, bms: { ...(c.bms as object), password: 'x' } })).run(['status']);
    expect(secret.err).toMatch(/holds a secret \(bms\.password\): remove it and set BMS_PASSWORD/);
    const noEnv = await cliFor(() => sb).run(['status'], { env: { BMS_PASSWORD: undefined } });
    expect(noEnv.code).toBe(2);
    expect(noEnv.err).toMatch(/Set BMS_PASSWORD \(the BMS password\) in the environment/);
    const none = await cliFor(() => sb).run(['status', '--config', 'elsewhere.json']);
    expect(none.err).toMatch(/No config file at .*elsewhere\.json/);
  });

  it('a wrong password is exit 2 in the options page\'s words, and --json says it as an event', async () => {
    const r = await cliFor(() => sb).run(['import', '--json'], { env: { BMS_PASSWORD: 'wrong' } });
    expect(r.code).toBe(2);
    expect(r.json.find((e) => e.event === 'error')).toMatchObject({ exit: 2, message: expect.stringMatching(/BMS/) });
    expect(r.json.at(-1)).toEqual({ event: 'exit', code: 2 });
  });
});

/**
 * The acceptance's tenants: the v3 default one (no mapping store: the team's links live in the VSA org
 * field, the asset sync writes one record at a time) and one that still has BMS's mapping store
 */
const TENANTS = [
  ['the default tenant (links in the VSA org field)', { mappingStore: false, departments: false }, 'vsa-org-field'],
  ['a tenant with BMS\'s mapping store', { mappingStore: true, departments: true }, 'mapping-store'],
] as const;

/** the extension's job manager on the sandbox: the link store its capability record chooses, as the background does */
async function extension() {
  const clients = { vsa: vsa(), bms: bms() };
  const record = await probeFor(sb);
  const { store: links, info } = resolveLinkStore(clients, new LocalLinks(`links-${Math.random()}`), record);
  const ctx = withCapabilities({ ...clients, defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true, links, linkInfo: info }, record);
  return { manager: new JobManager(new IdbJournal(`ext-${Math.random()}`), async () => ctx, () => undefined), backend: info.backend };
}

describe.each(TENANTS)('command line on %s: dry runs, probe and status write nothing', (_name, caps, backend) => {
  beforeEach(() => faults({ target: 'bms', capabilities: caps }));

  it('import, export, assets, push-new, probe and status: no write call; undo of a real job neither', async () => {
    const cli = cliFor(() => sb);
    await resetStats(sb);
    for (const argv of [['import'], ['export'], ['assets'], ['push-new', '--since', '2000-01-01'], ['probe'], ['status']]) {
      const r = await cli.run(argv);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
      if (argv[0] !== 'probe' && argv[0] !== 'status') expect(r.out).toMatch(/Dry run of the .*\n[^]*Nothing written\. Run again with --yes/);
    }
    expect(await writeCalls(sb)).toMatchObject({ count: 0, writes: 0 });
    const done = await cli.run(['import', '--yes', '--json']);
    expect(done.code).toBe(0);
    expect(linkCount()).toBeGreaterThan(0);
    expect((await cli.run(['status', '--json'])).json.find((e) => e.event === 'status')).toMatchObject({ links: { backend } });
    expect(done.json.map((e) => e.event)).toEqual(expect.arrayContaining(['plan', 'progress', 'done', 'exit']));
    await resetStats(sb);
    const undo = await cli.run(['undo']);
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(/Dry run of the undo .*unlink \d+/);
    expect((await writeCalls(sb)).count).toBe(0);
    // with links in place the dry runs have work to show (an asset sync of the linked orgs' agents), and still write nothing
    for (const argv of [['assets', '--json'], ['export', '--json'], ['import', '--json'], ['push-new', '--since', '2000-01-01', '--json'], ['probe', '--json']]) {
      const r = await cli.run(argv);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
      if (argv[0] === 'assets') expect((r.json.find((e) => e.event === 'plan') as { total: number }).total).toBeGreaterThan(0);
      if (argv[0] !== 'probe') expect(r.json.map((e) => e.event)).toContain('dry-run');
    }
    expect(await writeCalls(sb)).toMatchObject({ count: 0, writes: 0 });
  });

  it('assets --yes twice in a row: the second makes no write call', async () => {
    const cli = cliFor(() => sb);
    expect((await cli.run(['import', '--yes'])).code).toBe(0);
    const assetsBefore = [...sb.state().bms.assets.values()].filter((a) => a.IsActive).length;
    const first = await cli.run(['assets', '--yes']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/asset sync \S+ done: \d+ done, 0 failed/);
    expect([...sb.state().bms.assets.values()].filter((a) => a.IsActive).length).toBeGreaterThan(assetsBefore);
    await resetStats(sb);
    const second = await cli.run(['assets', '--yes']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/push 0|0 item\(s\)/);
    expect(await writeCalls(sb)).toMatchObject({ count: 0, writes: 0 });
  });
});

describe('command line: push-new remembers when it last looked', () => {
  it('the first run only notes the time; an account made after it is pushed by the next run, and only once', async () => {
    const cli = cliFor(() => sb);
    const first = await cli.run(['push-new', '--yes']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/first run, so nothing is pushed/);
    await new Promise((r) => setTimeout(r, 20));
    const made = (await (await fetch(`${sb.bmsUrl}/app-api/accounts`, { method: 'POST', body: JSON.stringify({ AccountName: 'Nightly New Client AG' }) })).json()) as { Id: number };
    const second = await cli.run(['push-new', '--yes']);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/push of new accounts \S+ done: 1 done, 0 failed of 1/);
    const link = [...sb.state().bms.mappings.get('vsa/account')!.values()].find((m) => m.PsaId === made.Id)!;
    expect(sb.state().vsa.orgs.get(link.ExternalId)!.OrgName).toBe('Nightly New Client AG');
    const third = await cli.run(['push-new', '--yes']);
    expect(third.out).toMatch(/nothing to do/);
  });
});

describe('command line: the mass-deactivation guard', () => {
  it('a run that would deactivate most assets exits 3 and writes nothing, with --yes too; --yes --allow-mass-deactivation goes ahead', async () => {
    // no grace period (B18): the removed agents' assets are due at once, so the guard is what stands in the way
    const cli = cliFor(() => sb, (c) => ({ ...c, settings: { ...(c.settings as object), lifecycle: { graceDays: 0 } } }));
    expect((await cli.run(['import', '--yes'])).code).toBe(0);
    expect((await cli.run(['assets', '--yes'])).code).toBe(0);
    const active = () => [...sb.state().bms.assets.values()].filter((a) => a.AgentId && a.IsActive).length;
    const synced = active();
    expect(synced).toBeGreaterThan(60);
    sb.state().vsa.agents.clear(); // VSA answers no agent at all
    await resetStats(sb);
    const dry = await cli.run(['assets', '--json']);
    expect(dry.code).toBe(3);
    expect(dry.json.find((e) => e.event === 'guard')).toMatchObject({ reason: 'mass-deactivation', deactivate: synced, active: synced });
    expect(await writeCalls(sb)).toMatchObject({ count: 0, writes: 0 });
    const yes = await cli.run(['assets', '--yes', '--json']);
    expect(yes.code, yes.err).toBe(3);
    expect(yes.json.find((e) => e.event === 'guard')).toMatchObject({ reason: 'mass-deactivation', deactivate: synced });
    expect(await writeCalls(sb)).toMatchObject({ count: 0, writes: 0 });
    expect(active()).toBe(synced);
    const allowed = await cli.run(['assets', '--yes', '--allow-mass-deactivation']);
    expect(allowed.code, allowed.err).toBe(0);
    expect(active()).toBe(0);
  });
});

describe('command line: Ctrl-C and rerun', () => {
  it('stops between items with exit 130; the same command resumes and nothing is made twice', async () => {
    const cli = cliFor(() => sb);
    let press: (() => void) | null = null;
    const stopped = await cli.run(['import', '--yes', '--json'], {
      stop: (h) => {
        press = h;
        // Ctrl-C as soon as the first items are written
        const t = setInterval(() => {
          if ([...sb.state().bms.accounts.values()].length > 0 && sb.state().bms.mappings.get('vsa/account')!.size > 0) {
            clearInterval(t);
            press!();
          }
        }, 5);
      },
    });
    expect(stopped.code).toBe(130);
    expect(stopped.json.map((e) => e.event)).toEqual(expect.arrayContaining(['stopping', 'interrupted']));
    const left = stopped.json.find((e) => e.event === 'interrupted') as { done: number; total: number };
    expect(left.done).toBeLessThan(left.total);
    const again = await cli.run(['import', '--yes']);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/was interrupted with \d+ of \d+ items done; it resumes where it stopped/);
    const names = [...sb.state().bms.accounts.values()].map((a) => a.AccountName);
    expect(names.length - new Set(names).size).toBe(0);
    const maps = [...sb.state().bms.mappings.get('vsa/account')!.values()];
    expect(new Set(maps.map((m) => m.PsaId)).size).toBe(maps.length);
    const j = new FileJournal(`${cli.dir}/bms-vsa-sync-journal`);
    const job = (await j.jobs('import')).find((x) => x.state === 'done')!;
    expect(await j.counts(job.id)).toMatchObject({ pending: 0, started: 0, failed: 0, done: left.total });
    expect((await j.auditLog()).every((e) => e.channel === 'cli')).toBe(true);
    await j.close();
  });
});

describe.each(TENANTS)('the extension and the command line on %s', (_name, caps, backend) => {
  beforeEach(() => faults({ target: 'bms', capabilities: caps }));

  it('agree on every link and rule, whichever ran first', async () => {
    const { manager: ext, backend: extBackend } = await extension();
    expect(extBackend).toBe(backend);
    // the extension imports and sets a rule for the team
    const plan = await ext.planImport({ accept: 'auto', createMissing: false });
    await ext.start(plan.progress.jobId);
    await ext.waitIdle();
    const ov = await ext.overview(true);
    const linked = ov.rows.filter((r) => r.status === 'linked');
    const orgA = linked[0].orgId;
    await ext.saveRule(orgA, { kind: 'groupId' });
    await ext.waitIdle();
    // the command line sees the same links (the same import finds nothing left to do) and uses the team's rule
    const cli = cliFor(() => sb);
    const status = await cli.run(['status', '--json']);
    expect(status.json[0]).toMatchObject({ event: 'status', counts: ov.counts, links: { backend } });
    const imp = await cli.run(['import', '--no-create', '--json']);
    expect((imp.json.find((e) => e.event === 'plan') as { total: number }).total).toBe(0);
    // the command line links an org by a mappings CSV with a rule; the extension reads both
    const unlinked = ov.rows.find((x) => x.status !== 'linked')!;
    const freeAccount = ov.accounts.find((a) => a.active && a.orgId === null)!;
    expect(unlinked && freeAccount).toBeTruthy();
    const orgB = { orgId: unlinked.orgId, accountId: freeAccount.id };
    const csvFile = `${cli.dir}/links.csv`;
    writeFileSync(csvFile, `org_id,account_id,rule\r\n${orgB.orgId},${orgB.accountId},"{""kind"":""groupId""}"\r\n`);
    const r = await cli.run(['import', '--select', csvFile, '--yes']);
    expect(r.code, r.err).toBe(0);
    const after = await ext.overview(true);
    expect(after.rows.find((x) => x.orgId === orgB.orgId)).toMatchObject({ status: 'linked', accountId: orgB.accountId });
    expect((await ext.ruleInfo(orgB.orgId)).rule).toEqual({ kind: 'groupId' });
    expect((await cli.run(['status', '--json'])).json[0]).toMatchObject({ counts: after.counts });
    // an asset sync from the command line places by the team's rules, the extension's included
    expect((await cli.run(['assets', '--yes'])).code).toBe(0);
    const j = new FileJournal(`${cli.dir}/bms-vsa-sync-journal`);
    expect(await j.rule(orgA)).toEqual({ kind: 'groupId' });
    expect(await j.rule(orgB.orgId)).toEqual({ kind: 'groupId' });
    await j.close();
    expect((await cli.run(['status', '--json'])).json[0]).toMatchObject({ counts: (await ext.overview(true)).counts });
    expect((await ext.ruleInfo(orgA)).rule).toEqual({ kind: 'groupId' });
  });
});

describe('the extension and the command line on one tenant', () => {
  it('on a tenant without BMS\'s mapping store, both keep links in the VSA org field and see each other\'s', async () => {
    await faults({ target: 'bms', capabilities: { mappingStore: false } });
    const store = () => sb.state().bms.mappings.get('vsa/account')!.size;
    const before = store();
    const clients = { vsa: vsa(), bms: bms() };
    const { store: links, info } = resolveLinkStore(clients, new LocalLinks(`links-${Math.random()}`), await probeFor(sb));
    expect(info.backend).toBe('vsa-org-field');
    const ext = new JobManager(new IdbJournal(`ext-${Math.random()}`), async () => ({ ...clients, defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true, links, linkInfo: info }), () => undefined);
    const plan = await ext.planImport({ accept: 'auto', createMissing: false });
    await ext.start(plan.progress.jobId);
    await ext.waitIdle();
    const ov = await ext.overview(true);
    expect(ov.counts.linked).toBeGreaterThan(2);
    const cli = cliFor(() => sb);
    const status = await cli.run(['status', '--json']);
    expect(status.json.find((e) => e.event === 'status')).toMatchObject({ counts: ov.counts, links: { backend: 'vsa-org-field', shared: true } });
    expect((await cli.run(['import', '--no-create', '--json'])).json.find((e) => e.event === 'plan')).toMatchObject({ total: 0 });
    const org = ov.rows.find((x) => x.status !== 'linked')!;
    const account = ov.accounts.find((a) => a.active && a.orgId === null)!;
    writeFileSync(`${cli.dir}/one.csv`, `org_id,account_id\r\n${org.orgId},${account.id}\r\n`);
    expect((await cli.run(['import', '--select', `${cli.dir}/one.csv`, '--yes'])).code).toBe(0);
    expect((await ext.overview(true)).rows.find((x) => x.orgId === org.orgId)).toMatchObject({ status: 'linked', accountId: account.id });
    expect(store()).toBe(before); // BMS's mapping store was never written
  });
});
