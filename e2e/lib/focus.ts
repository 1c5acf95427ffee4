import type { Locator, Page } from "@playwright/test";
import { assert } from "./test.js";

/** What the focused element looks like: whether a focus ring is drawn and whether it is inside the viewport. */
export async function focusState(page: Page): Promise<{ ok: boolean; what: string; atBody: boolean; key: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { focusKey?: string }) | null;
    // Past the page's last control, Tab goes to the browser's own toolbar (the page sees <body>), then wraps round.
    if (!el || el === document.body) return { ok: true, what: "the browser's toolbar", atBody: true, key: "" };
    el.focusKey ??= String(Math.random()); // to see when Tab has come back round
    // A hidden radio or checkbox draws its ring on its label (the RU/EN switch) or on the track after it (a switch);
    // the typing field of a multi-value input on the field's box.
    const drawn = [el, ...Array.from((el as HTMLInputElement).labels ?? [])];
    if (el.matches("input.mantine-Switch-input") && el.nextElementSibling)
      drawn.push(el.nextElementSibling as HTMLElement);
    const box = el.matches(".mantine-PillsInputField-field") ? el.closest<HTMLElement>(".mantine-Input-input") : null;
    if (box) drawn.push(box);
    const ringed = drawn.find((node) => {
      const style = getComputedStyle(node);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const size = node.getBoundingClientRect();
      return (outline || (style.boxShadow !== "none" && style.boxShadow !== "")) && size.width > 1 && size.height > 1;
    });
    const rect = (ringed ?? el).getBoundingClientRect();
    const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight;
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

/**
 * Tabs through the page (or the open dialog, which keeps focus inside) from the top, up to `limit` stops or until
 * focus leaves the page or comes back round; returns each stop where no focus ring was visible.
 */
export async function stopsWithoutRing(page: Page, limit: number): Promise<string[]> {
  const missing: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const state = await focusState(page);
    if (state.atBody || seen.has(state.key)) break;
    seen.add(state.key);
    if (!state.ok) missing.push(`${state.what} (Tab ${i + 1})`);
  }
  return missing;
}
