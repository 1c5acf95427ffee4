import { badgeColors } from "@docket/common/contrast";
import { Badge, type BadgeProps } from "@mantine/core";
import type { CSSProperties } from "react";

/** Paints a badge in an admin-chosen colour with readable text: dark or light by contrast, the shade shifted only when
 * neither reaches 4.5:1 (WCAG 2.1 AA). */
export function colourBadgeStyle(color: string): CSSProperties {
  const { background, text } = badgeColors(color);
  return { "--badge-bg": background, "--badge-color": text, "--badge-bd": "none" } as CSSProperties;
}

/** A document status or process stage in its own colour. */
export function StatusBadge({ name, color, size = "md" }: { name: string; color: string; size?: BadgeProps["size"] }) {
  return (
    <Badge size={size} variant="filled" radius="sm" style={colourBadgeStyle(color)} data-testid="status-badge">
      {name}
    </Badge>
  );
}
