/**
 * Renders a plan as readable tables: gateways with the resources each cloud needs, then every
 * tunnel with both ends. Keys appear only in their redacted form.
 */
import type { GatewayPlan, PlannedTunnel, VpnPlan } from '../plan';
import { profileOf } from '../plan/clouds';

/** Left-aligned columns separated by two spaces. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** What the gateway's links create, in its cloud's words (the profile's `display`). */
function resources(g: GatewayPlan): string {
  const display = profileOf(g.cloud).display;
  const n = (k: 'peers' | 'connections') => g.links.reduce((sum, l) => sum + display.count(l)[k], 0);
  return `${n('peers')} ${display.nouns.peers}, ${n('connections')} ${display.nouns.connections}`;
}

function proposal(t: PlannedTunnel): string {
  const p = t.proposal;
  const p2 = [p.phase2.encryption, p.phase2.integrity, p.phase2.pfsGroup === null ? 'no-pfs' : `pfs${p.phase2.pfsGroup}`].filter(Boolean).join('/');
  return `${p.ikeVersion} ${p.phase1.encryption}/${p.phase1.integrity}/dh${p.phase1.dhGroup} | ${p2}`;
}

function lifetimes(t: PlannedTunnel): string {
  return t.ends.map((e) => `${e.proposal.phase1.lifetimeSeconds}/${e.proposal.phase2.lifetimeSeconds}`).join(' ~ ');
}

export function renderPlan(plan: VpnPlan): string {
  const gateways = table(
    ['gateway', 'cloud', 'kind', 'ASN', 'networks', 'resources', 'load'],
    plan.gateways.map((g) => [g.site, g.cloud, g.kind, String(g.asn), g.cidrs.join(' '), resources(g), `${g.connectionCount}/${g.connectionLimit}`]),
  );
  const tunnels = table(
    ['tunnel', 'state', 'side A (endpoint)', 'side B (endpoint)', 'inside /30', 'A ip', 'B ip', 'ASN A~B', 'proposal', 'life p1/p2 A ~ B', 'pre-shared key'],
    plan.tunnels.map((t) => [
      t.id,
      t.state,
      `${t.ends[0].site} (${t.ends[0].endpoint.replace(`${t.link}/`, '')})`,
      `${t.ends[1].site} (${t.ends[1].endpoint.replace(`${t.link}/`, '')})`,
      t.insideCidr ?? (t.routing === 'policy' ? 'policy' : '-'),
      t.ends[0].insideAddress ?? '-',
      t.ends[1].insideAddress ?? '-',
      t.routing === 'bgp' ? `${t.ends[0].asn}~${t.ends[1].asn}` : t.routing,
      proposal(t),
      lifetimes(t),
      String(t.presharedKey),
    ]),
  );
  const active = plan.tunnels.filter((t) => t.state === 'active').length;
  const summary = `${plan.gateways.length} gateways, ${plan.links.length} links, ${plan.tunnels.length} tunnels (${active} active, ${plan.tunnels.length - active} idle)`;
  const warnings = plan.warnings.length ? `\nwarnings:\n${plan.warnings.map((w) => `  - ${w}`).join('\n')}\n` : '';
  return `${summary}\n\n${gateways}\n\n${tunnels}\n${warnings}`;
}
