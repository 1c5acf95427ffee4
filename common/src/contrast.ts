/**
 * WCAG 2.1 colour contrast (success criteria 1.4.3 and 1.4.6): relative luminance, contrast ratio, and the text
 * colour a coloured badge needs. Admins choose status and stage colours freely; the badge keeps their hue and picks
 * dark or light text, or shifts the shade when neither text colour would be readable on it.
 */

export const MIN_CONTRAST = 4.5; // normal text, level AA
export const MIN_CONTRAST_LARGE = 3; // 18.66px bold or 24px regular and larger, level AA

/** The badge's text colours: the interface's dark text and white. */
export const DARK_TEXT = "#1a1b1e";
export const LIGHT_TEXT = "#ffffff";

type Rgb = [number, number, number];

export function parseHex(color: string): Rgb | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join("") : match[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/** Relative luminance as WCAG defines it: 0 for black, 1 for white. */
export function relativeLuminance(color: string): number {
  const rgb = parseHex(color);
  if (!rgb) throw new Error(`not a #rrggbb colour: ${color}`);
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function rgbToHsl([r, g, b]: Rgb): Rgb {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  return [h * 60, s, l];
}

function hslToRgb([h, s, l]: Rgb): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/** The same hue and saturation at another lightness (0–1). */
function withLightness(color: string, lightness: number): string {
  const [h, s] = rgbToHsl(parseHex(color)!);
  return toHex(hslToRgb([h, s, lightness]));
}

export interface BadgeColors {
  /** The colour to paint: the chosen one, or the nearest shade of its hue on which the text is readable. */
  background: string;
  text: typeof DARK_TEXT | typeof LIGHT_TEXT;
  contrast: number;
  /** The shade was changed to reach the minimum contrast. */
  adjusted: boolean;
  /** False when no shade of the hue reaches the minimum (or the colour is not #rrggbb); the editor warns. */
  readable: boolean;
}

function bestText(background: string): { text: BadgeColors["text"]; contrast: number } {
  const dark = contrastRatio(background, DARK_TEXT);
  const light = contrastRatio(background, LIGHT_TEXT);
  return light >= dark ? { text: LIGHT_TEXT, contrast: light } : { text: DARK_TEXT, contrast: dark };
}

/**
 * The readable colours for a badge painted in `color`: the text colour (dark or light) with the higher contrast;
 * when neither reaches `minimum`, the closest lighter or darker shade of the same hue where one does.
 */
export function badgeColors(color: string, minimum = MIN_CONTRAST): BadgeColors {
  const rgb = parseHex(color);
  if (!rgb) return { background: color, text: DARK_TEXT, contrast: 1, adjusted: false, readable: false };
  const chosen = toHex(rgb);
  const best = bestText(chosen);
  if (best.contrast >= minimum) return { background: chosen, ...best, adjusted: false, readable: true };

  const lightness = rgbToHsl(rgb)[2];
  const candidates: BadgeColors[] = [];
  // Darker shades with light text, lighter shades with dark text: the first of each that is readable.
  for (const [text, step] of [
    [LIGHT_TEXT, -0.005],
    [DARK_TEXT, 0.005],
  ] as const) {
    for (let l = lightness + step; l >= 0 && l <= 1; l += step) {
      const background = withLightness(chosen, l);
      const contrast = contrastRatio(background, text);
      if (contrast >= minimum) {
        candidates.push({ background, text, contrast, adjusted: true, readable: true });
        break;
      }
    }
  }
  const distance = (c: BadgeColors) => Math.abs(rgbToHsl(parseHex(c.background)!)[2] - lightness);
  const nearest = candidates.sort((a, b) => distance(a) - distance(b))[0];
  return nearest ?? { background: chosen, ...best, adjusted: false, readable: false };
}

/**
 * `color` as text on `background`: itself when it reaches `minimum`, else the nearest shade of its hue (darker on a
 * light background, lighter on a dark one) that does. Used for the theme's tinted texts (links, light buttons, alerts).
 */
export function shadeForContrast(color: string, background: string, minimum = MIN_CONTRAST): string {
  const rgb = parseHex(color);
  if (!rgb || !parseHex(background)) throw new Error(`not #rrggbb colours: ${color}, ${background}`);
  const chosen = toHex(rgb);
  if (contrastRatio(chosen, background) >= minimum) return chosen;
  const step = relativeLuminance(background) > 0.179 ? -0.005 : 0.005;
  for (let l = rgbToHsl(rgb)[2] + step; l >= 0 && l <= 1; l += step) {
    const shade = withLightness(chosen, l);
    if (contrastRatio(shade, background) >= minimum) return shade;
  }
  return step < 0 ? "#000000" : "#ffffff";
}

/** `color` at `opacity` over an opaque `background`, as the eye sees it. */
export function blend(color: string, opacity: number, background: string): string {
  const top = parseHex(color);
  const bottom = parseHex(background);
  if (!top || !bottom) throw new Error(`not #rrggbb colours: ${color}, ${background}`);
  return toHex(top.map((v, i) => v * opacity + bottom[i]! * (1 - opacity)) as Rgb);
}
