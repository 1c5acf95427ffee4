import type { Locator, Page } from "@playwright/test";

export function column(page: Page, stageCode: string): Locator {
  return page.locator(`[data-testid="kanban-column"][data-stage="${stageCode}"]`);
}

export function card(page: Page, title: string): Locator {
  return page.getByTestId("kanban-card").filter({ hasText: title });
}

/** A real pointer drag: press on the card, move in steps past the activation distance, release over the column. */
export async function dragCardTo(page: Page, title: string, stageCode: string): Promise<void> {
  const from = await card(page, title).boundingBox();
  const to = await column(page, stageCode).boundingBox();
  if (!from || !to) throw new Error(`card "${title}" or column ${stageCode} is not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + 24, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
  await page.mouse.up();
}
