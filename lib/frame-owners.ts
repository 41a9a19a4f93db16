/**
 * Which panel frame planned which job (the background's side of HIGH-1): a frame may start, cancel,
 * retry, watch, relink or undo only jobs it planned itself. A frame is known by its owner key (tab,
 * frame and, in Chrome, document: a reloaded frame is a new owner). Extension pages act on any job.
 */
export class FrameOwners {
  private owners = new Map<string, string>();
  constructor(private max = 500) {}

  /** records the job a frame's reply names (a plan's progress, or a progress) as that frame's */
  own(reply: unknown, owner: string): void {
    const r = reply as { progress?: { jobId?: unknown }; jobId?: unknown } | null;
    const id = typeof r?.progress?.jobId === 'string' ? r.progress.jobId : typeof r?.jobId === 'string' ? r.jobId : null;
    if (id && !this.owners.has(id)) this.owners.set(id, owner);
    if (this.owners.size > this.max) this.owners.delete(this.owners.keys().next().value!);
  }

  /** the job id a sender may act on; throws `forbidden` for a frame and a job it did not plan */
  check(kind: string | null, owner: string | null | undefined, jobId: string | undefined): string | undefined {
    if (kind !== 'frame') return jobId;
    if (!jobId || !owner || this.owners.get(jobId) !== owner) throw Object.assign(new Error('This panel can only act on jobs it started.'), { code: 'forbidden' });
    return jobId;
  }

  /** the owner key of the frame that planned a job, if a frame did */
  ownerOf(jobId: string): string | undefined {
    return this.owners.get(jobId);
  }

  /** the newest job this frame planned, or null */
  newest(owner: string | null | undefined): string | null {
    const ids = [...this.owners].filter(([, o]) => o === owner).map(([id]) => id);
    return ids.length ? ids[ids.length - 1] : null;
  }
}
