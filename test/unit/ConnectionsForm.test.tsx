// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionsForm, patternOf, type ConnectionsApi } from '@/components/ConnectionsForm';

// the English strings, with Chrome's $1 substitution
vi.mock('@/lib/i18n', () => import('./i18n-en'));
afterEach(cleanup);

const stored = {
  vsa: { url: 'https://vsa.example.com', user: 'integrator', method: 'token' as const, hasSecret: true, secretHint: '••••9f' },
  bms: { url: 'https://api.bms.kaseya.com', webUrl: 'https://bms.kaseya.com', tenant: 'acme', user: 'api', hasSecret: true, secretHint: '••••' },
};

function api(over: Partial<ConnectionsApi> = {}): ConnectionsApi {
  return {
    load: vi.fn(async () => stored),
    requestOrigins: vi.fn(async () => true),
    save: vi.fn(async () => undefined),
    test: vi.fn(async (system) => ({ system, state: 'ok' as const, code: 'ok' as const, message: `Connected to ${system}`, checkedAt: 1 })),
    ...over,
  };
}

describe('connections form', () => {
  it('shows saved values but never a secret, only its hint', async () => {
    const { container } = render(<ConnectionsForm api={api()} />);
    await waitFor(() => expect((container.querySelector('#vsa-url') as HTMLInputElement).value).toBe('https://vsa.example.com'));
    expect((container.querySelector('#vsa-secret') as HTMLInputElement).value).toBe('');
    expect((container.querySelector('#vsa-secret') as HTMLInputElement).placeholder).toContain('••••9f');
  });

  it('asks for host access to exactly the three servers before saving, and saves nothing when declined', async () => {
    const a = api({ requestOrigins: vi.fn(async () => false) });
    const { container } = render(<ConnectionsForm api={a} />);
    await waitFor(() => expect((container.querySelector('#bms-url') as HTMLInputElement).value).not.toBe(''));
    fireEvent.click(container.querySelector('#save')!);
    await waitFor(() => expect(container.querySelector('#save-note')).toBeTruthy());
    expect(a.requestOrigins).toHaveBeenCalledWith(['https://vsa.example.com/*', 'https://api.bms.kaseya.com/*', 'https://bms.kaseya.com/*']);
    expect(a.save).not.toHaveBeenCalled();
    expect(container.querySelector('#save-note')!.getAttribute('role')).toBe('alert');
  });

  it('sends a new secret only when one was typed', async () => {
    const a = api();
    const { container } = render(<ConnectionsForm api={a} />);
    await waitFor(() => expect((container.querySelector('#vsa-user') as HTMLInputElement).value).toBe('integrator'));
    fireEvent.input(container.querySelector('#bms-password')!, { target: { value: 'n3w' } });
    fireEvent.click(container.querySelector('#save')!);
    await waitFor(() => expect(a.save).toHaveBeenCalled());
    const req = (a.save as ReturnType<typeof vi.fn>).mock.calls[0][0];
    expect(req.vsa.secret).toBeUndefined();
    expect(req.bms.password).toBe('n3w');
  });

  it('signs in to VSA with a personal access token by default; password is labelled the on-premises legacy method', async () => {
    const a = api({ load: vi.fn(async () => ({ vsa: null, bms: null })) });
    const { container } = render(<ConnectionsForm api={a} />);
    const method = container.querySelector('#vsa-method') as HTMLSelectElement;
    await waitFor(() => expect(method.value).toBe('token'));
    expect(method.options[0].textContent).toMatch(/access token \(recommended\)/);
    expect(method.options[1].textContent).toMatch(/on-premises VSA only, legacy/);
    expect(container.querySelector('#vsa-method-note')!.textContent).toMatch(/VSA 10 is not supported/);
    fireEvent.change(method, { target: { value: 'password' } });
    await waitFor(() => expect(container.querySelector('#vsa-method-note')!.textContent).toMatch(/deprecated by Kaseya and switched off on VSA SaaS/));
  });

  it('turns any server address into a host pattern without the port', () => {
    expect(patternOf('http://127.0.0.1:4711/v2')).toBe('http://127.0.0.1/*');
    expect(patternOf('ftp://x')).toBeNull();
    expect(patternOf('not a url')).toBeNull();
  });
});
