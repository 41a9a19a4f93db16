/**
 * The command line's exit codes, decided in this one place (README, "Command line"):
 *
 *   0   done: every item done (or a dry run printed, or nothing to do)
 *   1   done, but some items failed (listed; a rerun with --retry-failed tries them again)
 *   2   cannot connect or log in, or bad input (config, options, a file): nothing was written
 *   3   stopped by the mass-deactivation guard (answered only by --yes --allow-mass-deactivation)
 *   130 interrupted (Ctrl-C): stopped between items; the same command resumes the job
 *   70  an unexpected error inside the tool (a bug: please report it with the message)
 */
import { ApiError } from '../http/errors';

export const EXIT = { done: 0, failed: 1, input: 2, guard: 3, internal: 70, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** an error the admin can fix: bad input (config, option, file) or no connection */
export class CliError extends Error {
  constructor(message: string, readonly kind: 'input' | 'connect' | 'guard') {
    super(message);
    this.name = 'CliError';
  }
}

export type Outcome =
  | { kind: 'finished'; failed: number; state: string }
  | { kind: 'dry-run' }
  /** the plan hit the mass-deactivation guard: it goes ahead only with --yes --allow-mass-deactivation */
  | { kind: 'guard' }
  | { kind: 'interrupted' }
  | { kind: 'error'; error: unknown };

/** a guard of the engine that wants the admin's explicit yes (recognised by its name or code) */
export function isGuard(e: unknown): boolean {
  const x = e as { name?: unknown; code?: unknown } | null;
  return !!x && (x.name === 'GuardError' || x.code === 'guard' || (e instanceof CliError && e.kind === 'guard'));
}

export function exitCode(o: Outcome): ExitCode {
  switch (o.kind) {
    case 'dry-run':
      return EXIT.done;
    case 'interrupted':
      return EXIT.interrupted;
    case 'guard':
      return EXIT.guard;
    case 'finished':
      // a job the engine stopped for good (a login that stopped working) could not reach the systems
      if (o.state === 'failed') return EXIT.input;
      return o.failed > 0 ? EXIT.failed : EXIT.done;
    case 'error': {
      const e = o.error;
      if (isGuard(e)) return EXIT.guard;
      if (e instanceof CliError || e instanceof ApiError) return EXIT.input;
      // a programming error is ours; the engine's other errors are its plain-language refusals
      // (nothing to undo, an unknown job id, a capability the tenant lacks): bad input
      if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError || !(e instanceof Error)) return EXIT.internal;
      return EXIT.input;
    }
  }
}
