/** A stored status in words for people: "rolledBack" → "rolled back", "running" stays "running". */
export function statusWords(status: string): string {
  return status.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
