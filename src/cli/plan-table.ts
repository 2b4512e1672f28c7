/**
 * Renders a plan as readable tables: gateways with the resources each cloud needs, then every
 * tunnel with both ends, then the alarms that watch each tunnel end (`TunnelEnd.alarms`). Keys
 * appear only in their redacted form.
 */
import type { GatewayPlan, PlannedAlarm, PlannedTunnel, TunnelEnd, VpnPlan } from '../plan';
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

/**
 * What watches one tunnel end: its alarms (none when its cloud names none), or why it has none:
 * the tunnel is idle (nothing answers it, so an alarm would never clear) or the site sets
 * `alarms: false`.
 */
export type EndWatch =
  | { readonly kind: 'alarms'; readonly alarms: readonly PlannedAlarm[] }
  | { readonly kind: 'idle' }
  | { readonly kind: 'off' };

/** What watches `end` of `t` (see `EndWatch`). */
export function endWatch(t: PlannedTunnel, end: TunnelEnd): EndWatch {
  if (t.state === 'idle') return { kind: 'idle' };
  return end.alarms === undefined ? { kind: 'off' } : { kind: 'alarms', alarms: end.alarms };
}

/** An end's alarms in a table cell: their number, `off` (`alarms: false`) or `-` (idle). */
function watchCell(w: EndWatch): string {
  return w.kind === 'alarms' ? String(w.alarms.length) : w.kind === 'off' ? 'off' : '-';
}

/** Connections used of the limit, with those in use outside the topology (`inUse`) counted in. */
function load(g: GatewayPlan): string {
  const inUse = g.connectionsInUse ?? 0;
  return inUse > 0 ? `${g.connectionCount + inUse}/${g.connectionLimit} (${inUse} in use)` : `${g.connectionCount}/${g.connectionLimit}`;
}

/** A gateway's alarms: how many watch its tunnel ends, or `off` when its site turns them off. */
function gatewayAlarms(plan: VpnPlan, g: GatewayPlan): string {
  const watches = plan.tunnels.flatMap((t) => t.ends.filter((e) => e.site === g.site).map((e) => endWatch(t, e)));
  const listed = watches.flatMap((w) => (w.kind === 'alarms' ? w.alarms : []));
  return watches.some((w) => w.kind === 'off') && !watches.some((w) => w.kind === 'alarms') ? 'off' : String(new Set(listed.map((a) => a.name)).size);
}

const endName = (t: PlannedTunnel, e: TunnelEnd) => `${e.site} (${e.endpoint.replace(`${t.link}/`, '')})`;

/** One row per alarm of every tunnel end; an end without one says why (idle tunnels in one row). */
function alarmRows(plan: VpnPlan): string[][] {
  const rows: string[][] = [];
  for (const t of plan.tunnels) {
    if (t.state === 'idle') {
      rows.push([t.id, 'both ends', 'none', 'idle tunnel: nothing answers it, an alarm would never clear', '']);
      continue;
    }
    for (const e of t.ends) {
      const w = endWatch(t, e);
      if (w.kind === 'off') rows.push([t.id, endName(t, e), 'none', `alarms: false on ${e.site}`, '']);
      else if (w.kind === 'alarms' && w.alarms.length === 0) rows.push([t.id, endName(t, e), 'none', `${profileOf(e.cloud).name} names no alarm for it`, '']);
      else if (w.kind === 'alarms') for (const a of w.alarms) rows.push([t.id, endName(t, e), a.name, a.watches, `${a.metric} (${a.service})`]);
    }
  }
  return rows;
}

export function renderPlan(plan: VpnPlan): string {
  const gateways = table(
    ['gateway', 'cloud', 'kind', 'ASN', 'networks', 'resources', 'load', 'alarms'],
    plan.gateways.map((g) => [g.site, g.cloud, g.kind, String(g.asn), g.cidrs.join(' '), resources(g), load(g), gatewayAlarms(plan, g)]),
  );
  const tunnels = table(
    ['tunnel', 'state', 'side A (endpoint)', 'side B (endpoint)', 'inside /30', 'A ip', 'B ip', 'ASN A~B', 'proposal', 'life p1/p2 A ~ B', 'pre-shared key', 'alarms A~B'],
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
      t.ends.map((e) => watchCell(endWatch(t, e))).join('~'),
    ]),
  );
  const active = plan.tunnels.filter((t) => t.state === 'active').length;
  const summary = `${plan.gateways.length} gateways, ${plan.links.length} links, ${plan.tunnels.length} tunnels (${active} active, ${plan.tunnels.length - active} idle)`;
  const activeEnds = plan.tunnels.filter((t) => t.state === 'active').flatMap((t) => t.ends);
  // One alarm may watch several ends (an Alibaba Cloud rule watches its connection's two tunnels).
  const alarmCount = new Set(activeEnds.flatMap((e) => (e.alarms ?? []).map((a) => a.name))).size;
  const watched = activeEnds.filter((e) => (e.alarms?.length ?? 0) > 0).length;
  const alarms = `alarms: ${alarmCount} watch ${watched} of ${activeEnds.length} active tunnel ends\n${table(['tunnel', 'end', 'alarm', 'watches', 'metric (service)'], alarmRows(plan))}`;
  const warnings = plan.warnings.length ? `\nwarnings:\n${plan.warnings.map((w) => `  - ${w}`).join('\n')}\n` : '';
  return `${summary}\n\n${gateways}\n\n${tunnels}\n\n${alarms}\n${warnings}`;
}
