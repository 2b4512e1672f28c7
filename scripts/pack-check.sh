#!/usr/bin/env bash
# Packaging check: installs the packed library the way a user would and uses every entry point.
#
#   npm run test:pack              (CCVPN_PACK_KEEP=1 keeps the work folder and prints its path)
#
# 1. `npm pack` (the `prepare` script builds lib/); the tarball's `exports`, `typesVersions`,
#    `types`, `main` and `bin` point at shipped files, and lib/ holds no build output without a source;
# 2. an aws-cdk-lib project (aws-cdk-lib, constructs, typescript, aws-cdk + the tarball): no cdktf
#    gets installed (nor CDK Terrain), and no override is needed: npm reads the manifests of optional
#    peers too, so the package does not list @cdktn/provider-azurerm as one (16.1.0 peers on
#    cdktn ^0.23.0, never published: every install would fail with ERESOLVE); an app importing only `cross-cloud-vpn/aws` compiles (strict, node16) and
#    `cdk synth` gives the VPN resources, the keys as Secrets Manager references (in the tunnel
#    options resource, which reads them at deploy time);
# 3. a cdktf project (cdktf, cdktf-cli, constructs, @cdktf/provider-azurerm, typescript + the
#    tarball): no aws-cdk-lib gets installed; an app on `/azure`, `/alicloud` and the root entry
#    compiles and `cdktf synth` gives the Azure and Alibaba Cloud VPN resources;
# 4. the types of every entry resolve (each in the project that has its engine) under
#    moduleResolution node16 (CommonJS and ESM files), bundler and node10, without skipLibCheck
#    and without @types/node; the root entry reaches no engine, neither in its types nor at run time;
#    every entry also loads from an ES module;
# 5. `npx ccvpn --help` and `npx ccvpn plan <topology.yaml>` in the aws-cdk-lib project; no key
#    the plan derives appears in its output;
# 6. a CDK Terrain project (cdktn, cdktn-cli, constructs, @cdktn/provider-azurerm, typescript + the
#    tarball, with the repository's peer override for @cdktn/provider-azurerm): neither cdktf nor
#    aws-cdk-lib gets installed; the cdktf project's app, its imports spelled for CDK Terrain
#    (`cross-cloud-vpn/cdktn/azure`, `/cdktn/alicloud`, the root entry), compiles and `cdktn synth`
#    gives the Azure and Alibaba Cloud VPN resources for the providers' CDK Terrain versions (on
#    Node < 22.10 with a stand-in for the one Node 22 function cdktn-cli needs at load, see
#    cdktn_cli); the types of the flavour resolve as in 4;
# 7. an aws-cdk-lib + CDK Terrain project: an AWS gateway (aws-cdk-lib) and an Azure gateway
#    (`cross-cloud-vpn/cdktn/azure`) linked by `CrossCloudVpn`, synthesized by `cdk synth` and by
#    `cdktn synth`.
#
# Versions come from this repository's package.json (devDependencies, and its `overrides` for the
# CDK Terrain projects: @cdktn/provider-azurerm 16.1.0 peers on cdktn ^0.23.0, which is not on the
# registry). No cloud account and no
# Terraform provider are needed. The master secret is a fake test value; nothing prints a
# template or a key.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
START=$SECONDS
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccvpn-pack-check.XXXXXX")"
cleanup() {
  if [ "${CCVPN_PACK_KEEP:-}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/logs" "$WORK/pack"

# No telemetry, no update checks, no notices; an empty Terraform CLI configuration (cdktf runs
# `terraform` and the machine's TF_CLI_CONFIG_FILE may point at a missing file).
export CI=true CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1 CDK_DISABLE_VERSION_CHECK=1
export npm_config_update_notifier=false
: >"$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
# A fake test value, never a real secret: keys derived from it are worthless.
FAKE_MASTER_SECRET='pack-check-FAKE-master-secret-not-for-deployment'
unset CCVPN_MASTER_SECRET

STEP_START=$SECONDS
ok() { echo "ok: $* ($((SECONDS - STEP_START)) s)"; STEP_START=$SECONDS; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# run <log name> <command...>: the command's output goes to a log, shown (last lines) on failure.
run() {
  local name="$1"; shift
  local log="$WORK/logs/$name.log"
  if ! "$@" >"$log" 2>&1; then
    echo "FAIL: $name: '$*' failed in $PWD; last lines of its output:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
# The version range this repository pins for a package.
pinned() {
  node -e 'const p = require(process.argv[1]); const v = p.devDependencies[process.argv[2]];
    if (!v) { console.error(`no devDependency ${process.argv[2]}`); process.exit(1); } process.stdout.write(v);' \
    "$ROOT/package.json" "$1"
}
# new_project <dir> <package>...: a private CommonJS package.json with those dependencies at this
# repository's versions, plus the tarball.
new_project() {
  local dir="$1"; shift
  mkdir -p "$dir"
  local deps=()
  for p in "$@"; do deps+=("$p" "$(pinned "$p")"); done
  node -e 'const [out, tarball, ...kv] = process.argv.slice(1); const dependencies = {};
    for (let i = 0; i < kv.length; i += 2) dependencies[kv[i]] = kv[i + 1];
    dependencies["cross-cloud-vpn"] = `file:${tarball}`;
    require("fs").writeFileSync(out, JSON.stringify({ name: `ccvpn-pack-check-${require("path").basename(require("path").dirname(out))}`,
      version: "0.0.0", private: true, dependencies }, null, 2));' \
    "$dir/package.json" "$TARBALL" "${deps[@]}"
}
# with_engine_overrides <dir>: this repository's `overrides` (the peer fix of @cdktn/provider-azurerm,
# which peers on a cdktn that was never published) added to the project's package.json.
with_engine_overrides() {
  node -e 'const fs = require("fs"); const [file, repo] = process.argv.slice(1); const p = JSON.parse(fs.readFileSync(file, "utf8"));
    const o = require(repo).overrides?.["@cdktn/provider-azurerm"]; if (!o) { console.error("package.json has no overrides for @cdktn/provider-azurerm"); process.exit(1); }
    p.overrides = { "@cdktn/provider-azurerm": o }; fs.writeFileSync(file, JSON.stringify(p, null, 2));' "$1/package.json" "$ROOT/package.json"
}
# not_installed <dir> <package pattern>...: fails when the project's lock file lists a match.
not_installed() {
  local dir="$1"; shift
  node -e 'const lock = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const found = Object.keys(lock.packages)
      .filter((k) => process.argv.slice(2).some((p) => new RegExp(`(^|/)node_modules/${p}$`).test(k)));
    if (found.length) { console.error(found.join("\n")); process.exit(1); }' \
    "$dir/node_modules/.package-lock.json" "$@" 2>"$WORK/logs/not-installed.log" \
    || fail "$(basename "$dir") project: installing the tarball pulled in $(tr '\n' ' ' <"$WORK/logs/not-installed.log")(a peer dependency that should be optional)"
}

# ---------------------------------------------------------------------------------------------
# 1. the tarball
(cd "$ROOT" && run pack npm pack --pack-destination "$WORK/pack")
TARBALL="$(find "$WORK/pack" -maxdepth 1 -name '*.tgz' | head -n 1)"
[ -n "$TARBALL" ] || fail "npm pack wrote no tarball into $WORK/pack"
mkdir -p "$WORK/pack/extract"
tar -xzf "$TARBALL" -C "$WORK/pack/extract"
cat >"$WORK/check-tarball.js" <<'EOF'
// Checks the unpacked tarball: every path package.json points at is shipped, `types` comes
// first in each conditional export, the bin has a node shebang, every compiled file has its
// declarations and its source (no stale output from an older build).
const fs = require('fs');
const path = require('path');
const [pkgDir, repo] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
// The other engines' flavours: lib/cdktn/azure/x.js is compiled from src/azure/x.ts; its
// specifiers name its engine only, and no other file names it.
const { DEFAULT_ENGINE, ENGINES, mapSpecifier } = require(path.join(repo, 'scripts', 'engine-flavours.js'));
const flavours = Object.values(ENGINES).filter((e) => e.name !== DEFAULT_ENGINE);
const sourceOf = (rel) => { const f = flavours.find((e) => rel.startsWith(`${e.libDir}/`)); return f ? rel.slice(f.libDir.length + 1) : rel; };
const specifiers = (file) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:\brequire\(|\bimport\(|\bfrom )\s*["']([^"']+)["']/g)].map((m) => m[1]);
const problems = [];
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else files.push(path.relative(pkgDir, p).split(path.sep).join('/'));
  }
})(pkgDir);
const shipped = new Set(files);
const target = (where, t) => {
  const rel = t.replace(/^\.\//, '');
  if (!shipped.has(rel)) problems.push(`${where} -> ${t}: not in the tarball`);
};
target('main', pkg.main);
target('types', pkg.types);
for (const [name, bin] of Object.entries(pkg.bin ?? {})) {
  target(`bin.${name}`, bin);
  const file = path.join(pkgDir, bin);
  if (fs.existsSync(file) && !fs.readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')) problems.push(`bin.${name}: ${bin} does not start with '#!/usr/bin/env node'`);
}
for (const [subpath, spec] of Object.entries(pkg.exports)) {
  if (typeof spec === 'string') { target(`exports['${subpath}']`, spec); continue; }
  const conditions = Object.keys(spec);
  if (conditions[0] !== 'types') problems.push(`exports['${subpath}']: 'types' must be the first condition (TypeScript takes the first that matches), got ${conditions.join(', ')}`);
  if (conditions[conditions.length - 1] !== 'default') problems.push(`exports['${subpath}']: 'default' must be the last condition`);
  for (const [c, t] of Object.entries(spec)) target(`exports['${subpath}'].${c}`, t);
}
// moduleResolution node10 ignores `exports`: each subpath needs a `typesVersions` entry.
const typesVersions = (pkg.typesVersions ?? {})['*'] ?? {};
for (const [subpath, spec] of Object.entries(pkg.exports)) {
  if (subpath === '.' || subpath === './package.json') continue;
  const key = subpath.replace(/^\.\//, '');
  const want = typeof spec === 'string' ? spec : spec.types;
  const got = typesVersions[key];
  if (!got) problems.push(`exports['${subpath}'] has no typesVersions['*']['${key}'] (moduleResolution node10 would not find its types)`);
  else if (got.length !== 1 || got[0] !== want.replace(/^\.\//, '')) problems.push(`typesVersions['*']['${key}'] is ${JSON.stringify(got)}, exports['${subpath}'] says ${want}`);
  else target(`typesVersions['*']['${key}']`, got[0]);
}
for (const f of files) {
  const allowed = f === 'package.json' || f === 'README.md' || /^LICENSE/.test(f) || f.startsWith('lib/') || f.startsWith('schema/');
  if (!allowed) problems.push(`${f}: unexpected in the tarball (expected lib/, schema/, README.md, LICENSE, package.json)`);
  const m = /^lib\/(.*)\.js$/.exec(f);
  if (m) {
    if (!shipped.has(`lib/${m[1]}.d.ts`)) problems.push(`${f}: no lib/${m[1]}.d.ts`);
    if (!fs.existsSync(path.join(repo, 'src', `${sourceOf(m[1])}.ts`))) problems.push(`${f}: no src/${sourceOf(m[1])}.ts (stale build output: remove lib/ and pack again)`);
  }
  if (/^lib\/.*\.(js|d\.ts)$/.test(f)) {
    const flavour = flavours.find((e) => f.startsWith(`lib/${e.libDir}/`));
    for (const spec of specifiers(path.join(pkgDir, f))) {
      if (flavour && mapSpecifier(flavour.name, spec) !== spec) problems.push(`${f}: requires '${spec}', a ${DEFAULT_ENGINE} module, in the ${flavour.name} flavour`);
      for (const other of flavours.filter((e) => e !== flavour)) {
        if (other.modules.some(([, to]) => (to.endsWith('/') ? spec.startsWith(to) : spec === to)) || other.folders.some(([, to]) => spec.includes(to))) {
          problems.push(`${f}: requires '${spec}', a ${other.name} module, outside lib/${other.libDir}/`);
        }
      }
    }
  }
  for (const e of flavours) for (const [, to] of e.folders) if (f.includes(to) && !f.startsWith(`lib/${e.libDir}/`)) problems.push(`${f}: ${e.name}'s own file outside lib/${e.libDir}/`);
}
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
const subpaths = Object.keys(pkg.exports).filter((s) => typeof pkg.exports[s] !== 'string');
console.log(`${files.length} files; ${subpaths.join(', ')}: types (exports, typesVersions) and code shipped; bin ${Object.keys(pkg.bin).join(', ')} has a node shebang`);
EOF
node "$WORK/check-tarball.js" "$WORK/pack/extract/package" "$ROOT" >"$WORK/logs/tarball.log" 2>&1 \
  || fail "tarball $(basename "$TARBALL"):"$'\n'"$(cat "$WORK/logs/tarball.log")"
ok "packed $(basename "$TARBALL") ($(( $(wc -c <"$TARBALL") / 1024 )) kB): $(cat "$WORK/logs/tarball.log")"

# tsconfig.json of a project: strict, node16, no @types/node, declaration files checked too
# (esnext.disposable: aws-cdk-lib's declarations use `Disposable`); compiles the files given.
write_tsconfig() {
  local dir="$1"; shift
  node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({
    compilerOptions: {
      target: "ES2022", lib: ["ES2022", "esnext.disposable"], module: "node16", moduleResolution: "node16",
      strict: true, noEmitOnError: true, skipLibCheck: false, types: [],
    },
    files: process.argv.slice(2),
  }, null, 2));' "$dir/tsconfig.json" "$@"
}
# tsconfig_for <dir> <name> <file>...: tsconfig.<name>.json, the project's options on other files.
tsconfig_for() {
  local dir="$1" name="$2"; shift 2
  node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({ extends: "./tsconfig.json", files: process.argv.slice(2) }, null, 2));' \
    "$dir/tsconfig.$name.json" "$@"
}
# check_types <dir> <file.ts> <file.mts>: the type checks, compiled (no emit) under node16 (both
# files), bundler (both) and node10 (the .ts file: `module: commonjs` without moduleResolution, as
# `cdktf init` writes it, resolves with node10, which ignores `exports` and reads `typesVersions`).
check_types() {
  local dir="$1" cjs="$2" esm="$3" name
  name="$(basename "$dir")"
  tsconfig_for "$dir" types "$cjs" "$esm"
  tsconfig_for "$dir" types-cjs "$cjs"
  (cd "$dir" \
    && run "$name-types-node16" ./node_modules/.bin/tsc -p tsconfig.types.json --noEmit \
    && run "$name-types-bundler" ./node_modules/.bin/tsc -p tsconfig.types.json --noEmit --module esnext --moduleResolution bundler \
    && run "$name-types-node10" ./node_modules/.bin/tsc -p tsconfig.types-cjs.json --noEmit --module commonjs --moduleResolution node10)
}
# root-entry.ts: the root entry alone must not reach an engine's declarations or code.
write_root_entry_check() {
  cat >"$1/root-entry.ts" <<'EOF'
import { MASTER_SECRET_ENV, planVpn } from 'cross-cloud-vpn';
import type { Topology, VpnPlan } from 'cross-cloud-vpn';

type Unresolved<T> = { readonly probe: unique symbol } extends T ? true : false;
export const resolved: [Unresolved<Topology['sites']>, Unresolved<VpnPlan['tunnels']>, Unresolved<typeof planVpn>] = [false, false, false];
export const envName: 'CCVPN_MASTER_SECRET' = MASTER_SECRET_ENV;
EOF
  tsconfig_for "$1" root root-entry.ts
  (cd "$1" && run "$(basename "$1")-root-types" ./node_modules/.bin/tsc -p tsconfig.root.json --noEmit \
    && run "$(basename "$1")-root-files" ./node_modules/.bin/tsc -p tsconfig.root.json --listFilesOnly)
  grep -q '/node_modules/cross-cloud-vpn/lib/index.d.ts$' "$WORK/logs/$(basename "$1")-root-files.log" \
    || fail "tsc --listFilesOnly root-entry.ts: the root entry's declarations (lib/index.d.ts) are not in the program"
  if grep -E '/node_modules/(aws-cdk-lib|constructs|cdktf|@cdktf|cdktn|@cdktn)/' "$WORK/logs/$(basename "$1")-root-files.log" >"$WORK/logs/root-engines.log"; then
    fail "the root entry's declarations reach an engine:"$'\n'"$(head -5 "$WORK/logs/root-engines.log")"
  fi
  (cd "$1" && node -e 'require("cross-cloud-vpn");
    const engines = Object.keys(require.cache).filter((f) => /[\\/]node_modules[\\/](aws-cdk-lib|constructs|cdktf|@cdktf|cdktn|@cdktn)[\\/]/.test(f));
    if (engines.length) { console.error(`require("cross-cloud-vpn") loaded ${engines.slice(0, 3).join(", ")}`); process.exit(1); }' \
    >"$WORK/logs/root-runtime.log" 2>&1) || fail "$(cat "$WORK/logs/root-runtime.log")"
}
# tf_resources <dir> <log name> <resource type>...: cdktf.out/stacks/*/cdk.tf.json (the layout cdktf and
# CDK Terrain share) hold every type; logs the count per type, the providers' version constraints
# (required_providers) and how the Azure gateways turn BGP on (enable_bgp or bgp_enabled: one of them).
tf_resources() {
  local dir="$1" name="$2"; shift 2
  node -e 'const fs = require("fs"); const path = require("path"); const dir = path.join(process.argv[1], "cdktf.out", "stacks");
  const stacks = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const types = new Map(); const providers = new Map(); const bgp = new Set(); const problems = [];
  for (const s of stacks) {
    const file = path.join(dir, s, "cdk.tf.json");
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const [type, byName] of Object.entries(json.resource ?? {})) types.set(type, (types.get(type) ?? 0) + Object.keys(byName).length);
    for (const [name, p] of Object.entries(json.terraform?.required_providers ?? {})) providers.set(name, `${p.source} ${p.version}`);
    for (const [name, g] of Object.entries(json.resource?.azurerm_virtual_network_gateway ?? {})) {
      const on = ["enable_bgp", "bgp_enabled"].filter((a) => g[a] === true);
      if (on.length !== 1) problems.push(`azurerm_virtual_network_gateway.${name} turns BGP on with ${on.join(" and ") || "neither enable_bgp nor bgp_enabled"}`);
      else bgp.add(on[0]);
    }
  }
  const want = process.argv.slice(2);
  const missing = want.filter((t) => !types.has(t));
  if (missing.length) problems.push(`stacks ${stacks.join(", ") || "(none)"} have no ${missing.join(", ")}`);
  if (problems.length) { console.error(problems.join("; ")); process.exit(1); }
  console.log(`${stacks.length} stacks (${stacks.join(", ")}): ${want.map((t) => `${types.get(t)} ${t}`).join(", ")}; providers ${[...providers].map(([n, v]) => `${n} ${v}`).join(", ")}${bgp.size ? `; gateway BGP on via ${[...bgp].join(", ")}` : ""}`);' \
  "$dir" "$@" >"$WORK/logs/$name.log" 2>&1 || fail "$(basename "$dir") project, synth: $(cat "$WORK/logs/$name.log")"
}
# provider_version <dir> <provider name> <version>: every stack that requires the provider pins that version.
provider_version() {
  node -e 'const fs = require("fs"); const path = require("path"); const [root, name, want] = process.argv.slice(1); const dir = path.join(root, "cdktf.out", "stacks");
    const got = fs.readdirSync(dir).flatMap((s) => { const p = JSON.parse(fs.readFileSync(path.join(dir, s, "cdk.tf.json"), "utf8")).terraform?.required_providers?.[name]; return p ? [[s, p.version]] : []; });
    if (got.length === 0 || got.some(([, v]) => v !== want)) { console.error(`required_providers.${name}.version: ${JSON.stringify(got)}, expected ${want} in every stack using it`); process.exit(1); }' \
    "$1" "$2" "$3" >"$WORK/logs/provider-version.log" 2>&1 || fail "$(basename "$1") project: $(cat "$WORK/logs/provider-version.log")"
}
# esm_import <dir> <specifier> <export>...: the named exports load from an ES module.
esm_import() {
  local dir="$1" spec="$2"; shift 2
  (cd "$dir" && node --input-type=module -e "import { $(IFS=,; echo "$*") } from '$spec';
    for (const [n, v] of Object.entries({ $(IFS=,; echo "$*") })) if (v === undefined) throw new Error(\`'$spec' has no export \${n} in ESM\`);" \
    >"$WORK/logs/esm.log" 2>&1) || fail "ESM import of $spec in the $(basename "$dir") project:"$'\n'"$(tail -5 "$WORK/logs/esm.log")"
}

# ---------------------------------------------------------------------------------------------
# The four projects of 2, 3, 6 and 7, installed at once (npm's cache is safe for concurrent use).
CDK="$WORK/cdk" TF="$WORK/cdktf" TN="$WORK/cdktn" MIX="$WORK/aws-cdktn"
new_project "$CDK" aws-cdk-lib constructs typescript aws-cdk
new_project "$TF" cdktf cdktf-cli constructs @cdktf/provider-azurerm typescript
new_project "$TN" cdktn cdktn-cli constructs @cdktn/provider-azurerm typescript
with_engine_overrides "$TN"
new_project "$MIX" aws-cdk-lib aws-cdk constructs cdktn cdktn-cli @cdktn/provider-azurerm typescript
with_engine_overrides "$MIX"
INSTALLS=()
for dir in "$CDK" "$TF" "$TN" "$MIX"; do
  (cd "$dir" && run "$(basename "$dir")-install" npm install --no-audit --no-fund --prefer-offline) &
  INSTALLS+=("$!")
done
for pid in "${INSTALLS[@]}"; do wait "$pid" || exit 1; done
ok "installed the tarball into 4 projects (aws-cdk-lib; cdktf; CDK Terrain; aws-cdk-lib + CDK Terrain)"

# ---------------------------------------------------------------------------------------------
# 2. aws-cdk-lib only
not_installed "$CDK" cdktf 'cdktf-cli' '@cdktf/[^/]+' cdktn 'cdktn-cli' '@cdktn/[^/]+'
write_tsconfig "$CDK" app.ts
cat >"$CDK/app.ts" <<'EOF'
// A VPC's virtual private gateway with one BGP VPN connection to an on-premises router; the
// tunnels' keys are Secrets Manager references (the secret need not exist to synthesize).
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsGatewayKind, AwsPeerGateway, AwsStartupAction, AwsVpnConnection, AwsVpnGateway } from 'cross-cloud-vpn/aws';

const app = new App();
const stack = new Stack(app, 'PackCheckAws');
const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'), maxAzs: 2, natGateways: 0 });
const gateway = new AwsVpnGateway(stack, 'VpnGateway', { kind: AwsGatewayKind.vpnGateway({ vpc }), amazonSideAsn: 64600 });
const router = new AwsPeerGateway(stack, 'OnPremRouter', { ipAddress: '203.0.113.12', peerAsn: 65010 });
const key = (tunnel: 'tunnel1' | 'tunnel2'): SecretValue => SecretValue.secretsManager('pack-check/not-a-real-secret', { jsonField: tunnel });
new AwsVpnConnection(stack, 'OnPremConnection', {
  gateway,
  peer: router,
  tunnel1: { presharedKey: key('tunnel1'), insideCidr: '169.254.10.0/30', startupAction: AwsStartupAction.START },
  tunnel2: { presharedKey: key('tunnel2'), insideCidr: '169.254.10.4/30', startupAction: AwsStartupAction.START },
});
app.synth();
EOF
(cd "$CDK" && run cdk-tsc ./node_modules/.bin/tsc -p tsconfig.json)
(cd "$CDK" && run cdk-synth ./node_modules/.bin/cdk synth --no-notices --quiet --app "node app.js" --output cdk.out)
node -e 'const t = require(process.argv[1]); const resources = Object.values(t.Resources);
  const types = new Set(resources.map((r) => r.Type));
  const missing = ["AWS::EC2::VPC", "AWS::EC2::VPNGateway", "AWS::EC2::CustomerGateway", "AWS::EC2::VPNConnection"].filter((x) => !types.has(x));
  if (missing.length) { console.error(`missing ${missing.join(", ")}`); process.exit(1); }
  const conns = resources.filter((r) => r.Type === "AWS::EC2::VPNConnection");
  const inConnection = conns.flatMap((c) => c.Properties.VpnTunnelOptionsSpecifications ?? []).filter((t) => t.PreSharedKey !== undefined).length;
  const tunnels = resources.filter((r) => r.Type === "Custom::VpnTunnelOptions").flatMap((r) => r.Properties.Tunnels ?? []);
  const literal = tunnels.filter((t) => t.PreSharedKey !== undefined || !JSON.stringify(t.PreSharedKeyReference ?? "").includes("secretsmanager:")).length;
  if (tunnels.length !== 2 || literal || inConnection) { console.error(`${tunnels.length} tunnels in Custom::VpnTunnelOptions, ${literal} without a Secrets Manager reference, ${inConnection} keys in the connection`); process.exit(1); }
  console.log(`${resources.length} resources incl. VPNGateway, CustomerGateway, VPNConnection, Custom::VpnTunnelOptions (2 tunnels, keys as Secrets Manager references the handler reads)`);' \
  "$CDK/cdk.out/PackCheckAws.template.json" >"$WORK/logs/cdk-template.log" 2>&1 \
  || fail "cdk synth: cdk.out/PackCheckAws.template.json: $(cat "$WORK/logs/cdk-template.log")"
ok "aws-cdk-lib project: no cdktf or CDK Terrain installed; app on cross-cloud-vpn/aws compiled (strict, node16); cdk synth: $(cat "$WORK/logs/cdk-template.log")"

# ---------------------------------------------------------------------------------------------
# 3. cdktf
not_installed "$TF" aws-cdk-lib 'aws-cdk' cdktn 'cdktn-cli' '@cdktn/[^/]+'
write_tsconfig "$TF" main.ts
cat >"$TF/main.ts" <<'EOF'
// Azure and Alibaba Cloud gateways, each with a connection of its own to an on-premises router
// (keys: sensitive Terraform variables), linked to each other by the planner (keys derived from
// CCVPN_MASTER_SECRET).
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { CrossCloudVpn } from 'cross-cloud-vpn';
import {
  AlicloudConnectionRouting, AlicloudPeerGateway, AlicloudVpnConnection, AlicloudVpnGateway, provider, vpc, vswitch,
} from 'cross-cloud-vpn/alicloud';
import { AzureGatewayInstance, AzurePeerGateway, AzureVpnConnection, AzureVpnGateway } from 'cross-cloud-vpn/azure';

const secretVariable = (scope: Construct, id: string): string =>
  new TerraformVariable(scope, id, { type: 'string', sensitive: true, description: 'pre-shared key' }).stringValue;

class AzureStack extends TerraformStack {
  public readonly gateway: AzureVpnGateway;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const group = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-pack-check', location: 'japaneast' });
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', {
      name: 'vnet-pack-check', resourceGroupName: group.name, location: group.location, addressSpace: ['192.168.0.0/16'],
    });
    this.gateway = new AzureVpnGateway(this, 'VpnGateway', {
      siteId: 'azure-pack-check',
      resourceGroupName: group.name,
      location: group.location,
      virtualNetworkName: vnet.name,
      cidrs: ['192.168.0.0/16'],
      gatewaySubnetCidr: '192.168.255.0/27',
      asn: 65000,
      instance0ApipaAddresses: ['169.254.21.2'],
      instance1ApipaAddresses: ['169.254.22.2'],
    });
    const router = new AzurePeerGateway(this, 'OnPremRouter', {
      name: 'lng-onprem', resourceGroupName: group.name, location: group.location,
      gatewayAddress: '203.0.113.20', peerAsn: 65020, bgpPeeringAddress: '169.254.21.1',
    });
    new AzureVpnConnection(this, 'OnPremConnection', {
      name: 'cn-onprem',
      gateway: this.gateway,
      peer: router,
      sharedKey: secretVariable(this, 'onprem_shared_key'),
      bgpEnabled: true,
      customBgpPrimaryAddress: this.gateway.apipaAddressesOf(AzureGatewayInstance.INSTANCE_0)[0],
      customBgpSecondaryAddress: this.gateway.apipaAddressesOf(AzureGatewayInstance.INSTANCE_1)[0],
    });
  }
}

class AlicloudStack extends TerraformStack {
  public readonly gateway: AlicloudVpnGateway;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.AlicloudProvider(this, 'alicloud', { region: 'cn-hangzhou' });
    const network = new vpc.Vpc(this, 'Vpc', { vpcName: 'pack-check', cidrBlock: '10.0.0.0/16' });
    const zone = (suffix: string, cidr: string) =>
      new vswitch.Vswitch(this, `Vswitch${suffix}`, { vpcId: network.id, cidrBlock: cidr, zoneId: `cn-hangzhou-${suffix}`, vswitchName: `pack-check-${suffix}` });
    this.gateway = new AlicloudVpnGateway(this, 'VpnGateway', {
      siteId: 'ali-pack-check',
      vpcId: network.id,
      cidrs: ['10.0.0.0/16'],
      vswitchId: zone('h', '10.0.1.0/24').id,
      disasterRecoveryVswitchId: zone('i', '10.0.2.0/24').id,
      bandwidthMbps: 10,
      asn: 65100,
      name: 'pack-check',
    });
    const router = new AlicloudPeerGateway(this, 'OnPremRouter', { ipAddress: '203.0.113.30', peerAsn: 65030, name: 'onprem' });
    new AlicloudVpnConnection(this, 'OnPremConnection', {
      gateway: this.gateway,
      routing: AlicloudConnectionRouting.bgp(),
      masterTunnel: { peer: router, presharedKey: secretVariable(this, 'master_tunnel_psk'), tunnelCidr: '169.254.21.0/30' },
      slaveTunnel: { peer: router, presharedKey: secretVariable(this, 'slave_tunnel_psk'), tunnelCidr: '169.254.22.0/30' },
      vpnConnectionName: 'onprem',
    });
  }
}

const app = new App();
const azure = new AzureStack(app, 'pack-check-azure');
const alicloud = new AlicloudStack(app, 'pack-check-alicloud');
new CrossCloudVpn('PackCheck', {
  links: [{
    between: [azure.gateway, alicloud.gateway],
    routing: 'policy',
    selectors: { 'ali-pack-check': ['10.0.0.0/16'] },
  }],
});
app.synth();
EOF
cat >"$TF/cdktf.json" <<'EOF'
{
  "language": "typescript",
  "app": "node main.js",
  "projectId": "ccvpn-pack-check",
  "sendCrashReports": "false",
  "terraformProviders": [],
  "terraformModules": [],
  "context": {}
}
EOF
(cd "$TF" && run cdktf-tsc ./node_modules/.bin/tsc -p tsconfig.json)
(cd "$TF" && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" run cdktf-synth ./node_modules/.bin/cdktf synth)
tf_resources "$TF" cdktf-json azurerm_virtual_network_gateway azurerm_local_network_gateway azurerm_virtual_network_gateway_connection \
  alicloud_vpn_gateway alicloud_vpn_customer_gateway alicloud_vpn_connection
provider_version "$TF" azurerm "$(node -p 'require(process.argv[1]).cdktf.provider.version' "$TF/node_modules/@cdktf/provider-azurerm/package.json")"
ok "cdktf project: no aws-cdk-lib or CDK Terrain installed; app on cross-cloud-vpn/azure, /alicloud and the root entry compiled; cdktf synth: $(cat "$WORK/logs/cdktf-json.log")"

# ---------------------------------------------------------------------------------------------
# 4. types and entries
# Unresolved<T> is true when T is `any` or an unresolved type (say an engine's declarations were
# not found and skipLibCheck hid it): each must be false.
cat >"$CDK/types-check.ts" <<'EOF'
import type { PlanOptions, Topology, VpnPlan } from 'cross-cloud-vpn';
import type { AwsTunnelOptions, AwsVirtualPrivateGatewayOptions, AwsVpnGateway, AwsVpnGatewayProps } from 'cross-cloud-vpn/aws';

type Unresolved<T> = { readonly probe: unique symbol } extends T ? true : false;
export const resolved: [
  Unresolved<Topology['sites']>, Unresolved<VpnPlan>, Unresolved<PlanOptions>,
  Unresolved<AwsVpnGatewayProps['kind']>, Unresolved<AwsVirtualPrivateGatewayOptions['vpc']>, Unresolved<AwsTunnelOptions['presharedKey']>, Unresolved<AwsVpnGateway['node']>,
] = [false, false, false, false, false, false, false];
EOF
cp "$CDK/types-check.ts" "$CDK/types-check-esm.mts"
cat >"$TF/types-check.ts" <<'EOF'
import type { CrossCloudVpnProps, Topology } from 'cross-cloud-vpn';
import type { AlicloudTunnelOptions, AlicloudVpnGateway, AlicloudVpnGatewayProps, provider } from 'cross-cloud-vpn/alicloud';
import type { AzureVpnConnectionProps, AzureVpnGateway, AzureVpnGatewayProps } from 'cross-cloud-vpn/azure';

type Unresolved<T> = { readonly probe: unique symbol } extends T ? true : false;
export const resolved: [
  Unresolved<Topology['links']>, Unresolved<CrossCloudVpnProps['links']>,
  Unresolved<AzureVpnGatewayProps['asn']>, Unresolved<AzureVpnConnectionProps['sharedKey']>, Unresolved<AzureVpnGateway['resource']['name']>,
  Unresolved<AlicloudVpnGatewayProps['vpcId']>, Unresolved<AlicloudTunnelOptions['presharedKey']>, Unresolved<AlicloudVpnGateway['node']>,
  Unresolved<provider.AlicloudProvider['addOverride']>,
] = [false, false, false, false, false, false, false, false, false];
EOF
cp "$TF/types-check.ts" "$TF/types-check-esm.mts"
check_types "$CDK" types-check.ts types-check-esm.mts
check_types "$TF" types-check.ts types-check-esm.mts
write_root_entry_check "$CDK"
write_root_entry_check "$TF"
(cd "$CDK" && node -e 'const s = require(require.resolve("cross-cloud-vpn/topology.schema.json")); if (!s.properties || !s.properties.sites) process.exit(1);
  if (require("cross-cloud-vpn/package.json").name !== "cross-cloud-vpn") process.exit(1);' 2>"$WORK/logs/schema.log") \
  || fail "cross-cloud-vpn/topology.schema.json or /package.json does not load: $(tail -3 "$WORK/logs/schema.log")"
esm_import "$CDK" cross-cloud-vpn planVpn CrossCloudVpn PresharedKey
esm_import "$CDK" cross-cloud-vpn/aws AwsVpnGateway AwsPeerGateway AwsVpnConnection AwsGatewayKind
esm_import "$TF" cross-cloud-vpn/azure AzureVpnGateway AzurePeerGateway AzureVpnConnection
esm_import "$TF" cross-cloud-vpn/alicloud AlicloudVpnGateway AlicloudPeerGateway AlicloudVpnConnection provider
ok "types of cross-cloud-vpn + /aws (aws-cdk-lib project) and + /azure, /alicloud (cdktf project) resolve under moduleResolution node16 (.ts, .mts), bundler and node10, without skipLibCheck or @types/node; the root entry reaches no engine (types, require); every entry imports from ESM"

# ---------------------------------------------------------------------------------------------
# 5. the CLI, installed
[ -x "$CDK/node_modules/.bin/ccvpn" ] || fail "node_modules/.bin/ccvpn is missing or not executable after install"
(cd "$CDK" && run cli-help npx --no -- ccvpn --help)
grep -q 'ccvpn plan' "$WORK/logs/cli-help.log" || fail "npx ccvpn --help printed no usage: $(head -3 "$WORK/logs/cli-help.log")"
cat >"$CDK/topology.yaml" <<'EOF'
# AWS <-> Azure with BGP: 2 VPN connections on AWS, 4 tunnels.
sites:
  - id: aws-tokyo
    cloud: aws
    gateway: vpn-gateway
    cidrs: [172.16.0.0/16]
    asn: 64512
  - id: azure-japaneast
    cloud: azure
    gateway: active-active
    cidrs: [192.168.0.0/16]
    asn: 65000
links:
  - between: [aws-tokyo, azure-japaneast]
    routing: bgp
EOF
(cd "$CDK" && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" run cli-plan npx --no -- ccvpn plan topology.yaml --diagram topology.svg)
# --json: stdout alone (npm may print warnings on stderr).
(cd "$CDK" && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" npx --no -- ccvpn plan topology.yaml --json >plan.json 2>"$WORK/logs/cli-plan-json.log") \
  || fail "npx ccvpn plan topology.yaml --json failed: $(tail -5 "$WORK/logs/cli-plan-json.log")"
grep -q '<svg' "$CDK/topology.svg" 2>/dev/null || fail "ccvpn plan --diagram topology.svg wrote no SVG (@viz-js/viz)"
# The keys the plan derives, recomputed with the installed library: none may appear in the output.
(cd "$CDK" && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" node -e '
  const fs = require("fs");
  const { planVpn } = require("cross-cloud-vpn");
  const yaml = require(require.resolve("yaml", { paths: [require.resolve("cross-cloud-vpn")] }));
  const plan = planVpn(yaml.parse(fs.readFileSync("topology.yaml", "utf8")), { masterSecret: process.env.CCVPN_MASTER_SECRET });
  const keys = plan.tunnels.map((t) => t.presharedKey.reveal());
  const table = fs.readFileSync(process.argv[1], "utf8");
  const json = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  if (keys.length === 0) throw new Error("the plan has no tunnels");
  if (keys.some((k) => table.includes(k) || JSON.stringify(json).includes(k))) throw new Error("a pre-shared key is printed in clear");
  if (!table.includes("<psk:derived fp:")) throw new Error("the table shows no redacted key");
  if (json.tunnels.length !== keys.length) throw new Error(`--json lists ${json.tunnels.length} tunnels, the library plans ${keys.length}`);
  console.log(`${keys.length} tunnels, keys redacted`);' "$WORK/logs/cli-plan.log" plan.json >"$WORK/logs/cli-keys.log" 2>&1) \
  || fail "ccvpn plan: $(tail -3 "$WORK/logs/cli-keys.log")"
ok "npx ccvpn --help exits 0; npx ccvpn plan topology.yaml (table, --json, --diagram .svg): $(cat "$WORK/logs/cli-keys.log")"

# cdktn_cli <args>...: the project's cdktn CLI. cdktn-cli 0.24 declares Node >= 22.19; on an older
# Node its bundled undici fails at load (`webidl.util.markAsUncloneable is not a function`: it takes
# `markAsUncloneable` from node:worker_threads, Node 22.10+, without a fallback). There a preloaded
# no-op stands in for that one function (it only keeps objects from being structured-cloned, which
# synth never does); on Node >= 22.10 nothing is preloaded.
cat >"$WORK/node20-shim.js" <<'EOF'
// pack-check: stands in for worker_threads.markAsUncloneable (Node 22.10+) for cdktn-cli on older Node.
const workerThreads = require('node:worker_threads');
if (typeof workerThreads.markAsUncloneable !== 'function') workerThreads.markAsUncloneable = () => {};
EOF
CDKTN_NODE_NOTE=""
if ! node -e 'process.exit(typeof require("node:worker_threads").markAsUncloneable === "function" ? 0 : 1)'; then
  CDKTN_NODE_NOTE=" (Node $(node -v) < 22.10: cdktn-cli run with the markAsUncloneable stand-in)"
fi
cdktn_cli() {
  if [ -n "$CDKTN_NODE_NOTE" ]; then NODE_OPTIONS="${NODE_OPTIONS:-} --require $WORK/node20-shim.js" ./node_modules/.bin/cdktn "$@"; else ./node_modules/.bin/cdktn "$@"; fi
}

# ---------------------------------------------------------------------------------------------
# 6. CDK Terrain: the same app as the cdktf project's, its imports spelled for CDK Terrain.
not_installed "$TN" cdktf 'cdktf-cli' '@cdktf/[^/]+' aws-cdk-lib 'aws-cdk'
[ ! -e "$TN/node_modules/cdktf" ] || fail "cdktn project: node_modules/cdktf exists"
# cdktf → cdktn, @cdktf/provider-azurerm → @cdktn/provider-azurerm, cross-cloud-vpn/azure → cross-cloud-vpn/cdktn/azure.
sed -e "s#from 'cdktf'#from 'cdktn'#; s#'@cdktf/provider-azurerm/#'@cdktn/provider-azurerm/#; s#'cross-cloud-vpn/azure'#'cross-cloud-vpn/cdktn/azure'#; s#'cross-cloud-vpn/alicloud'#'cross-cloud-vpn/cdktn/alicloud'#" \
  "$TF/main.ts" >"$TN/main.ts"
for f in types-check.ts types-check-esm.mts; do
  sed -e "s#'cross-cloud-vpn/azure'#'cross-cloud-vpn/cdktn/azure'#; s#'cross-cloud-vpn/alicloud'#'cross-cloud-vpn/cdktn/alicloud'#" "$TF/$f" >"$TN/$f"
done
if grep -n "cdktf'\|@cdktf/\|'cross-cloud-vpn/a" "$TN/main.ts" "$TN/types-check.ts" >"$WORK/logs/cdktn-spelling.log"; then
  fail "cdktn project: the app still imports $(cat "$WORK/logs/cdktn-spelling.log")"
fi
cp "$TF/cdktf.json" "$TN/cdktf.json"
write_tsconfig "$TN" main.ts
(cd "$TN" && run cdktn-tsc ./node_modules/.bin/tsc -p tsconfig.json && run cdktn-tsc-files ./node_modules/.bin/tsc -p tsconfig.json --listFilesOnly)
grep -q '/node_modules/cross-cloud-vpn/lib/cdktn/azure/index.d.ts$' "$WORK/logs/cdktn-tsc-files.log" \
  || fail "cdktn project: tsc --listFilesOnly main.ts: lib/cdktn/azure/index.d.ts is not in the program"
(cd "$TN" && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" run cdktn-synth cdktn_cli synth)
tf_resources "$TN" cdktn-json azurerm_virtual_network_gateway azurerm_local_network_gateway azurerm_virtual_network_gateway_connection \
  alicloud_vpn_gateway alicloud_vpn_customer_gateway alicloud_vpn_connection
provider_version "$TN" azurerm "$(node -p 'require(process.argv[1]).cdktf.provider.version' "$TN/node_modules/@cdktn/provider-azurerm/package.json")"
check_types "$TN" types-check.ts types-check-esm.mts
write_root_entry_check "$TN"
esm_import "$TN" cross-cloud-vpn/cdktn/azure AzureVpnGateway AzurePeerGateway AzureVpnConnection
esm_import "$TN" cross-cloud-vpn/cdktn/alicloud AlicloudVpnGateway AlicloudPeerGateway AlicloudVpnConnection provider
ok "CDK Terrain project: no cdktf or aws-cdk-lib installed; app on cross-cloud-vpn/cdktn/azure, /cdktn/alicloud and the root entry compiled (strict, skipLibCheck off); cdktn synth$CDKTN_NODE_NOTE: $(cat "$WORK/logs/cdktn-json.log"); types resolve under node16, bundler and node10; ESM imports"

# ---------------------------------------------------------------------------------------------
# 7. aws-cdk-lib + CDK Terrain: one app, an AWS gateway and an Azure gateway linked by CrossCloudVpn;
# each CLI synthesizes its engine's app (the other's output goes to its default folder).
not_installed "$MIX" cdktf 'cdktf-cli' '@cdktf/[^/]+'
write_tsconfig "$MIX" app.ts
cat >"$MIX/app.ts" <<'EOF'
// A VPC's virtual private gateway (aws-cdk-lib) and an Azure active-active gateway (CDK Terrain)
// linked with BGP; keys derived from CCVPN_MASTER_SECRET.
import { AzurermProvider } from '@cdktn/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktn/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktn/provider-azurerm/lib/virtual-network';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { App as TerraformApp, TerraformStack } from 'cdktn';
import { CrossCloudVpn } from 'cross-cloud-vpn';
import { AwsGatewayKind, AwsVpnGateway } from 'cross-cloud-vpn/aws';
import { AzureVpnGateway } from 'cross-cloud-vpn/cdktn/azure';

const cdk = new App();
const aws = new Stack(cdk, 'PackCheckAws');
const vpc = new ec2.Vpc(aws, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'), maxAzs: 2, natGateways: 0 });
const awsGateway = new AwsVpnGateway(aws, 'VpnGateway', { siteId: 'aws-pack-check', asn: 64600, kind: AwsGatewayKind.vpnGateway({ vpc }), cidrs: ['10.42.0.0/16'] });

const terraform = new TerraformApp();
const azure = new TerraformStack(terraform, 'pack-check-azure');
new AzurermProvider(azure, 'azurerm', { features: [{}] });
const group = new ResourceGroup(azure, 'ResourceGroup', { name: 'rg-pack-check', location: 'japaneast' });
const vnet = new VirtualNetwork(azure, 'VirtualNetwork', {
  name: 'vnet-pack-check', resourceGroupName: group.name, location: group.location, addressSpace: ['192.168.0.0/16'],
});
const azureGateway = new AzureVpnGateway(azure, 'VpnGateway', {
  siteId: 'azure-pack-check', resourceGroupName: group.name, location: group.location, virtualNetworkName: vnet.name,
  cidrs: ['192.168.0.0/16'], gatewaySubnetCidr: '192.168.255.0/27', asn: 65000,
});

new CrossCloudVpn('PackCheck', { links: [{ between: [awsGateway, azureGateway], routing: 'bgp' }] });
cdk.synth();
terraform.synth();
EOF
sed -e 's#"app": "node main.js"#"app": "node app.js"#' "$TF/cdktf.json" >"$MIX/cdktf.json"
(cd "$MIX" && run mix-tsc ./node_modules/.bin/tsc -p tsconfig.json)
(cd "$MIX" && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" run mix-cdk-synth ./node_modules/.bin/cdk synth --no-notices --quiet --app "node app.js" --output cdk.out)
(cd "$MIX" && rm -rf cdktf.out && CCVPN_MASTER_SECRET="$FAKE_MASTER_SECRET" run mix-cdktn-synth cdktn_cli synth)
tf_resources "$MIX" mix-json azurerm_virtual_network_gateway azurerm_local_network_gateway azurerm_virtual_network_gateway_connection
# Both synths describe the same tunnels: 2 per AWS VPN connection (the gateway's stack and its link
# stacks), 1 per Azure connection.
node -e 'const fs = require("fs"); const path = require("path"); const [cdkOut, tfOut] = process.argv.slice(1);
  const resources = fs.readdirSync(cdkOut).filter((f) => f.endsWith(".template.json")).flatMap((f) => Object.values(JSON.parse(fs.readFileSync(path.join(cdkOut, f), "utf8")).Resources ?? {}));
  const count = (type) => resources.filter((r) => r.Type === type).length;
  const conns = count("AWS::EC2::VPNConnection"), cgws = count("AWS::EC2::CustomerGateway");
  const azure = fs.readdirSync(tfOut).reduce((n, s) => n + Object.keys(JSON.parse(fs.readFileSync(path.join(tfOut, s, "cdk.tf.json"), "utf8")).resource?.azurerm_virtual_network_gateway_connection ?? {}).length, 0);
  if (count("AWS::EC2::VPNGateway") !== 1 || conns < 1 || cgws !== conns || 2 * conns !== azure) {
    console.error(`VPNGateway ${count("AWS::EC2::VPNGateway")}, CustomerGateway ${cgws}, VPNConnection ${conns} (${2 * conns} tunnels); Azure connections ${azure}`); process.exit(1);
  }
  console.log(`1 VPNGateway, ${cgws} CustomerGateway, ${conns} VPNConnection: ${2 * conns} tunnels, as many as Azure connections`);' \
  "$MIX/cdk.out" "$MIX/cdktf.out/stacks" >"$WORK/logs/mix-template.log" 2>&1 \
  || fail "aws-cdktn project, cdk synth + cdktn synth: $(cat "$WORK/logs/mix-template.log")"
ok "aws-cdk-lib + CDK Terrain project: no cdktf installed; AWS and Azure (cross-cloud-vpn/cdktn/azure) gateways linked by CrossCloudVpn compiled; cdk synth: $(cat "$WORK/logs/mix-template.log"); cdktn synth$CDKTN_NODE_NOTE: $(cat "$WORK/logs/mix-json.log")"

echo "ok: packaging check passed in $((SECONDS - START)) s"
