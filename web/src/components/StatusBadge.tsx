import { badgeColors } from "@docket/common/contrast";
import { Badge, Group, type BadgeProps } from "@mantine/core";
import type { CSSProperties } from "react";

/** Paints a badge in an admin-chosen colour with readable text: dark or light by contrast, the shade shifted only when
 * neither reaches 4.5:1 (WCAG 2.1 AA). */
export function colourBadgeStyle(color: string): CSSProperties {
  const { background, text } = badgeColors(color);
  return { "--badge-bg": background, "--badge-color": text, "--badge-bd": "none" } as CSSProperties;
}

/** Long names wrap between words instead of being cut to "НА СО…" when a column is narrow. */
const wrapping = {
  root: { height: "auto", minHeight: "var(--badge-height)", maxWidth: "100%", paddingBlock: 2 },
  label: { whiteSpace: "normal", overflow: "visible", overflowWrap: "break-word", lineHeight: 1.3 },
} as const;

/** A document status or process stage in its own colour. */
export function StatusBadge({ name, color, size = "md" }: { name: string; color: string; size?: BadgeProps["size"] }) {
  return (
    <Badge
      size={size}
      variant="filled"
      radius="sm"
      style={colourBadgeStyle(color)}
      styles={wrapping}
      title={name}
      data-testid="status-badge"
    >
      {name}
    </Badge>
  );
}

/** A type's statuses or a process's stages, in their order, as small badges. */
export function StatusBadges({ statuses }: { statuses: { code: string; name: string; color: string }[] }) {
  return (
    <Group gap={4}>
      {statuses.map((s) => (
        <StatusBadge key={s.code} name={s.name} color={s.color} size="sm" />
      ))}
    </Group>
  );
}
