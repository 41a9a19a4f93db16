/**
 * The BMS pages an admin taught (W2), in the options page: each a page type and the pattern of its
 * address, editable and removable; a malformed pattern is named with the reason before it is saved
 * (and the background refuses it too). They are part of the settings, so they travel with them.
 */
import { compileLearned, type LearnedPattern } from '@/lib/host/routes';
import { BMS_PAGES, type BmsPage } from '@/lib/host/patterns';
import { t } from '@/lib/i18n';

export function learnedProblems(list: readonly LearnedPattern[]): Map<number, string> {
  return new Map(compileLearned(list).problems.map((p) => [p.index, p.error]));
}

export function LearnedPages({ list, onChange }: { list: LearnedPattern[]; onChange: (l: LearnedPattern[]) => void }) {
  const problems = learnedProblems(list);
  const edit = (i: number, patch: Partial<LearnedPattern>) => onChange(list.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset id="learned-pages">
      <legend>{t('learnedHeading')}</legend>
      <p class="muted small">{t('learnedHelp')}</p>
      {!list.length && <p class="muted" id="learned-none">{t('learnedNone')}</p>}
      <ul class="plain">
        {list.map((l, i) => (
          <li key={i} class="learned" data-index={i}>
            <div class="row">
              <select aria-label={t('learnedPageType')} value={l.page} onChange={(e) => edit(i, { page: (e.target as HTMLSelectElement).value as BmsPage })}>
                {BMS_PAGES.map((p) => <option key={p} value={p}>{t(`page_${p.replace('-', '_')}`)}</option>)}
              </select>
              <input type="text" class="pattern" aria-label={t('learnedPattern')} value={l.pattern} aria-invalid={problems.has(i)} aria-describedby={problems.has(i) ? `learned-error-${i}` : undefined}
                onInput={(e) => edit(i, { pattern: (e.target as HTMLInputElement).value })} />
              <button type="button" class="learned-remove" aria-label={t('learnedRemove', l.pattern)} onClick={() => onChange(list.filter((_, j) => j !== i))}>×</button>
            </div>
            {problems.has(i) && <p class="error-text small" role="alert" id={`learned-error-${i}`}>{problems.get(i)}</p>}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
