/** `text` with `address` in it, in any case, as `<recipient>`: the ledger and a run's stop reason hold no address. */
export function redactAddress(text: string, address: string): string {
  return address ? text.replace(new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '<recipient>') : text;
}
