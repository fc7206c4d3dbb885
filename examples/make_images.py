"""Write the tiny binary assets of the example Hugo site (examples/site/static/).

Standard library only: PNG through zlib + struct, a baseline JPEG and a GIF
encoded by hand, and PDFs with a computed cross-reference table. PNGs are a
solid colour with a stripe, the JPEG is one flat colour, the GIF has four
vertical bands, and each PDF shows one line of text; all stay far below 20 KB. Run from anywhere: ``python3 examples/make_images.py``.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "site" / "static"

Colour = tuple[int, int, int]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_bytes(width: int, height: int, base: Colour, stripe: Colour) -> bytes:
    """An RGB PNG: `base` everywhere, a horizontal band of `stripe` across the middle third."""
    rows = bytearray()
    for y in range(height):
        colour = stripe if height // 3 <= y < 2 * height // 3 else base
        rows.append(0)  # filter type: none
        rows.extend(bytes(colour) * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


def gif_bytes(width: int, height: int, palette: list[Colour]) -> bytes:
    """A GIF87a with a four-colour palette in vertical bands.

    The LZW stream sends every pixel as a literal 3-bit code and a clear code
    after every two pixels, so the decoder's table never grows past 3-bit codes.
    """
    assert len(palette) == 4
    pixels = [(x * 4) // width for _y in range(height) for x in range(width)]
    clear, end = 4, 5
    codes: list[int] = [clear]
    for i, p in enumerate(pixels):
        codes.append(p)
        if i % 2 == 1:
            codes.append(clear)
    codes.append(end)
    bits, nbits, packed = 0, 0, bytearray()
    for code in codes:
        bits |= code << nbits
        nbits += 3
        while nbits >= 8:
            packed.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8
    if nbits:
        packed.append(bits & 0xFF)
    blocks = bytearray()
    for i in range(0, len(packed), 255):
        chunk = packed[i : i + 255]
        blocks.append(len(chunk))
        blocks.extend(chunk)
    blocks.append(0)
    out = bytearray(b"GIF87a")
    out += struct.pack("<HHBBB", width, height, 0x81, 0, 0)  # global table, 4 entries
    for colour in palette:
        out += bytes(colour)
    out += b"," + struct.pack("<HHHHB", 0, 0, width, height, 0)
    out.append(2)  # LZW minimum code size
    out += blocks
    out += b";"
    return bytes(out)


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def write(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.acc, self.n = 0, 0

    def flush(self) -> bytes:
        while self.n:
            self.write(1, 1)
        return bytes(self.out)


def _category(value: int) -> int:
    return abs(value).bit_length()


def _magnitude_bits(value: int) -> int:
    return value if value >= 0 else value + (1 << _category(value)) - 1


def jpeg_bytes(width: int, height: int, colour: Colour) -> bytes:
    """A baseline YCbCr JPEG of one flat colour (width and height multiples of 8).

    Quantisation is 1 everywhere, every block has only a DC term, and the DC
    prediction makes every block after the first a zero difference. One small
    Huffman table holds the few DC categories used; the AC table holds only EOB.
    """
    assert width % 8 == 0 and height % 8 == 0
    r, g, b = colour
    ycc = (
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
    )
    dcs = [round(8 * (c - 128)) for c in ycc]
    categories = sorted({0, *(_category(v) for v in dcs)})
    dc_codes = {cat: (i, 3) for i, cat in enumerate(categories)}  # 3-bit codes 000..
    dc_counts = [0, 0, len(categories)] + [0] * 13
    eob = (0, 1)

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    out = bytearray(b"\xff\xd8")
    out += segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += segment(0xDB, b"\x00" + b"\x01" * 64)
    out += segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00")
    out += segment(0xC4, b"\x00" + bytes(dc_counts) + bytes(categories))
    out += segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
    out += segment(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00")
    writer = _BitWriter()
    previous = [0, 0, 0]
    for _block in range((width // 8) * (height // 8)):
        for comp in range(3):
            diff = dcs[comp] - previous[comp]
            previous[comp] = dcs[comp]
            cat = _category(diff)
            writer.write(*dc_codes[cat])
            if cat:
                writer.write(_magnitude_bits(diff), cat)
            writer.write(*eob)
    out += writer.flush()
    out += b"\xff\xd9"
    return bytes(out)


def pdf_bytes(title: str, line: str) -> bytes:
    """A one-page PDF 1.4 showing `line` in Helvetica, with a correct xref table."""
    text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + title.encode("latin-1") + b") /Producer (examples/make_images.py) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


TEAL, NAVY, ORANGE, CREAM = (20, 140, 140), (25, 40, 90), (230, 120, 30), (250, 240, 220)
PINK, GREY, GREEN, WHITE = (200, 60, 120), (120, 120, 120), (60, 150, 70), (255, 255, 255)

PNGS: dict[str, tuple[int, int, Colour, Colour]] = {
    "img/logo.png": (240, 60, NAVY, PINK),
    "img/logo-small.png": (60, 60, NAVY, PINK),
    "img/sharing-default.png": (200, 120, PINK, WHITE),
    "img/open-access-seal.png": (120, 120, GREEN, WHITE),
    "img/about/members-by-region.png": (200, 120, TEAL, CREAM),
    "img/about/members-by-sector.png": (200, 120, NAVY, CREAM),
    "img/about/communities-venn.png": (200, 120, ORANGE, CREAM),
    "img/about/world-map.png": (240, 120, (90, 160, 210), GREEN),
    "img/blog/blog-placeholder.png": (200, 120, GREY, WHITE),
    "img/blog/iq-banner.png": (200, 120, NAVY, ORANGE),
    "img/blog/iq-cover-1977.png": (80, 120, CREAM, NAVY),
    "img/blog/iq-cover-2000.png": (80, 120, CREAM, PINK),
    "img/blog/fellows-2015.png": (200, 120, GREEN, CREAM),
    "img/blog/webinar-recap.png": (200, 120, PINK, NAVY),
    "img/carousel/iassist.png": (240, 100, NAVY, TEAL),
    "img/carousel/conference-future.png": (240, 100, TEAL, ORANGE),
    "img/carousel/africa-workshop.png": (240, 100, ORANGE, GREEN),
    "img/carousel/africa-workshop-2026.png": (160, 200, ORANGE, CREAM),
    "img/clients/facebook.png": (64, 64, (59, 89, 152), WHITE),
    "img/clients/linkedin.png": (64, 64, (0, 119, 181), WHITE),
    "img/clients/youtube.png": (64, 64, (200, 0, 0), WHITE),
    "img/testimonials/person-1.png": (64, 64, GREY, CREAM),
    "img/community/webinar-series.png": (200, 120, TEAL, PINK),
    "img/conferences/annual/bristol2025-banner.png": (240, 100, (30, 60, 120), ORANGE),
    "img/conferences/annual/virtual2026-banner.png": (240, 100, (90, 40, 120), TEAL),
    "img/conferences/annual/vancouver2027-placeholder.png": (240, 100, GREEN, (90, 160, 210)),
    "conferences/iassist2026/images/sponsor-logo.png": (100, 40, WHITE, NAVY),
}

JPEGS: dict[str, tuple[int, int, Colour]] = {
    "img/blog/halifax-harbour.jpg": (160, 96, (40, 110, 170)),
}

GIFS: dict[str, tuple[int, int, list[Colour]]] = {
    "img/blog/loading-dots.gif": (48, 16, [WHITE, TEAL, PINK, NAVY]),
}

PDFS: dict[str, tuple[str, str]] = {
    "file/conferences/example-flyer.pdf": ("Example visitor flyer", "Example visitor flyer (fictional)"),
    "file/about/strategic-plan-summary.pdf": ("Strategic plan summary", "Strategic plan summary (example)"),
    "file/about/agm24-minutes-example.pdf": ("AGM minutes 2024", "Minutes of the 2024 meeting (example)"),
    "downloads/2013/2013_a1_example.pdf": ("Session A1 slides", "Session A1 slides (example)"),
    "downloads/2013/2013_b2_example.pdf": ("Session B2 slides", "Session B2 slides (example)"),
}


def main() -> None:
    written: dict[str, bytes] = {}
    for rel, (w, h, base, stripe) in PNGS.items():
        written[rel] = png_bytes(w, h, base, stripe)
    for rel, (w, h, colour) in JPEGS.items():
        written[rel] = jpeg_bytes(w, h, colour)
    for rel, (w, h, palette) in GIFS.items():
        written[rel] = gif_bytes(w, h, palette)
    for rel, (title, line) in PDFS.items():
        written[rel] = pdf_bytes(title, line)
    for rel, data in written.items():
        target = STATIC / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        assert len(data) < 20_000, rel
        print(f"{len(data):6d}  {target.relative_to(STATIC.parent)}")


if __name__ == "__main__":
    main()
