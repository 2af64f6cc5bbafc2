"""Textbook queueing formulas: M/M/c (Erlang C) and M/M/∞, in consistent time units.

Every function takes the arrival rate ``lam`` and the mean service time ``s`` in the same
time unit (archkit passes requests/ms and ms) and ``c`` identical servers.

Response time of M/M/c (FCFS): R = W + S, where S ~ Exp(μ) with μ = 1/s, and the wait W is
0 with probability 1 − C and Exp(cμ − λ) with probability C (C = Erlang C, the
probability of waiting). So

    P(R ≤ t) = (1 − C)(1 − e^{−μt}) + C · H(t; cμ − λ, μ)

where H is the CDF of the sum of two independent exponentials (hypoexponential). The
mean is s + C / (cμ − λ); percentiles are found by numeric inversion of this CDF
(Brent's method), which is exact up to 1e-9 relative.
"""

from __future__ import annotations

import math

from archkit.analysis.roots import brentq


def erlang_b(c: int, a: float) -> float:
    """Erlang B blocking probability for ``c`` servers and offered load ``a`` (stable recursion)."""
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(c: int, a: float) -> float:
    """Probability an arrival waits in M/M/c with offered load ``a = λ·s`` (requires a < c)."""
    if a <= 0:
        return 0.0
    if a >= c:
        return 1.0
    b = erlang_b(c, a)
    return c * b / (c - a * (1.0 - b))


def utilization(lam: float, s: float, c: int) -> float:
    return lam * s / c


def mmc_mean_wait(lam: float, s: float, c: int) -> float:
    """Mean time in queue (before service); ``inf`` when saturated."""
    a = lam * s
    if a >= c:
        return math.inf
    if a <= 0:
        return 0.0
    return erlang_c(c, a) * s / (c - a)


def mmc_mean_response(lam: float, s: float, c: int) -> float:
    """Mean response time (wait + service); ``inf`` when saturated."""
    return s + mmc_mean_wait(lam, s, c)


def _hypoexp_sf(t: float, a: float, b: float) -> float:
    """P(X + Y > t) for independent X ~ Exp(a), Y ~ Exp(b)."""
    if abs(a - b) <= 1e-9 * max(a, b):
        return math.exp(-a * t) * (1.0 + a * t)
    return (b * math.exp(-a * t) - a * math.exp(-b * t)) / (b - a)


def mmc_response_sf(t: float, lam: float, s: float, c: int) -> float:
    """P(R > t), the response-time survival function of M/M/c."""
    if t <= 0:
        return 1.0
    mu = 1.0 / s
    a = lam * s
    if a >= c:
        return 1.0
    pw = erlang_c(c, a) if a > 0 else 0.0
    theta = c * mu - lam
    return (1.0 - pw) * math.exp(-mu * t) + pw * _hypoexp_sf(t, theta, mu)


def mmc_response_quantile(q: float, lam: float, s: float, c: int) -> float:
    """The ``q`` quantile (0 < q < 1) of response time; ``inf`` when saturated."""
    a = lam * s
    if a >= c:
        return math.inf
    target = 1.0 - q
    lo, hi = 0.0, s * max(1.0, -math.log(target))
    while mmc_response_sf(hi, lam, s, c) > target:
        hi *= 2.0
    return float(brentq(lambda t: mmc_response_sf(t, lam, s, c) - target, lo, hi, xtol=1e-12 * hi, rtol=1e-10))


def mmc_wait_sf(t: float, lam: float, s: float, c: int) -> float:
    """P(W > t) = C · e^{−(cμ−λ)t}: probability of waiting longer than ``t`` in queue."""
    a = lam * s
    if a >= c:
        return 1.0
    return erlang_c(c, a) * math.exp(-(c / s - lam) * t)


def exp_quantile(q: float, s: float) -> float:
    """Quantile of an exponential with mean ``s`` (M/M/∞: response time = service time)."""
    return -s * math.log(1.0 - q)


def response_sf(t: float, pw: float, theta: float, s: float) -> float:
    """P(R > t) when a request waits with probability ``pw`` for an Exp(``theta``) time and is then
    served for an Exp(mean ``s``) time: the M/M/c response with one operation's own service time."""
    if t <= 0:
        return 1.0
    mu = 1.0 / s
    if pw <= 0:
        return math.exp(-mu * t)
    if theta <= 0:
        raise ValueError(f"a queue with waiting probability {pw} needs a positive drain rate, got {theta}")
    return (1.0 - pw) * math.exp(-mu * t) + pw * _hypoexp_sf(t, theta, mu)


def mixture_quantile(q: float, parts: list[tuple[float, float, float, float]]) -> float:
    """The ``q`` quantile of a mixture of responses: ``parts`` are (weight, pw, theta, s) with
    weights summing to 1 (a component's own time over its operations, by their rps)."""
    parts = [p for p in parts if p[0] > 0]
    if not parts:
        return 0.0
    target = 1.0 - q

    def sf(t: float) -> float:
        return sum(w * response_sf(t, pw, theta, s) for w, pw, theta, s in parts)

    hi = max(s for _, _, _, s in parts) * max(1.0, -math.log(target))
    while sf(hi) > target:
        hi *= 2.0
    return float(brentq(lambda t: sf(t) - target, 0.0, hi, xtol=1e-12 * hi, rtol=1e-10))
