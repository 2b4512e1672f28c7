/**
 * Diagnosis: the verdict comes from the daemons (swanctl's exit code, BIRD's session state);
 * these name what differs between the two halves, from the initiator's swanctl output, the
 * responder's charon log and BIRD's protocol state. Pure: unit-tested on captured output.
 * @internal
 */
import type { BgpProtocolState } from '../parse';
import type { FailureCode, TunnelHalf } from '../types';

/** Classifies an IKE failure from the initiator's swanctl output and the responder's log. */
export function classifyIkeFailure(initiatorOut: string, responderLog: string, halves: readonly [TunnelHalf, TunnelHalf]): { code: FailureCode; reason: string } {
  const [ini, resp] = halves;
  const strip = (l: string) => l.replace(/^.*?\[(IKE|CFG|ENC|NET|CHD)\]\s*/, '').trim();
  const lines = initiatorOut.split('\n');
  const last = strip(lines.filter((l) => /\[(IKE|CFG)\]/.test(l)).pop() ?? lines.filter(Boolean).pop() ?? '');
  const said = (re: RegExp) => responderLog.split('\n').filter((l) => re.test(l)).map(strip);
  const fp = (h: TunnelHalf) => (h.psk ? `fp:${h.psk.fingerprint}` : 'none');
  const versions = (h: TunnelHalf) => (h.ikeVersion === 0 ? 'IKEv1/IKEv2' : `IKEv${h.ikeVersion}`);
  const list = (xs: readonly string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')}, … (${xs.length})` : xs.join(', '));
  const versionsMeet = ini.ikeVersion === 0 || resp.ikeVersion === 0 || ini.ikeVersion === resp.ikeVersion;
  const has = (re: RegExp) => re.test(initiatorOut);

  if (has(/AUTHENTICATION_FAILED|AUTH_FAILED/) || said(/MAC mismatched/).length) {
    const mac = said(/MAC mismatched/)[0];
    const noPeer = said(/no matching peer config found/)[0];
    if (noPeer && !mac) return { code: 'identity-mismatch', reason: `AUTHENTICATION_FAILED: the responder found no peer config for the identities (${noPeer}); ${ini.label} is '${ini.localId}' expecting '${ini.remoteId}', ${resp.label} is '${resp.localId}' expecting '${resp.remoteId}'` };
    return { code: 'psk-mismatch', reason: `AUTHENTICATION_FAILED${mac ? ` (responder: ${mac})` : ''}: pre-shared keys ${fp(ini)} (${ini.label}) and ${fp(resp)} (${resp.label})${ini.psk?.fingerprint === resp.psk?.fingerprint ? ' are the same: look at the identities' : ' differ'}` };
  }
  if (has(/NO_PROPOSAL_CHOSEN notify, no CHILD_SA built/) || said(/no acceptable proposal found/).length) {
    const got = said(/received proposals: ESP/)[0];
    return { code: 'esp-proposal-mismatch', reason: `ESP NO_PROPOSAL_CHOSEN: ${ini.label} offers ${list(ini.esp.offers)}; ${resp.label} accepts ${list(resp.esp.accepts)}${got ? ` (responder ${got})` : ''}` };
  }
  if (has(/TS_UNACCEPTABLE/)) {
    return { code: 'ts-mismatch', reason: `TS_UNACCEPTABLE: ${ini.label} proposes ${ini.localTs.join(',')} ⇄ ${ini.remoteTs.join(',')}; ${resp.label} has ${resp.localTs.join(',')} ⇄ ${resp.remoteTs.join(',')}` };
  }
  if (!versionsMeet && (has(/NO_PROP|NO_PROPOSAL_CHOSEN|INVALID_MAJOR_VERSION|retransmit|peer not responding/) || said(/no IKE config found|unsupported IKE version|INVALID_MAJOR_VERSION/).length)) {
    const r = said(/no IKE config found|unsupported IKE version|INVALID_MAJOR_VERSION/)[0];
    return { code: 'ike-version-mismatch', reason: `${ini.label} speaks ${versions(ini)}, ${resp.label} only ${versions(resp)}${r ? ` (responder: ${r})` : ''}` };
  }
  if (has(/N\(NO_PROP\)|NO_PROPOSAL_CHOSEN|INVALID_KE_PAYLOAD/) || said(/received proposals unacceptable|no IKE config found/).length) {
    return { code: 'ike-proposal-mismatch', reason: `IKE NO_PROPOSAL_CHOSEN: ${ini.label} offers ${list(ini.ikeProposals)}; ${resp.label} accepts ${list(resp.ikeProposals)}` };
  }
  if (has(/giving up after|peer not responding/)) {
    if (ini.psk?.fingerprint !== resp.psk?.fingerprint && (ini.ikeVersion === 1 || resp.ikeVersion === 1)) {
      return { code: 'psk-mismatch', reason: `${last}: pre-shared keys ${fp(ini)} and ${fp(resp)} differ (IKEv1 main mode fails without a notify)` };
    }
    return { code: 'peer-not-responding', reason: `${last}: ${resp.label} at ${resp.outsideAddress} did not answer ${ini.label}` };
  }
  return { code: 'ike-failed', reason: last || 'IKE negotiation failed' };
}

/** Classifies a BGP session that did not come up. */
export function classifyBgpFailure(states: readonly [BgpProtocolState | undefined, BgpProtocolState | undefined], halves: readonly [TunnelHalf, TunnelHalf]): { code: FailureCode; reason: string } {
  const [a, b] = halves;
  const text = states.map((s, i) => `${halves[i].label}: ${s?.state ?? 'no answer'}${s?.lastError || s?.info ? ` (${s?.lastError || s?.info})` : ''}`).join('; ');
  if (/Bad peer AS/i.test(text)) {
    return { code: 'bgp-peer-as', reason: `Bad peer AS: ${a.label} expects AS ${a.bgp?.peerAsn} and is AS ${a.bgp?.localAsn}; ${b.label} expects AS ${b.bgp?.peerAsn} and is AS ${b.bgp?.localAsn}` };
  }
  if (a.bgp?.passive && b.bgp?.passive) return { code: 'bgp-both-passive', reason: 'both ends wait for the other to open the BGP session (passive)' };
  if (a.inside && b.inside && (a.inside.address !== b.inside.peerAddress || b.inside.address !== a.inside.peerAddress)) {
    return { code: 'bgp-inside-address', reason: `inside addresses do not pair: ${a.label} is ${a.inside.address} expecting ${a.inside.peerAddress}; ${b.label} is ${b.inside.address} expecting ${b.inside.peerAddress} (BGP ${text})` };
  }
  return { code: 'bgp-failed', reason: `BGP not Established: ${text}` };
}
