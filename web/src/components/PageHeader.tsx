import { Group, Title, type GroupProps } from "@mantine/core";
import type { ReactNode } from "react";

/** A page's heading, its one h1, with the page's actions on the right. */
export function PageHeader({ title, children, ...group }: GroupProps & { title: ReactNode }) {
  return (
    <Group justify="space-between" {...group}>
      <Title order={1} size="h2">
        {title}
      </Title>
      {children}
    </Group>
  );
}
