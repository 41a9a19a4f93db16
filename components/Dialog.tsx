/** A modal dialog (native <dialog>: focus stays inside, Escape closes), for pickers and confirmations. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';

export function Dialog({ title, onClose, children, id }: { title: string; onClose: () => void; children: ComponentChildren; id?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    const focusable = d.querySelector<HTMLElement>('[autofocus], input, select, button.primary');
    focusable?.focus();
    return () => d.open && d.close();
  }, []);
  return (
    <dialog ref={ref} class="bvs dialog" id={id} aria-labelledby={`${id ?? 'dlg'}-title`} onCancel={(e) => {
      e.preventDefault();
      onClose();
    }}>
      <div class="dialog-head">
        <h2 id={`${id ?? 'dlg'}-title`}>{title}</h2>
        <button type="button" class="icon" aria-label={t('close')} onClick={onClose}>×</button>
      </div>
      {children}
    </dialog>
  );
}

/** asks before a risky or destructive step: the warnings (F18) or the consequence, then yes/no */
export function Confirm({ title, lines, confirmLabel, onConfirm, onClose, danger }: {
  title: string; lines: string[]; confirmLabel: string; onConfirm: () => void; onClose: () => void; danger?: boolean;
}) {
  return (
    <Dialog title={title} onClose={onClose} id="confirm">
      <ul class="warnings">{lines.map((l, i) => <li key={i}>{l}</li>)}</ul>
      <div class="row end">
        <button type="button" onClick={onClose} id="confirm-no">{t('cancel')}</button>
        <button type="button" class={danger ? 'primary danger' : 'primary'} id="confirm-yes" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </Dialog>
  );
}
