"""Product and producer pictures drawn with Pillow, so the demo needs no downloads."""

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from storefront.text import fold

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
]


def _font(size):
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size), True
    # Pillow's bundled font may lack Vietnamese diacritics: fall back to folded text.
    return ImageFont.load_default(size=size), False


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def draw_product(title, colours, variant=0, size=800):
    """A packshot-like card: coloured background, a jar/box shape, the product name."""
    bg, fg = colours
    rng = random.Random(f"{title}-{variant}")
    shade = tuple(max(0, min(255, c + rng.randint(-25, 25))) for c in bg)
    img = Image.new("RGB", (size, size), shade)
    draw = ImageDraw.Draw(img)
    # A simple "package": rounded box with a lid, in the group's ink colour.
    box_w, box_h = int(size * 0.42), int(size * 0.42)
    x0, y0 = (size - box_w) // 2, int(size * 0.14)
    draw.rounded_rectangle((x0, y0, x0 + box_w, y0 + box_h), radius=36, fill=fg)
    draw.rectangle((x0 + 30, y0 - 28, x0 + box_w - 30, y0 + 6), fill=fg)
    draw.ellipse(
        (x0 + box_w // 4, y0 + box_h // 4, x0 + 3 * box_w // 4, y0 + 3 * box_h // 4), fill=shade
    )
    font, unicode_ok = _font(int(size * 0.065))
    text = title if unicode_ok else fold(title)
    y = int(size * 0.64)
    for line in _wrap(draw, text, font, size * 0.86)[:3]:
        w = draw.textlength(line, font=font)
        draw.text(((size - w) / 2, y), line, fill=fg, font=font)
        y += int(size * 0.085)
    small, _ = _font(int(size * 0.04))
    draw.text(
        (int(size * 0.05), int(size * 0.93)),
        "OCOP · Chợ OCOP" if unicode_ok else "OCOP",
        fill=fg,
        font=small,
    )
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82)
    return buf.getvalue()


def draw_scene(title, colours, height=900):
    """A 16:9 picture for news and the home hero: the "package" and its name in the
    middle, so every crop the pages use (16:9 cards, 8:5 on a phone, 12:5 on a wide
    screen) keeps them. Returns (JPEG bytes, focal box (x, y, width, height))."""
    bg, fg = colours
    width = height * 16 // 9
    rng = random.Random(f"scene-{title}")
    shade = tuple(max(0, min(255, c + rng.randint(-25, 25))) for c in bg)
    img = Image.new("RGB", (width, height), shade)
    draw = ImageDraw.Draw(img)
    box = int(height * 0.36)
    x0, y0 = (width - box) // 2, int(height * 0.2)
    draw.rounded_rectangle((x0, y0, x0 + box, y0 + box), radius=max(4, box // 10), fill=fg)
    draw.rectangle((x0 + box // 10, y0 - box // 12, x0 + box - box // 10, y0 + 4), fill=fg)
    draw.ellipse((x0 + box // 4, y0 + box // 4, x0 + 3 * box // 4, y0 + 3 * box // 4), fill=shade)
    font, unicode_ok = _font(max(8, int(height * 0.07)))
    text = title if unicode_ok else fold(title)
    y = y0 + box + int(height * 0.05)
    lines = _wrap(draw, text, font, width * 0.6)[:2]
    text_w = max([draw.textlength(line, font=font) for line in lines] or [0])
    for line in lines:
        w = draw.textlength(line, font=font)
        draw.text(((width - w) / 2, y), line, fill=fg, font=font)
        y += int(height * 0.09)
    left = int(min(x0, (width - text_w) / 2))
    focal = (left, y0 - box // 12, int(width - 2 * left), int(y - y0 + box // 12))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82)
    return buf.getvalue(), focal
