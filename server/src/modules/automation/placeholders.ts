export interface MessageValues {
  "item.title": string;
  "item.stage": string;
  "document.number": string;
  "document.title": string;
  /** «title», its documents' numbers and the company, whichever are known: names the case in one phrase. */
  "item.summary": string;
  "company.name": string;
  "responsible.name": string;
  "initiator.name": string;
}

/** Fills `{{item.title}}` and friends; an unknown placeholder stays as written, so a typo is visible. */
export function renderMessage(template: string, values: MessageValues): string {
  return template.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (whole, name: string) =>
    name in values ? values[name as keyof MessageValues] : whole,
  );
}
