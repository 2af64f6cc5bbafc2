"""Draw archkit's own neutral icons (PNG package data) with Pillow.

The diagrams catalogue has product logos, but no neutral picture for generic concepts such
as "a queue", "a cache" or "an API gateway". These are drawn here, once, and committed:
run ``python -m archkit.render.icons.generate`` after changing a drawing. Output is
deterministic (no metadata, fixed size), so regenerating an unchanged drawing changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = 128
SCALE = 4  # supersampling factor for smooth edges
HERE = Path(__file__).resolve().parent

# Muted tile colours by role, white glyphs on top.
EDGE, COMPUTE, STORE, MESSAGING, PLATFORM, OTHER = "#3b6ea8", "#2f8f6f", "#7a5aa6", "#c7772b", "#5f6b7a", "#8a8f98"
WHITE = "#ffffff"


def _tile(draw: Any, colour: str) -> None:
    s = SIZE * SCALE
    draw.rounded_rectangle((4 * SCALE, 4 * SCALE, s - 4 * SCALE, s - 4 * SCALE), radius=22 * SCALE, fill=colour)


def _p(*xy: float) -> list[float]:
    return [v * SCALE for v in xy]


def queue(d: Any) -> None:
    _tile(d, MESSAGING)
    d.rounded_rectangle(_p(18, 44, 110, 84), radius=20 * SCALE, outline=WHITE, width=6 * SCALE)
    for x in (36, 56, 76):
        d.rectangle(_p(x, 54, x + 12, 74), fill=WHITE)
    d.polygon(_p(96, 52, 106, 64, 96, 76), fill=WHITE)


def stream(d: Any) -> None:
    _tile(d, MESSAGING)
    for y in (42, 64, 86):
        pts = [(x, y + 7 * math.sin((x - 20) / 12)) for x in range(22, 107, 2)]
        d.line([(x * SCALE, yy * SCALE) for x, yy in pts], fill=WHITE, width=6 * SCALE, joint="curve")


def cache(d: Any) -> None:
    _tile(d, STORE)
    d.polygon(_p(72, 18, 34, 70, 60, 70, 52, 110, 94, 54, 68, 54, 78, 18), fill=WHITE)


def gateway(d: Any) -> None:
    _tile(d, EDGE)
    d.rounded_rectangle(_p(52, 22, 76, 106), radius=6 * SCALE, fill=WHITE)
    for y in (44, 84):
        d.line(_p(18, y, 48, y), fill=WHITE, width=6 * SCALE)
        d.line(_p(80, y, 106, y), fill=WHITE, width=6 * SCALE)
        d.polygon(_p(104, y - 8, 114, y, 104, y + 8), fill=WHITE)


def load_balancer(d: Any) -> None:
    _tile(d, EDGE)
    d.ellipse(_p(18, 50, 46, 78), fill=WHITE)
    for y in (30, 64, 98):
        d.line(_p(40, 64, 92, y), fill=WHITE, width=6 * SCALE)
        d.ellipse(_p(88, y - 10, 108, y + 10), fill=WHITE)


def cdn(d: Any) -> None:
    _tile(d, EDGE)
    d.ellipse(_p(24, 24, 104, 104), outline=WHITE, width=6 * SCALE)
    d.ellipse(_p(46, 24, 82, 104), outline=WHITE, width=5 * SCALE)
    d.line(_p(24, 64, 104, 64), fill=WHITE, width=5 * SCALE)
    d.line(_p(30, 44, 98, 44), fill=WHITE, width=4 * SCALE)
    d.line(_p(30, 84, 98, 84), fill=WHITE, width=4 * SCALE)


def dns(d: Any) -> None:
    _tile(d, EDGE)
    d.rectangle(_p(60, 20, 68, 110), fill=WHITE)
    d.polygon(_p(30, 30, 92, 30, 104, 42, 92, 54, 30, 54), fill=WHITE)
    d.polygon(_p(98, 62, 36, 62, 24, 74, 36, 86, 98, 86), fill=WHITE)


def service(d: Any) -> None:
    _tile(d, COMPUTE)
    pts = [
        (64 + 42 * math.cos(math.radians(60 * i + 30)), 64 + 42 * math.sin(math.radians(60 * i + 30))) for i in range(6)
    ]
    d.polygon([(x * SCALE, y * SCALE) for x, y in pts], outline=WHITE, width=7 * SCALE)
    d.ellipse(_p(50, 50, 78, 78), fill=WHITE)


def function(d: Any) -> None:
    _tile(d, COMPUTE)
    d.line(_p(38, 24, 50, 24, 92, 106), fill=WHITE, width=9 * SCALE, joint="curve")
    d.line(_p(66, 58, 36, 106), fill=WHITE, width=9 * SCALE)


def worker(d: Any) -> None:
    _tile(d, COMPUTE)
    for i in range(8):
        a = math.radians(45 * i)
        d.line(_p(64, 64, 64 + 44 * math.cos(a), 64 + 44 * math.sin(a)), fill=WHITE, width=14 * SCALE)
    d.ellipse(_p(30, 30, 98, 98), fill=WHITE)
    d.ellipse(_p(50, 50, 78, 78), fill=COMPUTE)


def search(d: Any) -> None:
    _tile(d, STORE)
    d.ellipse(_p(24, 24, 80, 80), outline=WHITE, width=9 * SCALE)
    d.line(_p(74, 74, 104, 104), fill=WHITE, width=13 * SCALE)


def database(d: Any) -> None:
    _tile(d, STORE)
    d.rectangle(_p(30, 36, 98, 92), fill=WHITE)
    d.ellipse(_p(30, 80, 98, 104), fill=WHITE)
    d.ellipse(_p(30, 24, 98, 48), fill=WHITE, outline=STORE, width=4 * SCALE)
    d.arc(_p(30, 50, 98, 74), 0, 180, fill=STORE, width=4 * SCALE)


def object_store(d: Any) -> None:
    _tile(d, STORE)
    d.polygon(_p(26, 40, 102, 40, 92, 106, 36, 106), fill=WHITE)
    d.ellipse(_p(26, 30, 102, 50), fill=WHITE, outline=STORE, width=4 * SCALE)


def identity(d: Any) -> None:
    _tile(d, PLATFORM)
    d.ellipse(_p(44, 20, 84, 60), fill=WHITE)
    d.pieslice(_p(24, 64, 104, 144), 180, 360, fill=WHITE)


def secrets(d: Any) -> None:
    _tile(d, PLATFORM)
    d.arc(_p(40, 20, 88, 72), 180, 360, fill=WHITE, width=9 * SCALE)
    d.line(_p(44, 46, 44, 60), fill=WHITE, width=9 * SCALE)
    d.line(_p(84, 46, 84, 60), fill=WHITE, width=9 * SCALE)
    d.rounded_rectangle(_p(30, 58, 98, 108), radius=8 * SCALE, fill=WHITE)
    d.ellipse(_p(58, 72, 70, 84), fill=PLATFORM)
    d.rectangle(_p(61, 80, 67, 96), fill=PLATFORM)


def monitoring(d: Any) -> None:
    _tile(d, PLATFORM)
    d.line(_p(20, 76, 42, 76, 54, 40, 70, 96, 84, 58, 108, 58), fill=WHITE, width=8 * SCALE, joint="curve")


def client(d: Any) -> None:
    _tile(d, OTHER)
    d.rounded_rectangle(_p(22, 28, 106, 84), radius=6 * SCALE, outline=WHITE, width=7 * SCALE)
    d.rectangle(_p(58, 84, 70, 98), fill=WHITE)
    d.rounded_rectangle(_p(40, 96, 88, 104), radius=3 * SCALE, fill=WHITE)


def external(d: Any) -> None:
    _tile(d, OTHER)
    for box in ((22, 52, 66, 96), (48, 30, 98, 80), (74, 56, 108, 96)):
        d.ellipse(_p(*box), fill=WHITE)
    d.rectangle(_p(44, 74, 92, 96), fill=WHITE)


def generic(d: Any) -> None:
    _tile(d, OTHER)
    d.rounded_rectangle(_p(32, 32, 96, 96), radius=10 * SCALE, outline=WHITE, width=8 * SCALE)


DRAWINGS: dict[str, Callable[[Any], None]] = {
    f.__name__: f
    for f in (
        queue, stream, cache, gateway, load_balancer, cdn, dns, service, function, worker, search,
        database, object_store, identity, secrets, monitoring, client, external, generic,
    )
}  # fmt: skip


def main() -> None:
    from PIL import Image, ImageDraw

    for name, draw in DRAWINGS.items():
        img = Image.new("RGBA", (SIZE * SCALE, SIZE * SCALE), (0, 0, 0, 0))
        draw(ImageDraw.Draw(img))
        img = img.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
        img.save(HERE / f"{name}.png", optimize=True)
        print(f"wrote {name}.png")


if __name__ == "__main__":
    main()
