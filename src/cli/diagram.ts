/**
 * Draws a plan as a Graphviz DOT graph (pure: no renderer here; `render-svg.ts` turns DOT into
 * SVG):
 *
 * - one cluster per cloud, and inside it one cluster per gateway (site id, kind, ASN, networks,
 *   connections used of the limit, those in use outside the topology counted in);
 * - the gateway's public endpoints as nodes: Azure `instance0` / `instance1` (with their APIPA
 *   BGP addresses), Alibaba Cloud `master` / `slave`; an AWS gateway's endpoints belong to its
 *   VPN connections (each has two tunnel outside IPs), so they sit in one cluster per connection;
 * - one edge per tunnel between the two endpoints it joins, labelled with the tunnel id, the
 *   inside /30 with both ends' addresses and the ASNs (BGP), or the traffic selectors (policy).
 *   Idle tunnels are dashed and grey, with the reason as tooltip.
 *
 * - the alarms that watch each tunnel end (`TunnelEnd.alarms`): on the edge, their number per end
 *   (`off` for a site with `alarms: false`; an idle tunnel has none); in each gateway, a note
 *   listing every alarm of its tunnel ends by name and what it watches, or why an end has none.
 *
 * Every tunnel edge carries `id="tunnel:<tunnel id>"` and `class="tunnel active|idle"`, every
 * alarm note `id="alarms:<site id>"` and `class="alarms"`, which Graphviz writes onto the SVG
 * group, so the drawing can be styled or checked.
 */
import type { GatewayPlan, PlannedTunnel, TunnelEnd, VpnPlan } from '../plan';
import { CLOUDS, profileOf } from '../plan/clouds';
import { EndWatch, endWatch } from './plan-table';

/** A DOT double-quoted string: `"` and `\` escaped; `\n` in `text` becomes a centred line break. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Node id of one endpoint of one gateway. */
function endpointNode(site: string, endpoint: string): string {
  return dotString(`${site}|${endpoint}`);
}

function attrs(a: Record<string, string>): string {
  return `[${Object.entries(a).map(([k, v]) => `${k}=${dotString(v)}`).join(', ')}]`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Last octet of a host address, for compact labels (`169.254.21.37` → `.37`). */
const hostPart = (ip: string) => `.${ip.split('.').pop()}`;

function tunnelLabel(t: PlannedTunnel): string {
  const [a, b] = t.ends;
  const lines = [t.id];
  if (t.insideCidr) {
    lines.push(a.insideAddress && b.insideAddress ? `${t.insideCidr} (${hostPart(a.insideAddress)} ~ ${hostPart(b.insideAddress)})` : t.insideCidr);
  }
  if (t.routing === 'bgp') lines.push(`ASN ${a.asn} ~ ${b.asn}`);
  else if (t.routing === 'policy') lines.push(`policy ${(a.localSelectors ?? []).join(' ')} ~ ${(b.localSelectors ?? []).join(' ')}`);
  else lines.push('static');
  if (t.state === 'idle') lines.push('idle, no alarms');
  else lines.push(`alarms ${t.ends.map((e) => watchCount(endWatch(t, e))).join(' ~ ')}`);
  return lines.join('\n');
}

/** An end's alarms on an edge: their number, or `off` (the site sets `alarms: false`). */
function watchCount(w: EndWatch): string {
  return w.kind === 'alarms' ? String(w.alarms.length) : w.kind === 'off' ? 'off' : '0';
}

/** What watches one end, in words: its alarms by name and meaning, or why it has none. */
function watchText(t: PlannedTunnel, e: TunnelEnd): string[] {
  const w = endWatch(t, e);
  const at = `${t.id} ${e.endpoint.replace(`${t.link}/`, '')}`;
  if (w.kind === 'idle') return [`${at}: none (idle)`];
  if (w.kind === 'off') return [`${at}: none (alarms: false)`];
  if (w.alarms.length === 0) return [`${at}: none (${profileOf(e.cloud).name} names none)`];
  return w.alarms.map((a) => `${at}: ${a.name} (${a.watches})`);
}

/** The note listing every alarm of a gateway's tunnel ends (`undefined` when it has no tunnel). */
function alarmNote(site: string, ends: readonly { tunnel: PlannedTunnel; end: TunnelEnd }[]): string | undefined {
  if (!ends.length) return undefined;
  const count = ends.reduce((n, { tunnel, end }) => { const w = endWatch(tunnel, end); return n + (w.kind === 'alarms' ? w.alarms.length : 0); }, 0);
  const off = ends.every(({ tunnel, end }) => endWatch(tunnel, end).kind !== 'alarms') && ends.some(({ tunnel, end }) => endWatch(tunnel, end).kind === 'off');
  const head = off ? 'no alarms (alarms: false)' : count === 1 ? '1 alarm' : `${count} alarms`;
  const lines = off ? [] : ends.flatMap(({ tunnel, end }) => watchText(tunnel, end));
  return `${dotString(`${site}|#alarms`)} ${attrs({ id: `alarms:${site}`, class: 'alarms', shape: 'note', style: 'filled', fillcolor: '#fff8e1', fontsize: '8', label: [head, ...lines].join('\n'), tooltip: `alarms of ${site}` })};`;
}

function gatewayLabel(g: GatewayPlan): string {
  const inUse = g.connectionsInUse ?? 0;
  const load = inUse > 0 ? `${g.connectionCount + inUse}/${g.connectionLimit} connections (${inUse} in use)` : `${g.connectionCount}/${g.connectionLimit} connections`;
  return [g.site, `${g.kind} · ASN ${g.asn}`, g.cidrs.join(' '), load].join('\n');
}

/** Endpoint label: its name, and Azure's APIPA BGP addresses on it. */
function endpointLabel(g: GatewayPlan, endpoint: string): string {
  const apipa = g.apipaAddresses?.[endpoint];
  return apipa?.length ? `${endpoint}\nAPIPA ${apipa.join(' ')}` : endpoint;
}

/** The DOT source of `plan`'s topology. */
export function planToDot(plan: VpnPlan): string {
  const ends = new Map<string, TunnelEnd[]>(); // site -> ends of tunnels at that site
  const watched = new Map<string, { tunnel: PlannedTunnel; end: TunnelEnd }[]>(); // site -> its tunnel ends, with their tunnel
  for (const t of plan.tunnels) {
    for (const e of t.ends) {
      ends.set(e.site, [...(ends.get(e.site) ?? []), e]);
      watched.set(e.site, [...(watched.get(e.site) ?? []), { tunnel: t, end: e }]);
    }
  }
  const tunnelsById = new Map(plan.tunnels.map((t) => [t.id, t]));

  const out: string[] = [];
  const active = plan.tunnels.filter((t) => t.state === 'active').length;
  out.push('graph ccvpn {');
  out.push(`  graph ${attrs({
    label: `${count(plan.gateways.length, 'gateway')}, ${count(plan.links.length, 'link')}, ${count(plan.tunnels.length, 'tunnel')} (${active} active, ${plan.tunnels.length - active} idle)`,
    labelloc: 't', fontname: 'Helvetica', fontsize: '16', rankdir: 'LR', nodesep: '0.3', ranksep: '2.2', compound: 'true',
  })};`);
  out.push(`  node ${attrs({ shape: 'box', style: 'rounded,filled', fillcolor: 'white', fontname: 'Helvetica', fontsize: '10' })};`);
  out.push(`  edge ${attrs({ fontname: 'Helvetica', fontsize: '9', penwidth: '1.4' })};`);

  // One cluster per cloud, in the registry's order, labelled and coloured by its profile.
  for (const cloud of CLOUDS) {
    const gateways = plan.gateways.filter((g) => g.cloud === cloud);
    if (!gateways.length) continue;
    const style = profileOf(cloud).display;
    out.push(`  subgraph ${dotString(`cluster_cloud_${cloud}`)} {`);
    out.push(`    graph ${attrs({ label: style.label, color: style.color, penwidth: '2', fontname: 'Helvetica-Bold', fontsize: '14', style: 'rounded' })};`);
    for (const g of gateways) {
      out.push(`    subgraph ${dotString(`cluster_site_${g.site}`)} {`);
      out.push(`      graph ${attrs({ id: `gateway:${g.site}`, class: `gateway ${g.cloud}`, label: gatewayLabel(g), color: style.color, style: 'rounded,filled', fillcolor: '#f7f7f7', fontsize: '11' })};`);
      const placed = new Set<string>();
      // A cloud with per-connection endpoints: they are the tunnels of each connection.
      const groups = style.endpointGroups;
      for (const link of g.links) {
        for (const conn of groups ? groups(link) : []) {
          out.push(`      subgraph ${dotString(`cluster_conn_${g.site}_${link.link}_${conn.id}`)} {`);
          out.push(`        graph ${attrs({ label: `${conn.id} → ${link.remoteSite}`, style: 'dashed,rounded', color: '#999999', fontsize: '9' })};`);
          conn.tunnels.forEach((tunnelId, i) => {
            const end = tunnelsById.get(tunnelId)?.ends.find((e) => e.site === g.site);
            if (!end || placed.has(end.endpoint)) return;
            placed.add(end.endpoint);
            out.push(`        ${endpointNode(g.site, end.endpoint)} ${attrs({ label: `tunnel${i + 1}`, tooltip: end.endpoint })};`);
          });
          out.push('      }');
        }
      }
      const rest = [...g.endpoints, ...(ends.get(g.site) ?? []).map((e) => e.endpoint)].filter((e, i, all) => !placed.has(e) && all.indexOf(e) === i);
      for (const e of rest) out.push(`      ${endpointNode(g.site, e)} ${attrs({ label: endpointLabel(g, e), tooltip: `${g.site} ${e}` })};`);
      if (!rest.length && !placed.size) out.push(`      ${dotString(`${g.site}|`)} ${attrs({ label: 'no tunnels', style: 'dotted' })};`);
      const note = alarmNote(g.site, watched.get(g.site) ?? []);
      if (note) out.push(`      ${note}`);
      out.push('    }');
    }
    out.push('  }');
  }

  for (const t of plan.tunnels) {
    const [a, b] = t.ends;
    const idle = t.state === 'idle';
    const style: Record<string, string> = idle
      ? { style: 'dashed', color: '#a0a0a0', fontcolor: '#808080', tooltip: `${t.id}: idle${t.idleReason ? ` (${t.idleReason})` : ''}` }
      : { color: '#2d6a4f', fontcolor: '#1b4332', tooltip: `${t.id}: active; alarms: ${t.ends.flatMap((e) => watchText(t, e)).map((x) => x.slice(t.id.length + 1)).join('; ')}` };
    out.push(`  ${endpointNode(a.site, a.endpoint)} -- ${endpointNode(b.site, b.endpoint)} ${attrs({ id: `tunnel:${t.id}`, class: `tunnel ${t.state}`, label: tunnelLabel(t), ...style })};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
