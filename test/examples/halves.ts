/**
 * Reads the tunnel halves out of synthesized output (CloudFormation templates and Terraform JSON),
 * not out of the plan, so the examples' tests check what would really be deployed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cloud, FACTS } from '../../src/plan';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One half of a tunnel, in engine-neutral names. */
export interface Half {
  readonly cloud: Cloud;
  readonly where: string;
  readonly psk: string;
  readonly ownIp?: string;
  readonly peerIp?: string;
  readonly cidr?: string;
  readonly asn?: number;
  readonly peerAsn?: number;
  readonly ikeVersions: string[];
  readonly p1: { enc: string[]; integ: string[]; dh: string[] };
  readonly p2: { enc: string[]; integ: string[]; pfs: string[] };
  readonly selectors?: { local: string[]; remote: string[] };
}

/** Every file of a synthesized output: CloudFormation templates and Terraform stacks. */
export interface SynthOutput {
  readonly templates: Record<string, Json>;
  readonly stacks: Record<string, Json>;
}

export function readOutput(cdkOut: string, cdktfOut: string): SynthOutput {
  const templates: Record<string, Json> = {};
  for (const f of fs.readdirSync(cdkOut).filter((x) => x.endsWith('.template.json')).sort()) templates[f] = JSON.parse(fs.readFileSync(path.join(cdkOut, f), 'utf8'));
  const stacks: Record<string, Json> = {};
  const dir = path.join(cdktfOut, 'stacks');
  for (const s of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) stacks[s] = JSON.parse(fs.readFileSync(path.join(dir, s, 'cdk.tf.json'), 'utf8'));
  return { templates, stacks };
}

/** Cloud spelling → neutral name, per table. */
function neutral(cloud: Cloud, kind: 'encryption' | 'integrity' | 'phase1Dh' | 'phase2Dh', name: string | number): string {
  const table = FACTS[cloud].spelling[kind] as Record<string, string>;
  const hit = Object.entries(table).find(([, v]) => v === String(name));
  if (kind === 'phase2Dh' && String(name) === FACTS[cloud].spelling.noPfs) return 'none';
  if (!hit) throw new Error(`${cloud} spelling '${name}' (${kind}) is unknown`);
  return hit[0];
}

function hosts(cidr: string): [string, string] {
  const [net] = cidr.split('/');
  const parts = net.split('.').map(Number);
  return [1, 2].map((h) => [...parts.slice(0, 3), parts[3] + h].join('.')) as [string, string];
}

const values = (list: { Value: string | number }[] | undefined) => (list ?? []).map((x) => String(x.Value));
const tfRef = (expr: string) => /^\$\{([a-z0-9_]+)\.([^.]+)\.id\}$/.exec(expr);

export function readHalves(out: SynthOutput): Half[] {
  const halves: Half[] = [];
  // AWS: the gateway's ASN as every VPN connection records it (Metadata.CrossCloudVpn.Gateway),
  // the only place it is written for an existing transit gateway.
  for (const [file, t] of Object.entries(out.templates)) {
    for (const [id, r] of Object.entries<Json>(t.Resources ?? {})) {
      if (r.Type !== 'AWS::EC2::VPNConnection') continue;
      const cgw = t.Resources[r.Properties.CustomerGatewayId.Ref].Properties;
      const bgp = !r.Properties.StaticRoutesOnly;
      // Every option but the inside CIDR is the connection's Custom::VpnTunnelOptions' (applied in place).
      const options = Object.values<Json>(t.Resources).find((x) => x.Type === 'Custom::VpnTunnelOptions' && x.Properties.VpnConnectionId.Ref === id);
      r.Properties.VpnTunnelOptionsSpecifications.map((spec: Json) => ({ ...spec, ...(options?.Properties.Tunnels.find((x: Json) => x.TunnelInsideCidr === spec.TunnelInsideCidr) ?? {}) })).forEach((o: Json, i: number) => {
        // Inside addresses are BGP peering addresses: a static peer does not use them.
        const [own, peer] = bgp ? hosts(o.TunnelInsideCidr) : [undefined, undefined];
        halves.push({
          cloud: 'aws', where: `${file} ${id} tunnel ${i + 1}`, psk: o.PreSharedKey, cidr: o.TunnelInsideCidr, ownIp: own, peerIp: peer,
          asn: bgp ? r.Metadata.CrossCloudVpn.Gateway.Asn : undefined, peerAsn: bgp ? cgw.BgpAsn ?? cgw.BgpAsnExtended : undefined,
          ikeVersions: values(o.IKEVersions),
          p1: { enc: values(o.Phase1EncryptionAlgorithms).map((v) => neutral('aws', 'encryption', v)), integ: values(o.Phase1IntegrityAlgorithms).map((v) => neutral('aws', 'integrity', v)), dh: values(o.Phase1DHGroupNumbers) },
          p2: { enc: values(o.Phase2EncryptionAlgorithms).map((v) => neutral('aws', 'encryption', v)), integ: values(o.Phase2IntegrityAlgorithms).map((v) => neutral('aws', 'integrity', v)), pfs: values(o.Phase2DHGroupNumbers) },
          selectors: r.Properties.LocalIpv4NetworkCidr ? { local: [r.Properties.RemoteIpv4NetworkCidr], remote: [r.Properties.LocalIpv4NetworkCidr] } : undefined,
        });
      });
    }
  }
  // Azure and Alibaba Cloud
  const all = (type: string) => Object.values(out.stacks).flatMap((s) => Object.values<Json>(s.resource?.[type] ?? {}));
  const azureAsn = all('azurerm_virtual_network_gateway')[0]?.bgp_settings?.asn;
  for (const [stackName, s] of Object.entries(out.stacks)) {
    const res = s.resource ?? {};
    for (const [id, c] of Object.entries<Json>(res.azurerm_virtual_network_gateway_connection ?? {})) {
      const ref = tfRef(c.local_network_gateway_id)!;
      const lng = res[ref[1]][ref[2]];
      const peerIp: string | undefined = lng.bgp_settings?.bgp_peering_address;
      const custom = c.custom_bgp_addresses ? [c.custom_bgp_addresses.primary, c.custom_bgp_addresses.secondary] : [];
      const p = c.ipsec_policy;
      halves.push({
        cloud: 'azure', where: `${stackName} ${id}`, psk: c.shared_key,
        ownIp: peerIp ? custom.find((a: string) => a && a.split('.').slice(0, 3).join('.') === peerIp.split('.').slice(0, 3).join('.') && Math.floor(Number(a.split('.')[3]) / 4) === Math.floor(Number(peerIp.split('.')[3]) / 4)) : undefined,
        // the BGP switch: enable_bgp (azurerm 4.55, cdktf) or bgp_enabled (4.73, CDK Terrain)
        // an existing gateway's ASN is only in the record its connections carry ("//".crossCloudVpn.gateway)
        peerIp, asn: (c.enable_bgp ?? c.bgp_enabled) ? c['//']?.crossCloudVpn?.gateway?.asn ?? azureAsn : undefined, peerAsn: (c.enable_bgp ?? c.bgp_enabled) ? lng.bgp_settings?.asn : undefined,
        ikeVersions: [c.connection_protocol.toLowerCase()],
        p1: { enc: [neutral('azure', 'encryption', p.ike_encryption)], integ: [neutral('azure', 'integrity', p.ike_integrity)], dh: [neutral('azure', 'phase1Dh', p.dh_group)] },
        p2: { enc: [neutral('azure', 'encryption', p.ipsec_encryption)], integ: p.ipsec_integrity.startsWith('GCM') ? [] : [neutral('azure', 'integrity', p.ipsec_integrity)], pfs: [neutral('azure', 'phase2Dh', p.pfs_group)] },
        selectors: c.traffic_selector_policy ? { local: c.traffic_selector_policy[0]?.local_address_cidrs ?? c.traffic_selector_policy.local_address_cidrs, remote: c.traffic_selector_policy[0]?.remote_address_cidrs ?? c.traffic_selector_policy.remote_address_cidrs } : undefined,
      });
    }
    for (const [id, c] of Object.entries<Json>(res.alicloud_vpn_connection ?? {})) {
      for (const t of c.tunnel_options_specification ?? []) {
        const ref = tfRef(t.customer_gateway_id)!;
        const cgw = res[ref[1]][ref[2]];
        const bgp = c.enable_tunnels_bgp ? t.tunnel_bgp_config : undefined;
        const ike = t.tunnel_ike_config;
        const ipsec = t.tunnel_ipsec_config;
        const policy = !(c.local_subnet.length === 1 && c.local_subnet[0] === '0.0.0.0/0');
        halves.push({
          cloud: 'alicloud', where: `${stackName} ${id} ${t.role}`, psk: ike.psk, cidr: bgp?.tunnel_cidr, ownIp: bgp?.local_bgp_ip,
          peerIp: bgp ? hosts(bgp.tunnel_cidr).find((h) => h !== bgp.local_bgp_ip) : undefined,
          asn: bgp ? Number(bgp.local_asn) : undefined, peerAsn: bgp ? Number(cgw.asn) : undefined,
          ikeVersions: [ike.ike_version],
          p1: { enc: [neutral('alicloud', 'encryption', ike.ike_enc_alg)], integ: [neutral('alicloud', 'integrity', ike.ike_auth_alg)], dh: [neutral('alicloud', 'phase1Dh', ike.ike_pfs)] },
          p2: { enc: [neutral('alicloud', 'encryption', ipsec.ipsec_enc_alg)], integ: [neutral('alicloud', 'integrity', ipsec.ipsec_auth_alg)], pfs: [neutral('alicloud', 'phase2Dh', ipsec.ipsec_pfs)] },
          selectors: policy ? { local: c.local_subnet, remote: c.remote_subnet } : undefined,
        });
      }
    }
  }
  return halves;
}

/** What is wrong with a pair of halves that share a key, or nothing. */
export function pairProblems(a: Half, b: Half): string[] {
  const problems: string[] = [];
  const overlap = (x: string[], y: string[]) => x.some((v) => y.includes(v));
  if (a.ownIp || b.ownIp) {
    if (a.peerIp !== b.ownIp || b.peerIp !== a.ownIp) problems.push(`inside addresses do not mirror: ${a.ownIp}→${a.peerIp} vs ${b.ownIp}→${b.peerIp}`);
  }
  if (a.cidr && b.cidr && a.cidr !== b.cidr) problems.push(`inside /30s differ: ${a.cidr} vs ${b.cidr}`);
  if (a.asn !== b.peerAsn || b.asn !== a.peerAsn) problems.push(`ASNs do not mirror: ${a.asn}/${a.peerAsn} vs ${b.asn}/${b.peerAsn}`);
  if (a.asn !== undefined && a.asn === b.asn) problems.push(`both ends use ASN ${a.asn}`);
  if (!overlap(a.ikeVersions, b.ikeVersions)) problems.push(`no common IKE version: ${a.ikeVersions} vs ${b.ikeVersions}`);
  for (const [phase, field] of [['p1', 'enc'], ['p1', 'integ'], ['p1', 'dh'], ['p2', 'enc'], ['p2', 'pfs']] as const) {
    const x = (a[phase] as Record<string, string[]>)[field];
    const y = (b[phase] as Record<string, string[]>)[field];
    if (!overlap(x, y)) problems.push(`no common ${phase} ${field}: ${x} vs ${y}`);
  }
  if ((a.p2.integ.length || b.p2.integ.length) && a.p2.integ.length && b.p2.integ.length && !overlap(a.p2.integ, b.p2.integ)) problems.push(`no common p2 integrity: ${a.p2.integ} vs ${b.p2.integ}`);
  if (a.selectors || b.selectors) {
    const same = (x?: string[], y?: string[]) => JSON.stringify([...(x ?? [])].sort()) === JSON.stringify([...(y ?? [])].sort());
    if (!same(a.selectors?.local, b.selectors?.remote) || !same(a.selectors?.remote, b.selectors?.local)) problems.push(`traffic selectors do not mirror: ${JSON.stringify(a.selectors)} vs ${JSON.stringify(b.selectors)}`);
  }
  return problems;
}
