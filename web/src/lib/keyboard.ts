import type { KeyboardEvent } from "react";

/** Enter or Space on a focusable row acts like a click. */
export function onActivate(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      action();
    }
  };
}
