export interface TestCase {
  name: string;
  fn: () => Promise<void>;
}

let current: TestCase[] | null = null;

/** Declares a step of the spec being loaded; steps run in order. */
export function test(name: string, fn: () => Promise<void>): void {
  if (!current) throw new Error("test() called outside a spec file being loaded");
  current.push({ name, fn });
}

export async function collectTests(load: () => Promise<unknown>): Promise<TestCase[]> {
  current = [];
  try {
    await load();
    return current;
  } finally {
    current = null;
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
