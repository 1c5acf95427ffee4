import { Group, Loader, Stack, Text } from "@mantine/core";
import { getDocument, GlobalWorkerOptions, VerbosityLevel } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

GlobalWorkerOptions.workerSrc = workerUrl;

const MAX_PAGES = 5;
const PDFJS_BASE = new URL("/pdfjs/", window.location.origin).href;

/**
 * Renders the first pages of a PDF into canvases with pdf.js. The file routes answer under a sandboxing CSP
 * (stored files must never run as our origin), so the browser's own viewer cannot frame them; reading the bytes
 * and drawing them ourselves needs no exception. Loaded lazily: only cards with a preview pay for it.
 */
export default function PdfPreview({ url }: { url: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [pageCount, setPageCount] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const target = container.current;
    const render = async () => {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const pdf = await getDocument({
        data: new Uint8Array(await response.arrayBuffer()),
        isEvalSupported: false,
        verbosity: VerbosityLevel.ERRORS,
        // Served from pdfjs-dist by web/vite.config.ts: without them scans in JPEG 2000 or JBIG2, PDFs with predefined
        // CMaps or unembedded standard fonts draw blank.
        cMapUrl: `${PDFJS_BASE}cmaps/`,
        cMapPacked: true,
        standardFontDataUrl: `${PDFJS_BASE}standard_fonts/`,
        wasmUrl: `${PDFJS_BASE}wasm/`,
        iccUrl: `${PDFJS_BASE}iccs/`,
      }).promise;
      if (cancelled || !target) return;
      setPageCount(pdf.numPages);
      target.replaceChildren();
      const width = target.clientWidth || 600;
      for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES) && !cancelled; n++) {
        const page = await pdf.getPage(n);
        const scale = width / page.getViewport({ scale: 1 }).width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        const canvas = document.createElement("canvas");
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.style.width = "100%";
        canvas.style.border = "1px solid var(--mantine-color-gray-3)";
        canvas.setAttribute("aria-label", t("documents.previewPage", { page: n }));
        target.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      await pdf.destroy();
      if (!cancelled) setState("ready");
    };
    render().catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, [url, t]);

  return (
    <Stack gap="xs">
      {state === "loading" && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {t("common.loading")}
          </Text>
        </Group>
      )}
      {state === "failed" && <Text c="dimmed">{t("documents.previewFailed")}</Text>}
      <Stack gap="xs" ref={container} data-testid="pdf-preview" />
      {state === "ready" && pageCount > MAX_PAGES && (
        <Text size="sm" c="dimmed">
          {t("documents.previewMore", { shown: MAX_PAGES, total: pageCount })}
        </Text>
      )}
    </Stack>
  );
}
