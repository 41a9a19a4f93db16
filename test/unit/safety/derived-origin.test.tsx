// @vitest-environment happy-dom
// INFO: with the BMS web address left empty, the derived one (api.host → host) is asked for too:
// without it no panel could ever appear.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionsForm, type ConnectionsApi } from '@/components/ConnectionsForm';

vi.mock('@/lib/i18n', () => import('../i18n-en'));
afterEach(cleanup);

describe('derived BMS web address (INFO)', () => {
  it('asks for the web origin derived from the API address when the field is empty', async () => {
    const stored = {
      vsa: { url: 'https://vsa.example.com', user: 'integrator', method: 'token' as const, hasSecret: true, secretHint: '••' },
      bms: { url: 'https://api.bms.kaseya.com', webUrl: '', tenant: 'acme', user: 'api', hasSecret: true, secretHint: '••' },
    };
    const a: ConnectionsApi = { load: vi.fn(async () => stored), requestOrigins: vi.fn(async () => false), save: vi.fn(async () => undefined), test: vi.fn() as never };
    const { container } = render(<ConnectionsForm api={a} />);
    await waitFor(() => expect((container.querySelector('#bms-url') as HTMLInputElement).value).not.toBe(''));
    expect((container.querySelector('#bms-web-url') as HTMLInputElement | null)?.value ?? '').toBe('');
    fireEvent.click(container.querySelector('#save')!);
    await waitFor(() => expect(a.requestOrigins).toHaveBeenCalled());
    expect(a.requestOrigins).toHaveBeenCalledWith(['https://vsa.example.com/*', 'https://api.bms.kaseya.com/*', 'https://bms.kaseya.com/*']);
  });
});
