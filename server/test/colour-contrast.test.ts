import {
  badgeColors,
  blend,
  contrastRatio,
  DARK_TEXT,
  LIGHT_TEXT,
  MIN_CONTRAST,
  relativeLuminance,
  shadeForContrast,
} from "@docket/common";
import { describe, expect, it } from "vitest";

/** Hue of a #rrggbb colour in degrees, to check that an adjusted shade keeps the admin's colour. */
function hue(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe("WCAG relative luminance and contrast", () => {
  it("matches the definition's fixed points", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 10);
    expect(relativeLuminance("#fff")).toBeCloseTo(1, 10);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });

  it("agrees with published reference ratios", () => {
    // Figures as WebAIM's contrast checker and axe-core report them.
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#868e96", "#ffffff")).toBeCloseTo(3.32, 2);
    expect(contrastRatio("#4c6ef5", "#ffffff")).toBeCloseTo(4.32, 2);
    expect(contrastRatio("#ffffff", "#4c6ef5")).toBe(contrastRatio("#4c6ef5", "#ffffff"));
  });

  it("blends a translucent tint over its background", () => {
    expect(blend("#000000", 0.5, "#ffffff")).toBe("#808080");
    expect(blend("#3b5bdb", 0, "#f8f9fa")).toBe("#f8f9fa");
  });
});

describe("badge colours for admin-chosen statuses and stages", () => {
  it("puts dark text on yellow and orange, the badges that used to carry white text", () => {
    for (const color of ["#fab005", "#fd7e14", "#ffd43b"]) {
      const badge = badgeColors(color);
      expect(badge).toMatchObject({ background: color, text: DARK_TEXT, adjusted: false, readable: true });
      expect(badge.contrast).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });

  it("puts white text on dark colours and keeps the colour as chosen", () => {
    for (const color of ["#7048e8", "#364fc7", "#000000", "#c92a2a"]) {
      expect(badgeColors(color)).toMatchObject({ background: color, text: LIGHT_TEXT, adjusted: false });
    }
  });

  it("keeps #2f9e44 (the mission's 'signed') as it is, with dark text", () => {
    expect(badgeColors("#2f9e44")).toMatchObject({ background: "#2f9e44", text: DARK_TEXT, adjusted: false });
  });

  it("shifts a mid-tone on which neither text colour reaches 4.5:1 to the nearest readable shade of the same hue", () => {
    const chosen = "#be4bdb";
    expect(contrastRatio(chosen, DARK_TEXT)).toBeLessThan(MIN_CONTRAST);
    expect(contrastRatio(chosen, LIGHT_TEXT)).toBeLessThan(MIN_CONTRAST);
    const badge = badgeColors(chosen);
    expect(badge.adjusted).toBe(true);
    expect(badge.readable).toBe(true);
    expect(badge.background).not.toBe(chosen);
    expect(contrastRatio(badge.background, badge.text)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(Math.abs(hue(badge.background) - hue(chosen))).toBeLessThan(3);
  });

  it("finds a readable shade for every colour of a sweep of hues and lightnesses", () => {
    for (let r = 0; r < 256; r += 51) {
      for (let g = 0; g < 256; g += 51) {
        for (let b = 0; b < 256; b += 51) {
          const color = `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
          const badge = badgeColors(color);
          expect(badge.readable, color).toBe(true);
          expect(contrastRatio(badge.background, badge.text), color).toBeGreaterThanOrEqual(MIN_CONTRAST);
        }
      }
    }
  });

  it("meets a stricter minimum when asked (3:1 for large text, 7:1 for AAA)", () => {
    expect(badgeColors("#be4bdb", 3).adjusted).toBe(false);
    const aaa = badgeColors("#e03131", 7);
    expect(aaa.adjusted).toBe(true);
    expect(aaa.contrast).toBeGreaterThanOrEqual(7);
  });

  it("calls a value that is not a colour unreadable instead of throwing", () => {
    expect(badgeColors("red")).toMatchObject({ readable: false, adjusted: false });
    expect(badgeColors("#12")).toMatchObject({ readable: false });
  });
});

describe("tinted text shades for the theme", () => {
  it("darkens a light tint's text until it reads on the tint, keeping its hue", () => {
    const tint = blend("#2f9e44", 0.12, "#f8f9fa");
    const text = shadeForContrast("#2f9e44", tint);
    expect(contrastRatio(text, tint)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(Math.abs(hue(text) - hue("#2f9e44"))).toBeLessThan(3);
  });

  it("leaves a colour that already reads alone", () => {
    expect(shadeForContrast("#364fc7", "#ffffff")).toBe("#364fc7");
  });
});
