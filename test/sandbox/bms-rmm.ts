/**
 * Fake BMS v2 RMM integration (/rmm/vsa): settings, the integration's mapping store, assets pushed
 * in bulk (upsert by AgentId, deactivation) and the asynchronous jobs that report on them.
 */
import type { Context } from 'hono';
import { HttpError, intParam, jsonBody, type Env, type Reply } from './api';
import { VSA_INTEGRATION_TYPE_ID } from './capabilities';
import { mappingStore, nextBmsId, nowIso, type BmsAsset, type BmsJob, type BmsJobDetail } from './model';
import { idList, ok, paged, sorter, type BmsCtx } from './bms-shared';

export function rmmRoutes({ r, fs, S, index, validate, pageOf }: BmsCtx): void {
  // ---------- RMM integration ----------
  const integration = (c: Context<Env>) => {
    const t = c.req.param('integrationType') ?? '';
    if (t.toLowerCase() !== 'vsa') throw new HttpError(404, `Integration type "${t}" is not configured on this tenant.`);
    return t.toLowerCase();
  };
  let settings = {
    Name: 'Kaseya VSA', IsEnabled: true, Username: 'integrator', PasswordOrToken: null as string | null, TargetUrl: 'vsa.example',
    UseAccessToken: true, IsAutoAccountPushEnabled: false, IsAssetNightlySyncEnabled: true, IsParentModeConfigEnabled: false, ParentModeRootOrg: null as string | null,
  };
  r('GET', '/rmm/integrations', () => ok([{ Type: VSA_INTEGRATION_TYPE_ID, Enabled: settings.IsEnabled, Target: settings.TargetUrl, EnableRemoteConnect: false, ShowServerAddressOnTicket: false }]));
  r('GET', '/rmm/:integrationType', (c) => {
    integration(c);
    return ok({ ...settings, PasswordOrToken: null });
  });
  for (const m of ['POST', 'PUT'] as const) {
    r(m, '/rmm/:integrationType', async (c) => {
      integration(c);
      const body = await jsonBody(c);
      validate('IntegrationSettingDto', body);
      settings = { ...settings, ...(body as typeof settings) };
      fs.write();
      return ok({ ...settings, PasswordOrToken: null });
    });
  }
  r('GET', '/rmm/:integrationType/status', (c) => {
    integration(c);
    return ok({ IsEnabled: settings.IsEnabled });
  });

  const newJob = (kind: BmsJob['kind'], ActionType: number, Details: BmsJobDetail[]): Reply => {
    const s = S();
    s.nextId.job += 1;
    const JobId = 9_000_000 + s.nextId.job;
    s.bms.jobs.set(JobId, { JobId, kind, ActionType, JobStatus: 'Processing', readyAt: Date.now() + fs.faults.jobDelayMs, Details });
    return ok({ JobId: String(JobId) });
  };
  const jobStatus = (c: Context<Env>, kind: BmsJob['kind']): Reply => {
    integration(c);
    const id = intParam(c.req.param('jobId'), 'jobId', { min: 0 });
    const job = S().bms.jobs.get(id);
    if (!job || job.kind !== kind) throw new HttpError(404, `Job ${id} was not found.`);
    const done = Date.now() >= job.readyAt;
    const status = !done ? 'Processing' : job.Details.some((d) => d.StatusCode !== '200') ? 'CompletedWithErrors' : 'Completed';
    const Details = done
      ? job.Details.map((d) => kind === 'assets'
        ? { StatusCode: d.StatusCode, StatusMessage: d.StatusMessage, TransactionId: d.TransactionId, AssetId: d.AssetId ?? null, PsaAssetId: d.PsaAssetId ?? null }
        : { StatusCode: d.StatusCode, StatusMessage: d.StatusMessage, ExternalId: d.ExternalId ?? null, PsaId: d.PsaId ?? null })
      : [];
    return ok({ JobId: job.JobId, JobStatus: status, ActionType: job.ActionType, Details });
  };

  // mappings: the integration's own record of which org is which account
  r('GET', '/rmm/:integrationType/mappings/:entityType', (c) => {
    const t = integration(c);
    const q = c.req.query();
    const ext = idList(q['Filter.ExternalIds'], 'Filter.ExternalIds');
    const psa = idList(q['Filter.PsaIds'], 'Filter.PsaIds')?.map(Number);
    let rows = [...mappingStore(S(), t, c.req.param('entityType') ?? '').values()].filter(
      (m) => (!ext || ext.includes(m.ExternalId)) && (!psa || psa.includes(m.PsaId)),
    );
    const sort = sorter(q.Sort, ['ExternalId', 'PsaId', 'CreatedOn']);
    if (sort) rows = rows.sort(sort as never);
    return paged(pageOf(c)(rows).map((m) => ({ ...m })), rows.length);
  });
  r('POST', '/rmm/:integrationType/mappings/:entityType', async (c) => {
    const t = integration(c);
    const entity = c.req.param('entityType') ?? '';
    const body = await jsonBody(c);
    validate('ImportEntityMappingInputDto', body, true);
    const s = S();
    const store = mappingStore(s, t, entity);
    const details: BmsJobDetail[] = [];
    let changed = 0;
    for (const item of body as { ExternalId?: string | null; PsaId?: number }[]) {
      const d = (code: string, msg: string): BmsJobDetail => ({ StatusCode: code, StatusMessage: msg, TransactionId: null, ExternalId: item.ExternalId ?? null, PsaId: item.PsaId ?? null });
      if (!item.ExternalId) { details.push(d('400', 'ExternalId is required.')); continue; }
      if (entity.toLowerCase() === 'account') {
        const acc = item.PsaId !== undefined ? s.bms.accounts.get(item.PsaId) : undefined;
        if (!acc) { details.push(d('404', `Account ${item.PsaId ?? '(none)'} was not found.`)); continue; }
        if (!acc.IsActive) { details.push(d('400', `Account ${acc.Id} is inactive.`)); continue; }
        if (t === 'vsa' && !s.vsa.orgs.has(item.ExternalId)) { details.push(d('404', `VSA organization ${item.ExternalId} was not found.`)); continue; }
      }
      const other = [...store.values()].find((m) => m.PsaId === item.PsaId && m.ExternalId !== item.ExternalId);
      if (other) { details.push(d('409', `Account ${item.PsaId} is already mapped to ${other.ExternalId}.`)); continue; }
      const cur = store.get(item.ExternalId);
      if (!cur || cur.PsaId !== item.PsaId) {
        store.set(item.ExternalId, { ExternalId: item.ExternalId, PsaId: item.PsaId!, CreatedOn: nowIso() });
        changed++;
      }
      details.push(d('200', cur && cur.PsaId === item.PsaId ? 'Unchanged.' : 'Mapped.'));
    }
    if (changed) fs.write(changed);
    return newJob('mappings', 1, details);
  });
  r('DELETE', '/rmm/:integrationType/mappings/:entityType', async (c) => {
    const t = integration(c);
    const body = await jsonBody(c);
    validate('DeleteEntityMappingInputDto', body, true);
    const store = mappingStore(S(), t, c.req.param('entityType') ?? '');
    const details: BmsJobDetail[] = [];
    let changed = 0;
    for (const item of body as { ExternalId?: string | null }[]) {
      const cur = item.ExternalId ? store.get(item.ExternalId) : undefined;
      if (cur) { store.delete(cur.ExternalId); changed++; }
      details.push({ StatusCode: cur ? '200' : '404', StatusMessage: cur ? 'Deleted.' : `No mapping for ${item.ExternalId ?? '(none)'}.`, TransactionId: null, ExternalId: item.ExternalId ?? null, PsaId: cur?.PsaId ?? null });
    }
    if (changed) fs.write(changed);
    return newJob('mappings', 3, details);
  });
  r('GET', '/rmm/:integrationType/mappings/status/:jobId', (c) => jobStatus(c, 'mappings'));

  // assets pushed by the integration, in bulk: upsert by AgentId
  const pushAssets = async (c: Context<Env>, mode: 'create' | 'update'): Promise<Reply> => {
    const t = integration(c);
    const body = await jsonBody(c);
    validate('IntegrationtAssetInputDto', body, true);
    const s = S();
    const byAgent = new Map<string, BmsAsset>();
    for (const a of s.bms.assets.values()) if (a.AgentId && a.IntegrationTypeId === VSA_INTEGRATION_TYPE_ID) byAgent.set(a.AgentId, a);
    const mappings = mappingStore(s, t, 'account');
    const details: BmsJobDetail[] = [];
    let writes = 0;
    for (const item of body as IntegrationAssetInput[]) {
      const d = (code: string, msg: string, psa: number | null = null): BmsJobDetail => ({ StatusCode: code, StatusMessage: msg, TransactionId: item.TransactionId ?? null, AssetId: item.AssetId ?? item.AgentId ?? null, PsaAssetId: psa });
      try {
        if (!item.AgentId) { details.push(d('400', 'AgentId is required.')); continue; }
        // an AssetId other than the AgentId names an asset pushed under another agent: it moves to this agent
        // (a reinstalled agent taking over its predecessor's asset; the product's assumption, lib/bms/assumed.ts)
        const movedFrom = !byAgent.has(item.AgentId) && item.AssetId && item.AssetId !== item.AgentId && byAgent.has(item.AssetId) ? item.AssetId : null;
        const existing = byAgent.get(item.AgentId) ?? (movedFrom ? byAgent.get(movedFrom) : undefined);
        if (mode === 'update' && !existing) { details.push(d('404', `No asset is linked to agent ${item.AgentId}.`)); continue; }
        // account: the org's mapping, else an account with the org's exact name, else a new account (F1)
        const orgId = item.Organization?.Id ?? null;
        const orgName = (item.Organization?.Name ?? '').trim();
        let acc = orgId ? s.bms.accounts.get(mappings.get(orgId)?.PsaId ?? -1) : undefined;
        if (!acc && orgName) acc = [...s.bms.accounts.values()].find((a) => a.IsActive && a.AccountName.toLowerCase() === orgName.toLowerCase());
        if (!acc) {
          if (!orgName) { details.push(d('400', 'Organization.Name is required when the organization has no mapping.')); continue; }
          const Id = nextBmsId(s);
          const tt = nowIso();
          acc = { Id, AccountCode: `ACC${String(Id).padStart(5, '0')}`, AccountName: orgName, AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, ParentId: null, Website: null, Description: 'Created by the VSA integration', IsActive: true, CreatedOn: tt, ModifiedOn: tt };
          s.bms.accounts.set(Id, acc);
          const lid = nextBmsId(s);
          s.bms.locations.set(lid, { Id: lid, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: tt, ModifiedOn: tt, Address1: null, City: null });
          index.dirty();
          if (orgId) mappings.set(orgId, { ExternalId: orgId, PsaId: Id, CreatedOn: tt });
          writes++;
        }
        const locs = index.locations(acc.Id);
        const loc = item.LocationId ? locs.find((l) => String(l.Id) === String(item.LocationId)) : locs.find((l) => l.IsMain);
        if (!loc) { details.push(d('400', `Location ${item.LocationId ?? '(Main)'} does not belong to account ${acc.Id}.`)); continue; }
        if (!loc.IsActive) { details.push(d('400', `Location ${loc.Id} is inactive.`)); continue; }
        let depId: number | null = existing?.DepartmentId ?? null;
        if (item.DepartmentId !== undefined) {
          depId = item.DepartmentId === null || item.DepartmentId === '' ? null : Number(item.DepartmentId);
          if (depId !== null) {
            const dep = s.bms.departments.get(depId);
            if (!dep || dep.AccountId !== acc.Id) { details.push(d('400', `Department ${item.DepartmentId} does not belong to account ${acc.Id}.`)); continue; }
          }
        }
        const det = item.AssetDetails ?? {};
        const net = item.AssetNetworkDetails ?? {};
        const cat = s.bms.categories.find((x) => x.Name.toLowerCase() === (item.Type ?? '').toLowerCase())?.Id ?? existing?.CategoryId ?? 1;
        const tt = nowIso();
        const next: BmsAsset = {
          Id: existing?.Id ?? nextBmsId(s), Name: item.Name ?? existing?.Name ?? item.AgentId, AccountId: acc.Id, AccountLocationId: loc.Id,
          CategoryId: cat, DepartmentId: depId, SerialNumber: pick(det.SerialNumber, existing?.SerialNumber), MachineGroupId: item.MachineGroupId ?? existing?.MachineGroupId ?? null,
          ComputerName: item.Name ?? existing?.ComputerName ?? null, IpAddress: pick(net.IpAddress, existing?.IpAddress), MacAddress: pick(net.MacAddress, existing?.MacAddress),
          OsType: pick(det.OsType, existing?.OsType), OsInfo: pick(det.OsInfo, existing?.OsInfo), IsActive: true, AgentId: item.AgentId,
          IntegrationTypeId: VSA_INTEGRATION_TYPE_ID, FirstCheckIn: pick(det.FirstCheckIn, existing?.FirstCheckIn), LastCheckIn: pick(det.LastCheckIn, existing?.LastCheckIn),
          LastReboot: pick(det.LastReboot, existing?.LastReboot), Description: item.Description ?? existing?.Description ?? null,
          // the push carries no contact: an asset keeps its own (one that moves to another account loses it)
          ...(existing?.ContactId && existing.AccountId === acc.Id ? { ContactId: existing.ContactId } : {}),
          CreatedOn: existing?.CreatedOn ?? tt, ModifiedOn: tt,
        };
        const changed = !existing || JSON.stringify({ ...existing, ModifiedOn: '' }) !== JSON.stringify({ ...next, ModifiedOn: '' });
        if (changed) {
          s.bms.assets.set(next.Id, next);
          if (movedFrom) byAgent.delete(movedFrom);
          byAgent.set(item.AgentId, next);
          writes++;
        }
        details.push(d('200', existing ? (changed ? 'Updated.' : 'Unchanged.') : 'Created.', next.Id));
      } catch (e) {
        details.push(d('400', e instanceof Error ? e.message : String(e)));
      }
    }
    if (writes) fs.write(writes);
    return newJob('assets', mode === 'create' ? 1 : 2, details);
  };
  r('POST', '/rmm/:integrationType/assets', (c) => pushAssets(c, 'create'));
  r('PUT', '/rmm/:integrationType/assets', (c) => pushAssets(c, 'update'));
  r('PUT', '/rmm/:integrationType/assets/deactivate', async (c) => {
    integration(c);
    const body = await jsonBody(c);
    validate('IntegrationDeactivateAssetInputDto', body, true);
    const s = S();
    const details: BmsJobDetail[] = [];
    let writes = 0;
    for (const item of body as { TransactionId?: string | null; AssetId?: string | null }[]) {
      const a = [...s.bms.assets.values()].find((x) => x.AgentId !== null && x.AgentId === item.AssetId);
      if (a && a.IsActive) { a.IsActive = false; a.ModifiedOn = nowIso(); writes++; }
      details.push({ StatusCode: a ? '200' : '404', StatusMessage: a ? 'Deactivated.' : `No asset is linked to agent ${item.AssetId ?? '(none)'}.`, TransactionId: item.TransactionId ?? null, AssetId: item.AssetId ?? null, PsaAssetId: a?.Id ?? null });
    }
    if (writes) fs.write(writes);
    return newJob('assets', 3, details);
  });
  r('GET', '/rmm/:integrationType/assets/status/:jobId', (c) => jobStatus(c, 'assets'));
}

const pick = <T>(v: T | null | undefined, fallback: T | null | undefined): T | null => (v === undefined ? (fallback ?? null) : v);

interface IntegrationAssetInput {
  TransactionId?: string | null;
  AssetId?: string | null;
  AgentId?: string | null;
  Organization?: { Id?: string | null; Name?: string | null };
  Name?: string | null;
  Description?: string | null;
  MachineGroupId?: string | null;
  Type?: string | null;
  LocationId?: string | null;
  DepartmentId?: string | null;
  AssetDetails?: { SerialNumber?: string | null; OsType?: string | null; OsInfo?: string | null; FirstCheckIn?: string | null; LastCheckIn?: string | null; LastReboot?: string | null };
  AssetNetworkDetails?: { IpAddress?: string | null; MacAddress?: string | null };
}
