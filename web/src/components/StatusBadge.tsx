import { Badge } from "@mantine/core";

/** A document status or process stage in its own colour. */
export function StatusBadge({ name, color, size = "md" }: { name: string; color: string; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={color} autoContrast size={size} variant="filled" radius="sm" data-testid="status-badge">
      {name}
    </Badge>
  );
}
