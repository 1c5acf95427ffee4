/** Whether a person may move an item from `from` to the stage `to` (robots and approvals are not asked). */
export function personMayMove(from: { next?: string[] } | undefined, to: string): boolean {
  return !from?.next || from.next.includes(to);
}
