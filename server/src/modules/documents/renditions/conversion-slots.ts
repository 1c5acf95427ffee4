/**
 * Bounds how many heavy conversions (LibreOffice, OCR) run at once in this process: each takes a core and up to
 * its memory cap, and a burst of uploads must not start twenty of them on a two-core machine.
 */
export class ConversionSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

let shared: ConversionSlots | undefined;

export function conversionSlots(size: number): ConversionSlots {
  if (!shared || shared.size !== size) shared = new ConversionSlots(size);
  return shared;
}
