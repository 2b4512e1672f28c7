/**
 * Negotiation of one tunnel in a running lab: IKE SA and CHILD SA by a synchronous
 * `swanctl --initiate` from the initiating half, one CHILD rekey from the half that rekeys first
 * (PFS is negotiated only there in IKEv2), then BGP: both endpoints' BIRD Established and each
 * having learned what the other announces, less what its cloud refuses (`routing.ts`).
 * @internal
 */
import { poll } from '../exec';
import type { LabTunnelSpec } from '../lab-plan';
import { BgpProtocolState, proposalText } from '../parse';
import { rejectedRoutes } from '../routing';
import type { CheckResult, FailureCode } from '../types';
import { classifyBgpFailure, classifyIkeFailure } from './classify';
import { Lab, TunnelOutcome, endpointOf } from './lab';

/** IKE, CHILD, rekey and BGP for one tunnel. */
export async function negotiate(lab: Lab, t: LabTunnelSpec, charonProblems: ReadonlyMap<string, string | undefined>, bgpDeadlineMs: number): Promise<TunnelOutcome> {
  const started = Date.now();
  const sides = [endpointOf(lab, t, 0), endpointOf(lab, t, 1)] as const;
  const notes: string[] = [];
  const elapsed = () => (Date.now() - started) / 1000;
  const fail = (code: FailureCode, reason: string, partial: Partial<TunnelOutcome> = {}): TunnelOutcome => ({
    id: t.id, ike: partial.ike ?? { ok: false, summary: 'failed' }, ...partial, failure: { code, reason }, seconds: elapsed(), notes,
  });
  for (const rt of sides) {
    const problem = charonProblems.get(rt.e.name);
    if (problem) return fail('lab-error', `${rt.e.half.label}: ${problem}`);
  }
  const ini = sides[t.initiator];
  const resp = sides[1 - t.initiator];
  lab.markLog(resp);
  lab.markLog(ini);
  // A deadline for slow machines only: an unanswered IKE_SA_INIT fails after charon's retransmits
  // (~3 s); a loaded machine may need longer than that for an exchange that succeeds.
  const initiate = await lab.swanctl(ini, ['--initiate', '--child', 'tun', '--timeout', '20'], 25000);
  const output = initiate.stdout + initiate.stderr;
  if (process.env.CCVPN_VERIFY_DEBUG) process.stderr.write(`--- ${t.id} initiator\n${output}\n--- responder log\n${lab.logSince(resp)}\n`);
  const [sa0, sa1] = await Promise.all([lab.sas(sides[0]), lab.sas(sides[1])]);
  const ikeUp = sa0.ike?.state === 'ESTABLISHED' && sa1.ike?.state === 'ESTABLISHED';
  const childUp = sa0.child?.state === 'INSTALLED' && sa1.child?.state === 'INSTALLED';
  const iniSa = t.initiator === 0 ? sa0 : sa1;
  const ikeProposal = proposalText(iniSa.ike);
  const espProposal = proposalText(iniSa.child);
  const version = iniSa.ike?.version ? `IKEv${iniSa.ike.version}` : undefined;
  const proposal = ikeProposal ? `${version} ${ikeProposal}${espProposal ? ` | ${espProposal}` : ''}` : undefined;
  if (initiate.code !== 0 || !ikeUp || !childUp) {
    const responderLog = lab.logSince(resp);
    const failure = classifyIkeFailure(output + lab.logSince(ini), responderLog, t.initiator === 0 ? t.halves : [t.halves[1], t.halves[0]]);
    const ike: CheckResult = ikeUp ? { ok: true, summary: 'ESTABLISHED' } : { ok: false, summary: failure.code };
    const child: CheckResult | undefined = ikeUp ? { ok: false, summary: failure.code } : undefined;
    return fail(failure.code, failure.reason, { ike, child, proposal });
  }
  const ike: CheckResult = { ok: true, summary: `ESTABLISHED ${version}` };
  const ts = `${listText(iniSa.child?.['local-ts'])}⇄${listText(iniSa.child?.['remote-ts'])}`;
  for (const [i, sa] of [sa0, sa1].entries()) {
    const h = t.halves[i];
    const got = listText(sa.child?.['local-ts']);
    if (got !== h.localTs.join(',')) notes.push(`${h.label}: traffic selectors narrowed to ${got} (configured ${h.localTs.join(',')})`);
  }

  // Rekey the CHILD SA once from the side that rekeys first: PFS is negotiated only there (IKEv2).
  const rekeyer = sides[t.rekeyer];
  const before = (t.rekeyer === 0 ? sa0 : sa1).child;
  lab.markLog(rekeyer);
  await lab.swanctl(rekeyer, ['--rekey', '--child', 'tun'], 5000);
  const rekeyed = await poll(async () => {
    const s = await lab.sas(rekeyer);
    if (s.children.some((c) => c.state === 'INSTALLED' && c['spi-in'] !== before?.['spi-in'])) return 'ok';
    const log = lab.logSince(rekeyer);
    if (/NO_PROPOSAL_CHOSEN|no acceptable proposal|failed to establish CHILD_SA|INVALID_KE_PAYLOAD/.test(log) && /CHILD_SA rekeying failed|NO_PROPOSAL_CHOSEN|failed/.test(log)) return 'failed';
    return undefined;
  }, 10000, 100); // a rejected rekey shows in the log at once; the deadline is for slow machines
  if (rekeyed !== 'ok') {
    const log = lab.logSince(rekeyer).split('\n').filter((l) => /NO_PROPOSAL|proposal|failed|INVALID_KE/.test(l)).map((l) => l.replace(/^.*?\[(IKE|CFG|ENC|CHD)\]\s*/, '')).slice(0, 2).join('; ');
    return fail('rekey-failed', `CHILD SA rekey by ${t.halves[t.rekeyer].label} failed${log ? `: ${log}` : ' (no new CHILD SA within 10 s)'}; offers ${t.halves[t.rekeyer].esp.offers.join(', ')} vs accepts ${t.halves[1 - t.rekeyer].esp.accepts.join(', ')}`,
      { ike, child: { ok: false, summary: 'rekey failed' }, proposal });
  }
  const rekeyedSa = await lab.sas(sides[t.initiator]);
  const pfs = rekeyedSa.children.filter((c) => c.state === 'INSTALLED').map((c) => c['dh-group']).filter((g): g is string => typeof g === 'string').pop();
  const child: CheckResult = { ok: true, summary: `INSTALLED, rekeyed${pfs ? ` (PFS ${pfs})` : ' (no PFS)'}`, detail: ts };

  if (t.halves[0].routing !== 'bgp' || t.halves[1].routing !== 'bgp') {
    if (t.halves[0].routing === 'bgp' || t.halves[1].routing === 'bgp') {
      return fail('bgp-failed', `one half runs BGP (${t.halves.map((h) => `${h.label}: ${h.routing}`).join(', ')}), the other does not`, { ike, child, proposal });
    }
    return { id: t.id, ike, child, bgp: { ok: true, summary: `- (${t.halves[0].routing})` }, proposal: `${proposal}${pfs ? '' : ''}`, seconds: elapsed(), notes };
  }
  // BGP: both endpoints' BIRD, Established, each has learned every network the other announces.
  await Promise.all(sides.map((rt) => lab.startEndpointBird(rt.e.name)));
  // Each side must learn what the other announces, less what its cloud refuses (routing.ts).
  const want = ([0, 1] as const).map((i) => {
    const refused = new Set(rejectedRoutes(t.halves[i], t.halves[1 - i]).map((x) => x.prefix));
    return t.halves[1 - i].advertise.filter((n) => !refused.has(n));
  });
  let last: [BgpProtocolState | undefined, BgpProtocolState | undefined] = [undefined, undefined];
  const birdStarted = Date.now();
  const established = await poll(async () => {
    last = [await lab.bgpState(sides[0].e.name), await lab.bgpState(sides[1].e.name)];
    if (last.some((s) => /Bad peer AS/i.test(`${s?.info} ${s?.lastError}`))) return 'failed';
    // Settled failures: nobody connects, or the neighbour address is not across the tunnel.
    const settled = Date.now() - birdStarted > 4000;
    if (settled && t.halves.every((h) => h.bgp?.passive)) return 'failed';
    if (settled && last.every((s) => s?.state !== 'Established') && last.some((s) => /No route to host/i.test(`${s?.info} ${s?.lastError}`))) return 'failed';
    if (!last.every((s) => s?.state === 'Established')) return undefined;
    const learned = await Promise.all(sides.map((rt) => lab.bgpRoutes(rt.e.name)));
    return want.every((w, i) => w.every((n) => learned[i].includes(n))) ? 'ok' : undefined;
  }, bgpDeadlineMs, 100);
  let lateOk = false;
  if (established !== 'ok' && last.every((s) => s?.state === 'Established')) {
    const learned = await Promise.all(sides.map((rt) => lab.bgpRoutes(rt.e.name)));
    const missing = want.flatMap((w, i) => w.filter((n) => !learned[i].includes(n)).map((n) => `${t.halves[i].label} did not learn ${n}`));
    // Learned between the last poll and the deadline (a loaded machine): up, not a failure.
    if (missing.length) return fail('prefix-missing', missing.join('; '), { ike, child, bgp: { ok: false, summary: 'Established, prefixes missing' }, proposal });
    lateOk = true;
  }
  if (established !== 'ok' && !lateOk) {
    const f = classifyBgpFailure(last, t.halves);
    return fail(f.code, f.reason, { ike, child, bgp: { ok: false, summary: last.map((s) => s?.state ?? '?').join('/') }, proposal });
  }
  const bgp: CheckResult = { ok: true, summary: `Established ${t.halves[0].bgp!.localAsn}~${t.halves[1].bgp!.localAsn}`, detail: `learned ${want[0].join(',')} / ${want[1].join(',')}` };
  return { id: t.id, ike, child, bgp, proposal, seconds: elapsed(), notes };
}

function listText(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '?';
}
