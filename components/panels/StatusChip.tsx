/** The state of both connections in the BMS top bar, on every BMS page. */
import { ConnectionChip } from '../ConnectionStatus';
import { shadowMount, type PanelFeature } from './feature';

export const statusChip: PanelFeature = {
  id: 'status',
  pages: ['crm-accounts', 'crm-account', 'hardware-assets', 'hardware-asset', 'accounts-sync'],
  anchor: 'topbar',
  sticky: true,
  attach(anchor, { ask }) {
    const m = shadowMount(anchor, 'status', 'append', true);
    m.render(<ConnectionChip />);
    ask({ type: 'connections.status' }).then(
      (s) => m.render(<ConnectionChip vsa={s.vsa} bms={s.bms} />),
      (e: Error) => m.render(<ConnectionChip error={e.message} />),
    );
    return m.remove;
  },
};
