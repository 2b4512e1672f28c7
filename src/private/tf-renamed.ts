/**
 * Renamed props of the cdktf constructs (Azure, Alibaba Cloud): the props under their new names,
 * and a synthesis warning (cdktf `Annotations`) for every old name used. cdktf has no
 * deprecation annotation of its own; its CLI prints warnings at `cdktf synth`.
 * @internal
 */
import type { IConstruct } from 'constructs';
import { Annotations } from './cdktf';
import { ObjectShape, renamedPropMessage, withRenamedProps } from './props';

/** `props` under the new names of its renamed props, warning on `scope` for each old name given. */
export function currentTfProps<T extends object>(scope: IConstruct, props: T, shape: ObjectShape, type: string): T {
  const { props: current, deprecated } = withRenamedProps(props, shape);
  for (const d of deprecated) Annotations.of(scope).addWarning(`[deprecated] ${type}#${d.old}: ${renamedPropMessage(d)}`);
  return current;
}
