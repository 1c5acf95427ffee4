import type { Locator, Page } from "@playwright/test";
import { assert } from "./test.js";

/** What the focused element looks like: whether a focus ring is drawn and whether it is inside the viewport. */
export async function focusState(page: Page): Promise<{ ok: boolean; what: string; atBody: boolean; key: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { focusKey?: string }) | null;
    // Past the page's last control, Tab goes to the browser's own toolbar (the page sees <body>), then wraps round.
    if (!el || el === document.body) return { ok: true, what: "the browser's toolbar", atBody: true, key: "" };
    el.focusKey ??= String(Math.random()); // to see when Tab has come back round
    // A hidden radio or checkbox (the RU/EN switch, switches) draws its ring on its label.
    const drawn = [el, ...Array.from((el as HTMLInputElement).labels ?? [])];
    const ringed = drawn.find((node) => {
      const style = getComputedStyle(node);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const size = node.getBoundingClientRect();
      return (outline || (style.boxShadow !== "none" && style.boxShadow !== "")) && size.width > 1 && size.height > 1;
    });
    const box = (ringed ?? el).getBoundingClientRect();
    const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight;
    const what = `<${el.tagName.toLowerCase()}> "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    return { ok: ringed !== undefined && onScreen, what, atBody: false, key: el.focusKey };
  });
}

/** Tabs until `target` has focus, checking every stop on the way for a visible focus ring. */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  const handle = await target.elementHandle();
  assert(handle, "the element to reach by Tab is on the page");
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const state = await focusState(page);
    assert(state.ok, `focus is not visible on ${state.what} (Tab ${i + 1})`);
    if (await handle.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
  }
  throw new Error(`${limit} Tabs did not reach the element`);
}
