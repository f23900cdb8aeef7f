// The kind of change a row carries in a changelog stream, spelled as Flink prints it.

export type RowKind = '+I' | '-U' | '+U' | '-D';

export const ROW_KINDS: readonly RowKind[] = ['+I', '-U', '+U', '-D'];

/** True for kinds that add a row to the result (+I, +U); false for those that retract one. */
export function isAccumulate(kind: RowKind): boolean {
  return kind === '+I' || kind === '+U';
}
