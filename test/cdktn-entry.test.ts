/**
 * The CDK Terrain entries of the built package: `cross-cloud-vpn/cdktn/azure` and
 * `cross-cloud-vpn/cdktn/alicloud` (lib/cdktn/, emitted by scripts/build.js from the same source
 * as `/azure` and `/alicloud` with the specifier swaps of scripts/engine-flavours.js).
 *
 * Each case runs in a fresh Node process on the built lib/ (the package resolves itself by name
 * through its `exports`, as a user's project resolves it); lib/ is rebuilt first when it is missing
 * or older than an input of the build.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENGINES, mapSpecifier } = require('../scripts/engine-flavours.js') as {
  ENGINES: Record<string, { libDir: string }>;
  mapSpecifier: (engine: string, spec: string) => string;
};
const FLAVOUR = path.join(LIB, ENGINES.cdktn.libDir);

/** Every file under `dir` (absolute paths), optionally only those `keep` accepts. */
function filesUnder(dir: string, keep: (f: string) => boolean = () => true): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter(keep);
}

/** lib/ is current when the flavour's entry is newer than every input of the build and the bin is executable (the build's last step). */
function libIsCurrent(): boolean {
  const stamp = path.join(FLAVOUR, 'azure', 'index.js');
  const bin = path.join(LIB, 'cli', 'main.js');
  if (!fs.existsSync(stamp) || !fs.existsSync(bin) || (fs.statSync(bin).mode & 0o111) === 0) return false;
  const inputs = [
    ...filesUnder(path.join(ROOT, 'src')),
    ...['scripts/build.js', 'scripts/engine-flavours.js', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => path.join(ROOT, f)),
  ];
  const built = fs.statSync(stamp).mtimeMs;
  return inputs.every((f) => fs.statSync(f).mtimeMs < built);
}

/** Runs `script` (CommonJS) in a fresh Node process in the repository; returns its last stdout line, parsed. */
function inNode<T>(script: string): T {
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CCVPN_MASTER_SECRET: 'entry-test-FAKE-master-secret-not-for-deployment' } });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** A resolve hook, installed first in a script: requiring any cdktf specifier throws. */
const NO_CDKTF = `
  const Module = require('node:module');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (typeof request === 'string' && /^(cdktf|cdktf-cli|@cdktf\\/.*)$|^cdktf\\//.test(request)) throw new Error('cdktf was required: ' + request);
    return resolve.call(this, request, ...rest);
  };`;

/** Packages of the files Node loaded (`node_modules/<name>/…`). */
const PACKAGES_LOADED = `
  const packagesLoaded = () => [...new Set(Object.keys(require.cache).filter((f) => f.includes('/node_modules/')).map((f) => {
    const p = f.split('/node_modules/').pop().split('/'); return p[0].startsWith('@') ? p[0] + '/' + p[1] : p[0]; }))].sort();`;

beforeAll(() => {
  if (!libIsCurrent()) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'pipe' });
}, 600_000);

describe('cross-cloud-vpn/cdktn/azure and /cdktn/alicloud (built)', () => {
  test('load with every cdktf specifier unresolvable, and load cdktn, @cdktn/provider-azurerm and the cdktn Alibaba bindings instead', () => {
    const r = inNode<{ control: string; packages: string[]; generated: string[]; azure: number; alicloud: number }>(`${NO_CDKTF}${PACKAGES_LOADED}
      let control = '';
      try { require('cross-cloud-vpn/azure'); } catch (e) { control = e.message; }
      for (const f of Object.keys(require.cache)) if (f.includes('/lib/')) delete require.cache[f];
      const azure = require('cross-cloud-vpn/cdktn/azure');
      const alicloud = require('cross-cloud-vpn/cdktn/alicloud');
      const generated = [...new Set(Object.keys(require.cache).flatMap((f) => (/\\/generated\\/(cdktf|cdktn)\\//.exec(f) || []).slice(1)))];
      console.log(JSON.stringify({ control, packages: packagesLoaded(), generated, azure: Object.keys(azure).length, alicloud: Object.keys(alicloud).length }));`);
    // the hook works: the cdktf entry cannot load under it
    expect(r.control).toMatch(/^cdktf was required: (cdktf|@cdktf\/provider-azurerm\/)/);
    expect(r.packages).toEqual(expect.arrayContaining(['cdktn', '@cdktn/provider-azurerm', 'constructs']));
    expect(r.packages.filter((p) => /cdktf/.test(p))).toEqual([]);
    expect(r.generated).toEqual(['cdktn']);
    expect(r.azure).toBeGreaterThan(5);
    expect(r.alicloud).toBeGreaterThan(5);
  });

  test('export the same names as /azure and /alicloud (the generated namespaces too)', () => {
    const r = inNode<Record<string, [string[], string[]]>>(`
      // a namespace or enum export (an object) by its own names too
      const names = (m) => Object.keys(m).sort().map((k) => (m[k] !== null && typeof m[k] === 'object' ? k + ':' + Object.keys(m[k]).sort().join(',') : k));
      const out = {};
      for (const cloud of ['azure', 'alicloud']) out[cloud] = [names(require('cross-cloud-vpn/' + cloud)), names(require('cross-cloud-vpn/cdktn/' + cloud))];
      console.log(JSON.stringify(out));`);
    for (const cloud of ['azure', 'alicloud']) {
      const [cdktf, cdktn] = r[cloud];
      expect(cdktn).toEqual(cdktf);
    }
    expect(r.alicloud[1]).toEqual(expect.arrayContaining(['AlicloudVpnGateway', expect.stringMatching(/^provider:.*AlicloudProvider/)]));
  });

  test('share one copy of every engine-free module with the cdktf entries and the root (the plan, errors, the contract, engine-free exports)', () => {
    const r = inNode<{ sameClass: Record<string, boolean>; flavourCopies: string[]; sharedChildren: string[]; validation: string }>(`
      const root = require('cross-cloud-vpn');
      const azure = require('cross-cloud-vpn/azure'); const tnAzure = require('cross-cloud-vpn/cdktn/azure');
      const alicloud = require('cross-cloud-vpn/alicloud'); const tnAlicloud = require('cross-cloud-vpn/cdktn/alicloud');
      const lib = ${JSON.stringify(LIB)} + '/'; const flavour = ${JSON.stringify(FLAVOUR)} + '/';
      const loaded = Object.keys(require.cache).filter((f) => f.startsWith(lib));
      // a flavour file whose relative path is also loaded from lib/ is a second copy of it
      const flavourCopies = loaded.filter((f) => f.startsWith(flavour)).map((f) => f.slice(flavour.length)).filter((rel) => loaded.includes(lib + rel));
      const sharedChildren = [...new Set(loaded.filter((f) => f.startsWith(flavour)).flatMap((f) => require.cache[f].children.map((c) => c.filename))
        .filter((c) => c.startsWith(lib) && !c.startsWith(flavour)).map((c) => c.slice(lib.length)))].sort();
      const sameClass = {
        AzureVpnGateway: tnAzure.AzureVpnGateway === azure.AzureVpnGateway,
        AzureGatewayInstance: tnAzure.AzureGatewayInstance === azure.AzureGatewayInstance,
        AlicloudVpnGateway: tnAlicloud.AlicloudVpnGateway === alicloud.AlicloudVpnGateway,
        AlicloudConnectionRouting: tnAlicloud.AlicloudConnectionRouting === alicloud.AlicloudConnectionRouting,
      };
      // a validation error of the flavour is the root entry's ValidationError
      const { App, TerraformStack } = require('cdktn');
      const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() + '/ccvpn-entry-unused' }), 'azure');
      let validation = 'nothing thrown';
      try {
        new tnAzure.AzureVpnGateway(stack, 'Gateway', { siteId: 'azure', resourceGroupName: 'rg', location: 'japaneast', virtualNetworkName: 'vnet',
          virtualNetworkAddressSpace: ['192.168.0.0/16'], gatewaySubnetCidr: '192.168.255.0/27', asn: -1 });
      } catch (e) { validation = (e instanceof root.ValidationError) + ' ' + root.isValidationError(e) + ' ' + e.constructor.name; }
      console.log(JSON.stringify({ sameClass, flavourCopies, sharedChildren, validation }));`);
    // the modules loaded twice (from lib/ and lib/cdktn/) are flavoured ones only
    expect(r.flavourCopies.filter((rel) => !fs.existsSync(path.join(FLAVOUR, rel)))).toEqual([]);
    expect(r.flavourCopies).toEqual(expect.arrayContaining(['azure/vpn-gateway.js', 'private/tf-deployment.js']));
    for (const shared of ['plan/index.js', 'private/errors.js', 'contract.js', 'azure/interfaces.js']) expect(r.flavourCopies).not.toContain(shared);
    // the flavoured files require the plan, the errors and realise-link from lib/, not copies
    expect(r.sharedChildren).toEqual(expect.arrayContaining(['plan/index.js', 'private/errors.js', 'private/realise-link.js', 'azure/interfaces.js', 'alicloud/interfaces.js']));
    expect(r.sameClass).toEqual({ AzureVpnGateway: false, AzureGatewayInstance: true, AlicloudVpnGateway: false, AlicloudConnectionRouting: true });
    expect(r.validation).toBe('true true ValidationError');
  });

  test('CrossCloudVpn from the root links CDK Terrain gateways (cdktn synthesizes the Azure and Alibaba resources) and refuses a CDK Terrain gateway linked to a cdktf one', () => {
    const r = inNode<{ cdktn: Record<string, number>; mixed: { code: string; message: string }; tunnels: number }>(`
      const fs = require('fs'); const os = require('os'); const path = require('path');
      const { CrossCloudVpn } = require('cross-cloud-vpn');
      const tnAzure = require('cross-cloud-vpn/cdktn/azure'); const tnAlicloud = require('cross-cloud-vpn/cdktn/alicloud'); const alicloud = require('cross-cloud-vpn/alicloud');
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-entry-'));
      const azureGateway = (tn, app, siteId) => {
        const stack = new tn.TerraformStack(app, siteId);
        new (require('@cdktn/provider-azurerm/lib/provider').AzurermProvider)(stack, 'azurerm', { features: [{}] });
        return new tnAzure.AzureVpnGateway(stack, 'VpnGateway', { siteId, resourceGroupName: 'rg', location: 'japaneast', virtualNetworkName: 'vnet',
          virtualNetworkAddressSpace: ['192.168.0.0/16'], gatewaySubnetCidr: '192.168.255.0/27', asn: 65000 });
      };
      const alicloudGateway = (tf, flavour, app, siteId, cidr) => {
        const stack = new tf.TerraformStack(app, siteId);
        new flavour.provider.AlicloudProvider(stack, 'alicloud', { region: 'cn-hangzhou' });
        const vpc = new flavour.vpc.Vpc(stack, 'Vpc', { cidrBlock: cidr });
        return new flavour.AlicloudVpnGateway(stack, 'VpnGateway', { siteId, vpcId: vpc.id, cidrs: [cidr], vswitchId: 'vsw-a', disasterRecoveryVswitchId: 'vsw-b', bandwidthMbps: 10, localAsn: 65100 });
      };
      const cdktn = require('cdktn'); const cdktf = require('cdktf');
      const tnApp = new cdktn.App({ outdir: path.join(tmp, 'cdktn') });
      const tfApp = new cdktf.App({ outdir: path.join(tmp, 'cdktf') });
      const azure = azureGateway(cdktn, tnApp, 'azure');
      const tnAli = alicloudGateway(cdktn, tnAlicloud, tnApp, 'ali-tn', '10.0.0.0/16');
      const tfAli = alicloudGateway(cdktf, alicloud, tfApp, 'ali-tf', '10.1.0.0/16');
      let mixed;
      try {
        new CrossCloudVpn('Mixed', { links: [{ between: [azure, tfAli], routing: 'policy', selectors: { 'ali-tf': ['10.1.0.0/16'] } }] });
      } catch (e) { mixed = { code: e.issues?.[0]?.code, message: e.message }; }
      const vpn = new CrossCloudVpn('Entry', { links: [
        { between: [azure, tnAli], routing: 'policy', selectors: { 'ali-tn': ['10.0.0.0/16'] } },
      ] });
      tnApp.synth();
      const types = (dir) => { const out = {}; for (const s of fs.readdirSync(path.join(dir, 'stacks'))) {
        const json = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
        for (const [t, byName] of Object.entries(json.resource || {})) out[t] = (out[t] || 0) + Object.keys(byName).length; } return out; };
      const result = { cdktn: types(path.join(tmp, 'cdktn')), mixed, tunnels: vpn.plan.tunnels.length };
      fs.rmSync(tmp, { recursive: true, force: true });
      console.log(JSON.stringify(result));`);
    // one link of two tunnels; on Azure one local network gateway and one connection per tunnel
    expect(r.tunnels).toBe(2);
    expect(r.cdktn).toMatchObject({ azurerm_virtual_network_gateway: 1, azurerm_local_network_gateway: 2, azurerm_virtual_network_gateway_connection: 2, alicloud_vpn_connection: 1 });
    // two Terraform engines in one CrossCloudVpn: one error naming both gateways and their engines
    expect(r.mixed).toEqual({ code: 'terraform-engines-mixed', message: expect.stringMatching(/ali-tf\/VpnGateway \(cdktf\).*cdktn|cdktn.*ali-tf\/VpnGateway \(cdktf\)/) });
  });
});

describe('lib/cdktn/ (scripts/build.js)', () => {
  const flavourFiles = (): string[] => filesUnder(FLAVOUR, (f) => /\.(js|d\.ts)$/.test(f));
  const SPECIFIER = /(\brequire\(|\bimport\(|\bfrom )(["'])([^"']+)\2/g;

  /**
   * The engine-dependent closure recomputed from the cdktf build's own output: the modules of lib/
   * (outside lib/cdktn/) that require a specifier the flavour swaps or lie in generated/cdktf/, and
   * every module requiring one of them; named as the flavour names them (generated/cdktn/).
   */
  function closureOfLib(): string[] {
    const id = (f: string) => path.relative(LIB, f).replace(/\.(js|d\.ts)$/, '');
    const edges = new Map<string, Set<string>>();
    const closure = new Set<string>();
    for (const file of filesUnder(LIB, (f) => !f.startsWith(FLAVOUR + path.sep) && /\.(js|d\.ts)$/.test(f))) {
      const m = id(file);
      const out = edges.get(m) ?? new Set<string>();
      edges.set(m, out);
      if (m.includes('/generated/cdktf/')) closure.add(m);
      for (const [, , , spec] of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        if (mapSpecifier('cdktn', spec) !== spec) closure.add(m);
        if (!spec.startsWith('.')) continue;
        const target = path.relative(LIB, path.resolve(path.dirname(file), spec));
        out.add(fs.existsSync(path.join(LIB, `${target}.js`)) ? target : path.join(target, 'index'));
      }
    }
    for (let grew = true; grew;) {
      grew = false;
      for (const [m, out] of edges) if (!closure.has(m) && [...out].some((t) => closure.has(t))) { closure.add(m); grew = true; }
    }
    return [...closure].map((m) => m.replace('/generated/cdktf/', '/generated/cdktn/')).sort();
  }

  test('holds exactly the engine-dependent closure of src/, at the same relative paths', () => {
    const modules = [...new Set(flavourFiles().map((f) => path.relative(FLAVOUR, f).replace(/\.(js|d\.ts)$/, '')))].sort();
    expect(modules).toEqual(closureOfLib());
    const rel = flavourFiles().map((f) => path.relative(FLAVOUR, f)).filter((f) => !f.includes('/generated/'));
    expect(rel).toEqual(expect.arrayContaining(['azure/index.js', 'azure/vpn-gateway.d.ts', 'alicloud/index.js', 'private/cdktf.js', 'private/tf-deployment.js', 'private/tf-renamed.js']));
    // engine-free files stay in lib/ only
    for (const shared of ['plan/index.js', 'contract.js', 'cross-cloud-vpn.js', 'common/preshared-key.js', 'private/errors.js', 'azure/interfaces.js', 'alicloud/interfaces.js']) {
      expect(rel).not.toContain(shared);
      expect(fs.existsSync(path.join(LIB, shared))).toBe(true);
    }
  });

  test('each flavoured file is the cdktf file with its specifiers swapped: the same code, the same elided type-only imports', () => {
    const problems: string[] = [];
    for (const file of flavourFiles().filter((f) => !f.includes('/generated/'))) {
      const rel = path.relative(FLAVOUR, file);
      const cdktf = fs.readFileSync(path.join(LIB, rel), 'utf8');
      const cdktn = fs.readFileSync(file, 'utf8');
      // expected: the cdktf file's specifiers mapped, relative ones re-rooted at lib/<file's folder>
      const expected = cdktf.replace(SPECIFIER, (_m, head: string, _q: string, spec: string) => {
        const mapped = mapSpecifier('cdktn', spec);
        if (!mapped.startsWith('.')) return `${head}"${mapped}"`;
        const target = path.resolve(path.dirname(path.join(LIB, rel)), mapped);
        const flavoured = fs.existsSync(path.join(FLAVOUR, `${path.relative(LIB, target)}.js`)) || fs.existsSync(path.join(FLAVOUR, path.relative(LIB, target), 'index.js'));
        let to = path.relative(path.dirname(file), flavoured ? path.join(FLAVOUR, path.relative(LIB, target)) : target);
        if (!to.startsWith('.')) to = `./${to}`;
        return `${head}"${to}"`;
      });
      if (expected !== cdktn.replace(SPECIFIER, (_m, head: string, _q: string, spec: string) => `${head}"${spec}"`)) problems.push(rel);
    }
    expect(problems).toEqual([]);
  });

  test('names CDK Terrain modules only (code and declarations), and lib/ outside it names none', () => {
    const specs = (files: string[]) => files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(SPECIFIER)].map((m) => `${path.relative(LIB, f)}: ${m[3]}`));
    const inFlavour = specs(flavourFiles());
    expect(inFlavour.filter((s) => /: (cdktf|@cdktf\/|cdktf\/)|\/generated\/cdktf\//.test(s))).toEqual([]);
    expect(inFlavour.some((s) => /\.d\.ts: @cdktn\/provider-azurerm\/lib\/virtual-network-gateway$/.test(s))).toBe(true);
    expect(inFlavour.some((s) => /\.d\.ts: cdktn$/.test(s))).toBe(true);
    const outside = specs(filesUnder(LIB, (f) => !f.startsWith(FLAVOUR + path.sep) && /\.(js|d\.ts)$/.test(f)));
    expect(outside.filter((s) => /: (cdktn|@cdktn\/|cdktn\/)|\/generated\/cdktn\//.test(s))).toEqual([]);
    expect(filesUnder(LIB, (f) => !f.startsWith(FLAVOUR + path.sep) && f.includes('/generated/cdktn/'))).toEqual([]);
  });
});
