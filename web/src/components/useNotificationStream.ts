import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { AppNotification } from "../api/types";

/**
 * Listens to `GET /api/notifications/stream` (SSE) for the whole signed-in session: each event refreshes the
 * bell's count and the lists it may affect, and shows a toast. A closed stream is reopened after a pause.
 */
export function useNotificationStream(): void {
  const client = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const onEvent = (event: MessageEvent<string>) => {
      let text = "";
      try {
        text = (JSON.parse(event.data) as Partial<AppNotification>).text ?? "";
      } catch {
        text = "";
      }
      if (text) notifications.show({ message: text, color: "indigo", autoClose: 6000 });
      void client.invalidateQueries({ queryKey: ["notifications"] });
      void client.invalidateQueries({ queryKey: ["approvals"] });
      void client.invalidateQueries({ queryKey: ["items"] });
      void client.invalidateQueries({ queryKey: ["item"] });
      void client.invalidateQueries({ queryKey: ["documents"] });
      void client.invalidateQueries({ queryKey: ["document"] });
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource("/api/notifications/stream");
      source.onmessage = onEvent;
      source.addEventListener("notification", onEvent);
      // After a reconnect anything missed meanwhile is fetched again.
      source.onopen = () => void client.invalidateQueries({ queryKey: ["notifications"] });
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(open, 15_000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [client]);
}
