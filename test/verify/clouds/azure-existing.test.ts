/**
 * verify and an existing Azure gateway (example `azure-existing-gateway`): the output holds no
 * `azurerm_virtual_network_gateway`, only the record every connection carries under
 * `"//".crossCloudVpn.gateway`. verify reads it as what the user declared — instances at their
 * literal public IPs, ASN, APIPA addresses, networks — pairs the tunnels through those IPs, and
 * judges the record and the connections by its own Azure rules (model only: no root, no daemons).
 */
import { verify } from '../../../src/verify';
import { modelDeployment, pairHalves } from '../../../src/verify/models';
import { Resolver, loadStacks, readDeployment } from '../../../src/verify/read-output';
import { Obj, cleanupScratch, exampleOutput, mutated, tfResources } from '../mutate';

const EXAMPLE = 'azure-existing-gateway';
const CONN = 'azurerm_virtual_network_gateway_connection';
const SITE = 'azure:existing/rg-net/vpngw-prod';

afterAll(() => cleanupScratch());

/** A copy in which every connection of one link stack of the existing gateway was edited. */
function mutateConnections(stack: string, edit: (r: Obj) => void): string {
  return mutated(exampleOutput(EXAMPLE), `${EXAMPLE}-${stack}`, (file, body) => {
    if (!file.endsWith(`/stacks/${stack}/cdk.tf.json`)) return false;
    const all = tfResources(body, CONN);
    all.forEach(([, r]) => edit(r));
    return all.length > 0;
  });
}
const record = (r: Obj) => ((r['//'] as Obj).crossCloudVpn as Obj).gateway as Obj;
const instances = (r: Obj) => record(r).instances as Obj[];

describe('an existing Azure gateway in verify', () => {
  test('the declared gateway is a site; its halves start at the declared public IPs and pair with AWS and Alibaba Cloud', async () => {
    // GIVEN the example's output WHEN verify reads and models it
    const d = readDeployment([exampleOutput(EXAMPLE)]);
    const { stacks, manifest } = loadStacks([exampleOutput(EXAMPLE)]);
    const model = modelDeployment(d, new Resolver(stacks, manifest));
    // THEN one site for the existing gateway, with its declared ASN and networks
    expect(model.sites.find((s) => s.key === SITE)).toMatchObject({ cloud: 'azure', label: 'vpngw-prod', asn: 65010, networks: ['10.50.0.0/16'] });
    const halves = model.halves.filter((h) => h.site === SITE);
    expect(halves.map((h) => h.outsideEndpoint).sort()).toEqual(expect.arrayContaining(['ip:52.161.10.135', 'ip:52.161.10.136']));
    for (const h of halves) {
      expect(h.outsideAddress).toBe(d.endpoints.get(h.outsideEndpoint)!.address);
      // only the connection and its local network gateway are resources: the gateway is not in the output
      expect(h.resources.every((k) => /azurerm_(virtual_network_gateway_connection|local_network_gateway)\./.test(k))).toBe(true);
      expect(h.assumptions.map((a) => a.id)).toContain('azure-existing-as-declared');
      if (h.bgp) expect(h.bgp.localAsn).toBe(65010);
    }
    // every BGP half's own address is a declared APIPA address of its instance (custom_bgp_addresses)
    expect(halves.filter((h) => h.inside).every((h) => h.inside!.source.startsWith('custom_bgp_addresses.'))).toBe(true);
    // the peers' IKE identities name the same (symbolic) addresses the Azure halves use: Alibaba
    // Cloud's remote_id is written as the literal public IP
    const pairs = pairHalves(model.halves).pairs;
    expect(pairs).toHaveLength(6);
    for (const { halves: [a, b] } of pairs) expect([a.remoteId, b.remoteId]).toEqual([b.localId, a.localId]);
    // WHEN verify runs THEN the tunnels pair, nothing is rejected
    const report = await verify([exampleOutput(EXAMPLE)], { modelOnly: true });
    expect(report.violations).toEqual([]);
    expect(report.tunnels.filter((t) => t.status === 'failed')).toEqual([]);
    const paired = report.tunnels.filter((t) => t.halves.length === 2);
    expect(paired).toHaveLength(6); // AWS: 2 connections x 2 tunnels; Alibaba Cloud: master and slave
    expect(paired.every((t) => t.halves.some((h) => h.startsWith('azure:')))).toBe(true);
  });

  test.each<[string, string, (r: Obj) => void, string, RegExp]>([
    ['a custom BGP address the declared instance does not have', 'azure-prod-links-2',
      (r) => { const i = instances(r)[0]; i.apipaAddresses = (i.apipaAddresses as string[]).filter((a) => a !== (r.custom_bgp_addresses as Obj).primary); },
      'custom_bgp_addresses.primary', /one of the gateway's APIPA addresses/],
    ['an active-active gateway declared with one instance', 'azure-prod-links-2',
      (r) => { record(r).instances = instances(r).slice(0, 1); }, '//.crossCloudVpn.gateway.instances', /an active-active gateway has two instances/],
    ['an IANA-reserved ASN', 'azure-prod-links-3', (r) => { record(r).asn = 23456; }, '//.crossCloudVpn.gateway.asn', /not an ASN reserved by IANA/],
    ['a declared APIPA address outside Azure\'s range', 'azure-prod-links-3',
      (r) => { instances(r)[1].apipaAddresses = [...(instances(r)[1].apipaAddresses as string[]), '169.254.30.1']; }, '//.crossCloudVpn.gateway.instances[1].apipaAddresses', /within Azure's APIPA range/],
    ['a gateway id the provider cannot parse (segment in another case)', 'azure-prod-links-3',
      (r) => { r.virtual_network_gateway_id = String(r.virtual_network_gateway_id).replace('resourceGroups', 'resourcegroups'); record(r).id = r.virtual_network_gateway_id; },
      'virtual_network_gateway_id', /case-sensitive.*id_virtualnetworkgateway\.go/],
    ['a record of another gateway than the connection names', 'azure-prod-links-3',
      (r) => { record(r).id = String(record(r).id).replace('vpngw-prod', 'vpngw-other'); }, '//.crossCloudVpn.gateway.id', /the gateway the connection names/],
  ])('%s: the tunnels of those connections fail with cloud-rejects', async (_, stack, edit, attribute, rule) => {
    // GIVEN every connection of one link stack edited
    const dir = mutateConnections(stack, edit);
    // WHEN
    const report = await verify([dir], { modelOnly: true });
    // THEN
    expect(report.ok).toBe(false);
    const mine = (h: string) => h.startsWith(`azure:${stack}/`);
    const hit = report.tunnels.filter((t) => t.halves.some(mine));
    expect(hit.length).toBeGreaterThan(0);
    for (const t of hit) {
      expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
      expect(t.failure!.reason).toContain(attribute);
      expect(t.failure!.reason).toMatch(rule);
    }
    // the other link's tunnels are not touched
    expect(report.tunnels.filter((t) => !t.halves.some(mine)).every((t) => t.status !== 'failed' || t.failure!.code !== 'cloud-rejects')).toBe(true);
  });

  test('verify takes the public IPs from the record: a declared IP no peer registered leaves its halves unpaired; disagreeing records are warned', async () => {
    // GIVEN the Alibaba link's connections declare another IP for instance0
    const dir = mutateConnections('azure-prod-links-2', (r) => { instances(r)[0].publicIp = '52.161.10.200'; });
    // WHEN
    const d = readDeployment([dir]);
    const report = await verify([dir], { modelOnly: true });
    // THEN instance0 is at the declared address, which no peer's customer gateway names: its halves pair with nothing
    expect(d.endpoints.get('ip:52.161.10.200')?.label).toBe('existing vpngw-prod instance0 (52.161.10.200)');
    const failed = report.tunnels.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t) => t.failure!.code === 'unpaired')).toBe(true);
    expect(failed.some((t) => t.failure!.reason.includes('existing vpngw-prod instance0 (52.161.10.200)'))).toBe(true);
    // and the AWS link's connections, which declare the gateway otherwise, are named
    expect(report.warnings.filter((w) => /declares existing gateway vpngw-prod otherwise than azure-prod-links-2\//.test(w))).toHaveLength(4);
  });

  test('without the record the connections\' gateway is unknown: warned, not guessed', async () => {
    const dir = mutateConnections('azure-prod-links-2', (r) => { delete (r['//'] as Obj).crossCloudVpn; });
    const report = await verify([dir], { modelOnly: true });
    expect(report.warnings.some((w) => /its gateway is not in the folders read; not verified/.test(w))).toBe(true);
  });
});
