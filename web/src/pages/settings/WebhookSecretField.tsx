import { ActionIcon, CopyButton, Text, TextInput, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useWebhookSecret } from "../../api/processes";

/**
 * The installation's webhook signing key, for whoever sets up the receiving end: each delivery carries
 * `X-Docket-Signature: sha256=<HMAC-SHA256 of the body under this key>`. Robots are edited by admins only.
 */
export function WebhookSecretField() {
  const { t } = useTranslation();
  const query = useWebhookSecret(true);
  if (!query.data) return null;
  if (query.data.secret === null)
    return (
      <Text size="sm" c="dimmed" data-testid="webhook-secret-env">
        {t("robots.webhookSecretFromEnvironment")}
      </Text>
    );
  const secret = query.data.secret;
  return (
    <TextInput
      label={t("robots.webhookSecret")}
      description={t("robots.webhookSecretHint")}
      value={secret}
      readOnly
      data-testid="webhook-secret"
      styles={{ input: { fontFamily: "monospace" } }}
      rightSection={
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t("robots.webhookSecretCopied") : t("robots.webhookSecretCopy")} withArrow>
              <ActionIcon
                variant="subtle"
                color={copied ? "teal" : "gray"}
                onClick={copy}
                aria-label={t("robots.webhookSecretCopy")}
              >
                {copied ? "✓" : "⧉"}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      }
    />
  );
}
