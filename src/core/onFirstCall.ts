// Builds a client on its first use instead of at activation. The build ships a service's clients (and the
// HTTP stack under them) in dist/features.js, loaded when first needed (test/build/build.js LAZY_SOURCES);
// activation constructs only these stand-ins, so it never loads that file.

/** `build()` on the first call, the same value after. */
export function onFirstCall<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** The names of T's methods (each required one must be listed: the type checker keeps the list complete). */
export type MethodList<T> = { [K in keyof T as T[K] extends ((...args: never[]) => unknown) | undefined ? K : never]: true };

/**
 * A stand-in with T's `methods`, each handing its call to the real client, which `build` makes on the first
 * call. Reading a property of the stand-in never builds it.
 */
export function deferredMethods<T>(build: () => T, methods: MethodList<T>): T {
  const real = onFirstCall(build);
  const standIn: Record<string, unknown> = {};
  for (const name of Object.keys(methods)) {
    standIn[name] = (...args: unknown[]) => (real() as Record<string, (...args: unknown[]) => unknown>)[name](...args);
  }
  return standIn as T;
}
