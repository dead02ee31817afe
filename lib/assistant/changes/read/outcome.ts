/**
 * What one kind of change makes of a clause: its canonical command, `null` when the clause is of this kind but is
 * left to the grammar (nothing is read), or `undefined` when it is not of this kind (the next kind is tried).
 */
export type Outcome = string | null | undefined;
