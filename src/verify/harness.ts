/**
 * The namespace lab: brings paired tunnel halves up between real strongSwan (charon with
 * kernel-libipsec) and BIRD daemons, each half in its own network namespace, and checks every
 * tunnel: IKE SA, CHILD SA (and one CHILD rekey, which is where PFS is negotiated), BGP with the
 * expected ASNs and prefixes, and a host-to-host ping that crosses ESP.
 *
 * The lab's parts live in `lab/`: `host.ts` (prerequisites, run ids, records, stale cleanup),
 * `lab.ts` (one lab's namespaces, links, daemons and cleanup), `negotiate.ts` (IKE, CHILD,
 * rekey, BGP), `ping.ts` (the data plane), `classify.ts` (why a negotiation failed),
 * `failover.ts` (one tunnel of a pair dies under traffic), `change.ts` (a change applied step by
 * step under traffic), `control.ts` (VICI and BIRD's control socket spoken in-process) and
 * `launch.ts` (a batch of daemons started through one launcher shell). This module runs the checks and re-exports the lab's public names.
 * @internal
 */
import { FAST_RETRANSMITS } from './daemon-config';
import { mapLimit } from './exec';
import type { LabSiteSpec, LabTunnelSpec } from './lab-plan';
import { LabOptions, LabRun, TunnelOutcome, openLab, scaledTimers } from './lab/lab';
import { negotiate } from './lab/negotiate';
import { pingAll } from './lab/ping';

export { classifyBgpFailure, classifyIkeFailure } from './lab/classify';
export { FailoverOptions, runFailover } from './lab/failover';
export {
  LabInfo, LabRecord, StaleCleanup, StaleCleanupOptions, claimRunId, cleanupStaleLabs, isLabDaemon, labPrerequisites, labPrerequisitesSync, labRecordDir, labsCreated,
} from './lab/host';
export type { LabOptions, LabRun, TunnelOutcome } from './lab/lab';

/** Brings every tunnel up and checks it; always cleans up. */
export async function runLab(sites: readonly LabSiteSpec[], tunnels: readonly LabTunnelSpec[], opts: LabOptions = {}): Promise<LabRun> {
  const started = Date.now();
  const lab = openLab(sites, tunnels, opts);
  const plan = lab.plan;
  try {
    const phase = phaseTimer(started);
    await lab.buildNetwork();
    phase('network');
    const decisions = new Map<string, { initiates: boolean; createsChildren: boolean }>();
    for (const t of tunnels) {
      for (const side of [0, 1] as const) {
        const e = plan.endpoints.find((x) => x.tunnel === t.id && x.side === side)!;
        decisions.set(e.name, { initiates: t.initiator === side, createsChildren: t.rekeyer === side });
      }
    }
    await lab.startDaemons(decisions, () => FAST_RETRANSMITS, (h) => scaledTimers(h, 1), 1, false);
    phase('charons started');
    const charonProblems = await lab.readyCharons();
    lab.sampleMemory();
    phase('charons ready + loaded');
    const outcomes = new Map<string, TunnelOutcome>();
    await mapLimit(tunnels, 16, async (t) => {
      const o = await negotiate(lab, t, charonProblems, opts.bgpDeadlineMs ?? 10000);
      outcomes.set(t.id, o);
      if (o.failure) opts.onTunnel?.(t.id, o);
    });
    phase('IKE/CHILD/rekey/BGP');
    lab.sampleMemory();
    await pingAll(lab, tunnels, outcomes, (id) => opts.onTunnel?.(id, outcomes.get(id)!));
    lab.sampleMemory();
    phase('pings');
    const outside = await lab.outsideCounters();
    if (outside && outside.plainIcmp > 0) {
      for (const [id, o] of outcomes) if (o.ping?.ok) outcomes.set(id, { ...o, notes: [...o.notes, `the outside saw ${outside.plainIcmp} plain ICMP packet(s)`] });
    }
    return {
      outcomes, namespaces: plan.namespaces.length, daemons: lab.daemonCount,
      peakRssKb: lab.peakRssKb, peakPssKb: lab.peakPssKb, seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await lab.cleanup();
    if (process.env.CCVPN_VERIFY_TIMING) process.stderr.write(`[verify timing] cleanup done at ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
  }
}

/** Phase timings on stderr with CCVPN_VERIFY_TIMING=1. */
function phaseTimer(started: number): (name: string) => void {
  let last = started;
  return (name) => {
    if (!process.env.CCVPN_VERIFY_TIMING) return;
    const now = Date.now();
    process.stderr.write(`[verify timing] ${name}: +${((now - last) / 1000).toFixed(2)} s (at ${((now - started) / 1000).toFixed(2)} s)\n`);
    last = now;
  };
}
