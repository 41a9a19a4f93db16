/**
 * A searchable list to pick one record (an account for an org, or an org for an account): suggestions
 * with their confidence on top, then everything else that matches what is typed. Keyboard: type,
 * arrows, Enter; Escape closes the dialog it lives in. Names render as text only.
 */
import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import { foldCharacters } from '@/lib/mapping/normalize';
import { t } from '@/lib/i18n';
import { pct } from './format';

export interface PickItem {
  id: string;
  label: string;
  /** 0..1 when the item is a suggestion */
  confidence?: number | null;
  hint?: string;
}

const MAX_SHOWN = 60;
export const fold = (s: string) => foldCharacters(s.toLowerCase(), 'strip');

export function Picker({ items, suggestions = [], onPick, label, idPrefix = 'pick' }: {
  items: PickItem[];
  suggestions?: PickItem[];
  onPick: (item: PickItem) => void;
  label: string;
  idPrefix?: string;
}) {
  const q = useSignal('');
  const active = useSignal(0);
  const listRef = useRef<HTMLUListElement>(null);
  const folded = useMemo(() => items.map((i) => fold(i.label)), [items]);
  const query = fold(q.value.trim());
  const shown = useMemo(() => {
    const sugIds = new Set(suggestions.map((s) => s.id));
    const out: PickItem[] = query ? suggestions.filter((s) => fold(s.label).includes(query)) : [...suggestions];
    for (let i = 0; i < items.length && out.length < MAX_SHOWN; i++) {
      if (!sugIds.has(items[i].id) && (!query || folded[i].includes(query))) out.push(items[i]);
    }
    return out;
  }, [items, suggestions, folded, query]);
  const total = useMemo(() => (query ? folded.filter((f) => f.includes(query)).length : items.length), [folded, query, items]);
  const cur = Math.min(active.value, Math.max(0, shown.length - 1));
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active.value = Math.max(0, Math.min(shown.length - 1, cur + (e.key === 'ArrowDown' ? 1 : -1)));
      listRef.current?.querySelector(`#${idPrefix}-opt-${active.value}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && shown[cur]) {
      e.preventDefault();
      onPick(shown[cur]);
    }
  };
  return (
    <div class="picker">
      <label for={`${idPrefix}-q`}>{label}</label>
      <input
        id={`${idPrefix}-q`} type="text" role="combobox" aria-expanded="true" aria-controls={`${idPrefix}-list`} aria-autocomplete="list"
        aria-activedescendant={shown.length ? `${idPrefix}-opt-${cur}` : undefined} autocomplete="off" value={q.value}
        onInput={(e) => {
          q.value = (e.target as HTMLInputElement).value;
          active.value = 0;
        }}
        onKeyDown={onKey}
      />
      <ul id={`${idPrefix}-list`} role="listbox" aria-label={label} ref={listRef} class="options">
        {shown.map((it, i) => (
          <li
            key={it.id} id={`${idPrefix}-opt-${i}`} role="option" aria-selected={i === cur} class={i === cur ? 'active' : ''}
            data-id={it.id} onClick={() => onPick(it)} onMouseMove={() => (active.value = i)}
          >
            <span class="label" title={it.label}>{it.label || t('noName')}</span>
            {it.confidence != null && <span class="badge suggested">{pct(it.confidence)}</span>}
            {it.hint && <span class="muted hint">{it.hint}</span>}
          </li>
        ))}
        {!shown.length && <li class="muted" role="option" aria-selected="false" aria-disabled="true">{t('noMatches')}</li>}
      </ul>
      {total > shown.length && <p class="muted">{t('showingOf', [String(shown.length), String(total)])}</p>}
    </div>
  );
}
