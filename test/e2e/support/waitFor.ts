/** Re-reads until `accept` holds (returns the last value either way, so the caller's assert shows it). */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}
