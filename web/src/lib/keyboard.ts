import type { MouseEvent } from "react";

/**
 * A table row that opens its record when clicked anywhere. Only for the mouse: the row is not focusable and has no
 * role, so it nests no controls; keyboard and screen-reader users follow the link in its first cell. A click on
 * another link or control inside the row is left to that control.
 */
export function onRowClick(action: () => void) {
  return (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest("a, button, input, [role='button']")) return;
    action();
  };
}
