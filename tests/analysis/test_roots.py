"""archkit's own Brent root finder gives SciPy's answers to the last bit, and fails as SciPy does."""

from __future__ import annotations

import math
import random

import pytest
from scipy.optimize import brentq as scipy_brentq

from archkit.analysis.queueing import mixture_quantile, mmc_response_sf
from archkit.analysis.roots import brentq


def _cases() -> list[tuple[str, object, float, float]]:
    rng = random.Random(7)
    cases: list[tuple[str, object, float, float]] = [
        ("cubic", lambda x: x**3 - 2 * x - 5, 2.0, 3.0),
        ("cos", lambda x: math.cos(x) - x, 0.0, 1.0),
        ("flat then steep", lambda x: math.exp(10 * x) - 1e4, 0.0, 2.0),
        ("root at an end", lambda x: x - 1.0, 1.0, 4.0),
        ("negative zero", lambda x: -0.0 if x == 0 else x, 0.0, 1.0),
    ]
    for i in range(200):  # the analysis' own functions: M/M/c response-time tails
        s = rng.uniform(0.001, 0.2)
        c = rng.randint(1, 64)
        lam = rng.uniform(0.05, 0.97) * c / s
        target = 1 - rng.choice([0.5, 0.9, 0.95, 0.99, 0.999])
        hi = s * max(1.0, -math.log(target))
        while mmc_response_sf(hi, lam, s, c) > target:
            hi *= 2.0
        cases.append((f"mmc{i}", lambda t, lam=lam, s=s, c=c, g=target: mmc_response_sf(t, lam, s, c) - g, 0.0, hi))
    return cases


@pytest.mark.parametrize(("name", "f", "a", "b"), _cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_same_root_as_scipy_bit_for_bit(name: str, f, a: float, b: float) -> None:  # type: ignore[no-untyped-def]
    for xtol, rtol in ((2e-12, 8.881784197001252e-16), (1e-12 * b, 1e-10)):
        assert brentq(f, a, b, xtol=xtol, rtol=rtol) == scipy_brentq(f, a, b, xtol=xtol, rtol=rtol)


def test_no_sign_change_and_no_convergence_are_errors() -> None:
    with pytest.raises(ValueError, match="different signs"):
        brentq(lambda x: x * x + 1, -1.0, 1.0)
    with pytest.raises(ArithmeticError, match="no root found in 3 steps"):
        brentq(lambda x: x**3 - 2 * x - 5, 2.0, 3.0, xtol=1e-15, rtol=1e-15, maxiter=3)


def test_the_mixture_quantile_is_where_the_tail_crosses() -> None:
    parts = [(0.7, 0.2, 50.0, 0.01), (0.3, 0.2, 50.0, 0.05)]
    q99 = mixture_quantile(0.99, parts)
    assert q99 > 0.05
    from archkit.analysis.queueing import response_sf

    assert sum(w * response_sf(q99, pw, th, s) for w, pw, th, s in parts) == pytest.approx(0.01, rel=1e-9)
