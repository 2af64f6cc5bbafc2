"""Approximate cost of a critique: a small, dated price table per model family.

Prices are USD per million tokens (input, output) from Anthropic's public models page as
of PRICES_AS_OF. They change; the figure shown is an estimate, never a bill. A model id is
matched to the longest prefix in the table; an unknown model has no price (cost ``None``).
"""

from __future__ import annotations

PRICES_AS_OF = "2026-11-25"

# prefix -> (input, output) USD per million tokens
PRICES: dict[str, tuple[float, float]] = {
    "claude-fable-5": (10.0, 50.0),
    "claude-opus-5-5": (4.0, 20.0),
    "claude-opus-5": (5.0, 25.0),
    "claude-sonnet-5": (2.0, 10.0),
    "claude-haiku-5": (0.10, 0.50),  # "from" price: the lowest tier
    "claude-opus-4-5": (5.0, 25.0),
    "claude-opus-4": (15.0, 75.0),
    "claude-sonnet-4": (3.0, 15.0),
    "claude-haiku-4": (1.0, 5.0),
}


def price_of(model: str) -> tuple[float, float] | None:
    """(input, output) USD per million tokens for ``model``, or None when not in the table."""
    best = max((p for p in PRICES if model.startswith(p)), key=len, default=None)
    return PRICES[best] if best is not None else None


def cost_usd(model: str, input_tokens: int, output_tokens: int) -> float | None:
    """Approximate cost of one call in USD (rounded to 1/10000 of a dollar), or None when unknown."""
    price = price_of(model)
    if price is None:
        return None
    return round((input_tokens * price[0] + output_tokens * price[1]) / 1_000_000, 4)
