/**
 * What the product needs from VSA that public evidence does not settle, each [assumed] in
 * ../shared/api-contract.md. One place, so a live tenant's truth is a small change.
 */

/**
 * Serial number and MAC address are not in Get Agent (H-AGENT); they come from the audit, read for
 * all agents in one paged `GET /assetmgmt/audit` (KAT). The key names are [assumed]: the first
 * candidate present in a row wins; an admin can name others (settings), and `npm run smoke` logs
 * the keys one row really has.
 */
export const AUDIT_PATH = '/assetmgmt/audit';
export interface AuditKeys {
  serial: string[];
  mac: string[];
}
export const DEFAULT_AUDIT_KEYS: AuditKeys = {
  serial: ['SystemSerialNumber', 'SerialNumber', 'ProductSerialNumber', 'SerialNum'],
  mac: ['MacAddr', 'MacAddress', 'PrimaryMacAddress', 'MACAddress'],
};

/** [assumed] VSA 10 tenants live under *.vsax.net (§4) */
export const VSA10_HOST = /(^|\.)vsax\.net$/i;

/** [assumed] the org custom field an admin creates to share links through VSA (§9's second step): it holds the BMS account id */
export const VSA_LINK_FIELD = 'BMS Account Id';

/**
 * [assumed] GET /system/orgs lists each org with every field GET /system/orgs/{id} answers (§3 names the
 * same fields for both). The org field links write an org back whole from its list copy on this
 * assumption (safety review MEDIUM-4: a field missing from the copy would be wiped); false makes every
 * write read its org on its own first (one call more per link), the list still serving the read-back.
 */
export const ORG_LIST_IS_WHOLE = true;

/**
 * [assumed] The agent's contact (VSA's Agent › Edit Profile: contact name and email, research N17) as
 * Get Agent carries it. The key names are not in the contract: the first candidate present wins, read
 * on the agent itself or inside a `ContactInfo` object. The sandbox serves `ContactName` / `ContactEmail`.
 */
export const AGENT_CONTACT_KEYS = { name: ['ContactName', 'Contact'], email: ['ContactEmail', 'ContactEmailAddress', 'Email'] } as const;

export interface AgentContact {
  name: string | null;
  email: string | null;
}

/** the agent's contact, or null when it has no email (the only thing it is matched by) */
export function agentContact(agent: Record<string, unknown>): AgentContact | null {
  const boxes = [agent, agent.ContactInfo].filter((b): b is Record<string, unknown> => !!b && typeof b === 'object' && !Array.isArray(b));
  const first = (keys: readonly string[]) => {
    for (const b of boxes) for (const k of keys) if (typeof b[k] === 'string' && (b[k] as string).trim()) return (b[k] as string).trim();
    return null;
  };
  const email = first(AGENT_CONTACT_KEYS.email);
  return email && email.includes('@') ? { name: first(AGENT_CONTACT_KEYS.name), email } : null;
}
