import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";

export type MissingThing = "page" | "document" | "item" | "company";

/** Says plainly that the address leads nowhere (an unknown path or a record that does not exist) and offers a way back. */
export function NotFound({ what = "page" }: { what?: MissingThing }) {
  const { t } = useTranslation();
  return (
    <Center mih="50vh">
      <Stack align="center" gap="sm" maw={520} data-testid="not-found">
        <Text size="3rem" fw={700} c="dimmed" aria-hidden>
          404
        </Text>
        <Title order={1} size="h2" ta="center">
          {t(`notFound.${what}Title`)}
        </Title>
        <Text ta="center" c="dimmed">
          {t(`notFound.${what}Text`)}
        </Text>
        <Button component={Link} to="/">
          {t("notFound.home")}
        </Button>
      </Stack>
    </Center>
  );
}

/** A record page's error: "not found" for a 404 (also a malformed id, which the server answers 404 or 400), else the alert. */
export function RecordError({ error, what }: { error: unknown; what: Exclude<MissingThing, "page"> }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFound what={what} />;
  return <ErrorAlert error={error} />;
}

export default function NotFoundPage() {
  return <NotFound />;
}
