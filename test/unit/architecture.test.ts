/** The import rules of the architecture are lint errors: prove the linter catches each one. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
const errors = async (file: string, code: string) => {
  const [res] = await eslint.lintText(code, { filePath: file });
  return res.messages.map((m) => m.ruleId);
};

describe('architecture rules are enforced by the linter', () => {
  it.each([
    ['components/X.tsx', "import { getSecret } from '@/lib/store/connections';\nexport const x = getSecret;\n"],
    ['components/X.tsx', "import { vsaLogin } from '../lib/vsa/auth';\nexport const x = vsaLogin;\n"],
    ['entrypoints/bms.content/x.ts', "import { bmsLogin } from '@/lib/bms/auth';\nexport const x = bmsLogin;\n"],
    ['lib/x.ts', "import { Popup } from '@/components/Popup';\nexport const x = Popup;\n"],
    ['lib/mapping/x.ts', "import { fetchRaw } from '../http/fetch';\nexport const x = fetchRaw;\n"],
    ['test/sandbox/x.ts', "import { vsaLogin } from '../../lib/vsa/auth';\nexport const x = vsaLogin;\n"],
  ])('%s may not import that', async (file, code) => {
    expect(await errors(file, code)).toContain('no-restricted-imports');
  });

  it('lib/mapping may not touch browser APIs, and nobody renders markup', async () => {
    expect(await errors('lib/mapping/x.ts', 'export const x = () => fetch("/");\n')).toContain('no-restricted-globals');
    expect(await errors('components/X.tsx', 'export const f = (el: HTMLElement, s: string) => { el.innerHTML = s; };\n')).toContain('no-restricted-syntax');
  });

  it.each([
    ['lib/sync/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['lib/sync/x.ts', "import { storage } from 'wxt/utils/storage';\nexport const x = storage;\n"],
    ['lib/sync/x.ts', "import { FileJournal } from '../store/node/journal-file';\nexport const x = FileJournal;\n"],
    ['lib/sync/x.ts', "import { IdbJournal } from '../store/journal-idb';\nexport const x = IdbJournal;\n"],
  ])('%s: the engine imports no platform and no journal backend', async (file, code) => {
    expect(await errors(file, code)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('the engine may name a backend\'s type', async () => {
    expect(await errors('lib/sync/x.ts', "import type { FileJournal } from '../store/node/journal-file';\nexport type X = FileJournal;\n")).toEqual([]);
  });

  it('allowed imports pass', async () => {
    expect(await errors('components/X.tsx', "import { t } from '@/lib/i18n';\nexport const x = t;\n")).not.toContain('no-restricted-imports');
  });
});
